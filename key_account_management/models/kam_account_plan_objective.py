# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KamAccountPlanObjective(models.Model):
    _name = "kam.account.plan.objective"
    _inherit = ["kam.account.plan.line"]
    _description = "Account Plan Objective"
    _order = "plan_id, sequence, id"
    # Targets are what was approved; actuals are reported during execution.
    _plan_open_fields = {"approved": ("actual",), "execution": ("actual",)}

    plan_id = fields.Many2one(
        "kam.account.plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Objective", required=True)
    dimension = fields.Selection(
        [
            ("market", "Market"),
            ("organisation", "Organisation Relationship"),
            ("key_person", "Key Person Relationship"),
            ("extensive", "Extensive Relationship"),
            ("other", "Other"),
        ],
        default="market",
    )
    kpi = fields.Char(string="KPI", required=True)
    target = fields.Float(string="Target Value", digits=(16, 2))
    actual = fields.Float(string="Actual Value", digits=(16, 2))
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_achievement",
        store=True,
        aggregator="avg",
        digits=(16, 1),
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)

    @api.depends("target", "actual")
    def _compute_achievement(self):
        for line in self:
            line.achievement = line.actual / line.target * 100 if line.target else 0.0
