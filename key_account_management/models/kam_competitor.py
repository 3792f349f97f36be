# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamCompetitor(models.Model):
    """A competitor (友商) with its offer, and the accounts where we meet it."""

    _name = "kam.competitor"
    _description = "Competitor"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Competitor Company",
        help="The competitor as a company in the contacts.",
    )
    products = fields.Text(help="Products and solutions the competitor offers.")
    differentiation = fields.Text(help="How the competitor sets itself apart.")
    strengths = fields.Text()
    weaknesses = fields.Text()
    account_ids = fields.Many2many(
        "res.partner",
        "res_partner_kam_competitor_rel",
        "competitor_id",
        "partner_id",
        string="Accounts",
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
