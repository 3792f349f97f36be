# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    kam_claim_expiry_days = fields.Integer(
        string="Claim Expiry (days)",
        default=30,
        help="A claimed account without any normative sales action (logged note or "
        "activity, meeting, interaction) for this many days returns to its territory pool.",
    )
    kam_threshold_key = fields.Float(string="Key Account Score Threshold", default=70.0)
    kam_threshold_regular = fields.Float(
        string="Regular Account Score Threshold", default=45.0
    )
    kam_threshold_potential = fields.Float(
        string="Potential Account Score Threshold", default=20.0
    )
    kam_clv_margin = fields.Float(
        string="CLV Gross Margin (%)",
        default=30.0,
        help="Gross margin earned on the account's revenue, used by the CLV estimate.",
    )
    kam_clv_retention = fields.Float(
        string="CLV Retention Rate (%)",
        default=85.0,
        help="Probability that the account buys again the next year.",
    )
    kam_clv_discount = fields.Float(string="CLV Discount Rate (%)", default=10.0)
    kam_clv_years = fields.Integer(string="CLV Horizon (years)", default=5)

    _sql_constraints = [
        (
            "kam_claim_expiry_days_positive",
            "CHECK (kam_claim_expiry_days > 0)",
            "The claim expiry must be at least one day.",
        ),
        (
            "kam_clv_years_positive",
            "CHECK (kam_clv_years > 0)",
            "The CLV horizon must be at least one year.",
        ),
    ]

    @api.constrains(
        "kam_threshold_key", "kam_threshold_regular", "kam_threshold_potential"
    )
    def _check_kam_thresholds(self):
        for company in self:
            thresholds = (
                company.kam_threshold_potential,
                company.kam_threshold_regular,
                company.kam_threshold_key,
            )
            if not all(0 <= t <= 100 for t in thresholds) or list(thresholds) != sorted(
                thresholds
            ):
                raise ValidationError(
                    self.env._(
                        "Tier thresholds must lie between 0 and 100 and rise from "
                        "potential to regular to key."
                    )
                )

    @api.constrains("kam_clv_margin", "kam_clv_retention", "kam_clv_discount")
    def _check_kam_clv_rates(self):
        for company in self:
            rates = (company.kam_clv_margin, company.kam_clv_retention, company.kam_clv_discount)
            if not all(0 <= r <= 100 for r in rates):
                raise ValidationError(
                    self.env._("CLV rates are percentages between 0 and 100.")
                )
