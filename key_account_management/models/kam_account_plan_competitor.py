# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamAccountPlanCompetitor(models.Model):
    """A competitor at the account, analysed with six questions."""

    _name = "kam.account.plan.competitor"
    _inherit = ["kam.account.plan.line"]
    _description = "Account Plan Competitor Analysis"
    _order = "plan_id, id"
    _rec_name = "competitor_id"

    plan_id = fields.Many2one(
        "kam.account.plan", required=True, ondelete="cascade", index=True
    )
    competitor_id = fields.Many2one(
        "kam.competitor", required=True, ondelete="restrict"
    )
    q_positioning = fields.Text(string="Market Positioning and Goals")
    q_market_strategy = fields.Text(string="Market Strategy")
    q_relationship_strategy = fields.Text(string="Relationship Improvement Strategy")
    q_relationship_means = fields.Text(string="Relationship Development Means")
    q_support_points = fields.Text(
        string="Support Points, Relationship Level and Problems",
        help="Main support points of its customer relationship, its level and its problems.",
    )
    q_organisation = fields.Text(string="Organisation and Division of Work")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
