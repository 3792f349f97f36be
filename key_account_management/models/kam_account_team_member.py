# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamAccountTeamMember(models.Model):
    """Further member of an account team (seed 001 §1.2 客户团队).

    The key account manager, the executive sponsor and the sales manager are fields of the
    account itself; the other roles (technical support, after-sales, marketing...) are lines.
    """

    _name = "kam.account.team.member"
    _description = "Account Team Member"
    _order = "partner_id, role, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users", string="Member", required=True, ondelete="cascade", index=True
    )
    role = fields.Selection(
        [
            ("technical_support", "Technical Support"),
            ("after_sales", "After-Sales Service"),
            ("marketing", "Marketing"),
            ("sales", "Sales"),
            ("other", "Other"),
        ],
        required=True,
        default="sales",
    )
    note = fields.Char()
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    _sql_constraints = [
        (
            "member_role_unique",
            "UNIQUE (partner_id, user_id, role)",
            "This person already has this role on the account team.",
        ),
    ]
