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
    kam_four_eyes = fields.Boolean(
        string="Four-Eyes Approvals",
        default=True,
        help="Nobody approves a request they made themselves (account plans, gifts, "
        "showcase reviews...). Turn off only for teams too small to have a second person.",
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
    # --- decision chain coverage and early warning ------------------------------------
    kam_min_contacts_key = fields.Integer(
        string="Minimum Contacts (Key)",
        default=4,
        help="A key account with fewer known people is single-threaded.",
    )
    kam_coverage_rising_star = fields.Boolean(
        string="Key Accounts Need a Rising Star",
        help="A key account without a rising star (a person about to become a key "
        "person) is single-threaded: the next generation of the decision chain is "
        "not covered.",
    )
    kam_min_contacts_regular = fields.Integer(
        string="Minimum Contacts (Regular)", default=2
    )
    kam_min_contacts_potential = fields.Integer(
        string="Minimum Contacts (Potential)", default=1
    )
    kam_interaction_gap_key = fields.Integer(
        string="Interaction Gap (Key, days)",
        default=30,
        help="No interaction for this many days rates the account amber; twice as long, "
        "red.",
    )
    kam_interaction_gap_regular = fields.Integer(
        string="Interaction Gap (Regular, days)", default=60
    )
    kam_interaction_gap_potential = fields.Integer(
        string="Interaction Gap (Potential, days)", default=90
    )
    kam_warning_window_days = fields.Integer(
        string="Warning Window (days)",
        default=90,
        help="How long an attitude drop or a key person leaving keeps warning.",
    )

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
        if {
            "kam_threshold_key",
            "kam_threshold_regular",
            "kam_threshold_potential",
        } & set(vals):
            # Suggested tiers are stored: recompute them for the scored accounts.
            Partner = self.env["res.partner"].sudo()
            scored = Partner.search([("kam_score_line_ids", "!=", False)])
            for field_name in ("kam_score_total", "kam_suggested_tier"):
                self.env.add_to_compute(Partner._fields[field_name], scored)
        return res

    def _kam_min_contacts(self, tier):
        self.ensure_one()
        return (
            self[f"kam_min_contacts_{tier}"]
            if tier in ("key", "regular", "potential")
            else 0
        )

    def _kam_interaction_gap(self, tier):
        self.ensure_one()
        if tier in ("key", "regular", "potential"):
            return self[f"kam_interaction_gap_{tier}"]
        return 0

    @api.constrains(
        "kam_min_contacts_key",
        "kam_min_contacts_regular",
        "kam_min_contacts_potential",
        "kam_interaction_gap_key",
        "kam_interaction_gap_regular",
        "kam_interaction_gap_potential",
        "kam_warning_window_days",
    )
    def _check_kam_warning_settings(self):
        for company in self:
            if (
                min(
                    company.kam_min_contacts_key,
                    company.kam_min_contacts_regular,
                    company.kam_min_contacts_potential,
                )
                < 0
                or min(
                    company.kam_interaction_gap_key,
                    company.kam_interaction_gap_regular,
                    company.kam_interaction_gap_potential,
                    company.kam_warning_window_days,
                )
                < 1
            ):
                raise ValidationError(
                    self.env._(
                        "Minimum contacts cannot be negative, and interaction gaps and "
                        "the warning window are at least one day."
                    )
                )

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
            rates = (
                company.kam_clv_margin,
                company.kam_clv_retention,
                company.kam_clv_discount,
            )
            if not all(0 <= r <= 100 for r in rates):
                raise ValidationError(
                    self.env._("CLV rates are percentages between 0 and 100.")
                )
