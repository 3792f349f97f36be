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

    @api.constrains("kam_claim_expiry_days", "kam_clv_years")
    def _check_kam_positive_periods(self):
        for company in self:
            if company.kam_claim_expiry_days < 1 or company.kam_clv_years < 1:
                raise ValidationError(
                    self.env._(
                        "The claim expiry and the CLV horizon must be at least one "
                        "day and one year."
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"kam_threshold_key", "kam_threshold_regular", "kam_threshold_potential"} & set(vals):
            # Suggested tiers are stored: recompute them for the scored accounts.
            Partner = self.env["res.partner"].sudo()
            scored = Partner.search([("kam_score_line_ids", "!=", False)])
            for field_name in ("kam_score_total", "kam_suggested_tier"):
                self.env.add_to_compute(Partner._fields[field_name], scored)
        return res

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
