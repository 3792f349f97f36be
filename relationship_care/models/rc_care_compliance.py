# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RcCareCompliance(models.Model):
    """Done vs required per frequency policy, account and period; kept by the care job."""

    _name = "rc.care.compliance"
    _description = "Care Compliance"
    _order = "period_start desc, rate, id"
    _rec_name = "partner_id"

    policy_id = fields.Many2one("rc.care.policy", required=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Account", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", index=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    required = fields.Integer(aggregator="sum")
    done = fields.Integer(aggregator="sum")
    rate = fields.Float(string="Compliance (%)", digits=(16, 1), aggregator="avg")
    kam_manager_id = fields.Many2one(related="partner_id.kam_manager_id")

    _sql_constraints = [
        (
            "period_unique",
            "UNIQUE (policy_id, partner_id, period_start)",
            "One compliance line per policy, account and period.",
        ),
    ]
