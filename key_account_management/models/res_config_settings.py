# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kam_claim_expiry_days = fields.Integer(
        related="company_id.kam_claim_expiry_days", readonly=False
    )
    kam_four_eyes = fields.Boolean(related="company_id.kam_four_eyes", readonly=False)
    kam_threshold_key = fields.Float(
        related="company_id.kam_threshold_key", readonly=False
    )
    kam_threshold_regular = fields.Float(
        related="company_id.kam_threshold_regular", readonly=False
    )
    kam_threshold_potential = fields.Float(
        related="company_id.kam_threshold_potential", readonly=False
    )
    kam_clv_margin = fields.Float(related="company_id.kam_clv_margin", readonly=False)
    kam_clv_retention = fields.Float(
        related="company_id.kam_clv_retention", readonly=False
    )
    kam_clv_discount = fields.Float(
        related="company_id.kam_clv_discount", readonly=False
    )
    kam_clv_years = fields.Integer(related="company_id.kam_clv_years", readonly=False)
    kam_min_contacts_key = fields.Integer(
        related="company_id.kam_min_contacts_key", readonly=False
    )
    kam_min_contacts_regular = fields.Integer(
        related="company_id.kam_min_contacts_regular", readonly=False
    )
    kam_coverage_rising_star = fields.Boolean(
        related="company_id.kam_coverage_rising_star", readonly=False
    )
    kam_min_contacts_potential = fields.Integer(
        related="company_id.kam_min_contacts_potential", readonly=False
    )
    kam_interaction_gap_key = fields.Integer(
        related="company_id.kam_interaction_gap_key", readonly=False
    )
    kam_interaction_gap_regular = fields.Integer(
        related="company_id.kam_interaction_gap_regular", readonly=False
    )
    kam_interaction_gap_potential = fields.Integer(
        related="company_id.kam_interaction_gap_potential", readonly=False
    )
    kam_warning_window_days = fields.Integer(
        related="company_id.kam_warning_window_days", readonly=False
    )
