# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    kam_company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="KAM Company Currency"
    )
    kam_service_large_revenue = fields.Monetary(
        related="company_id.kam_service_large_revenue",
        currency_field="kam_company_currency_id",
        readonly=False,
    )
    kam_service_large_employees = fields.Integer(
        related="company_id.kam_service_large_employees", readonly=False
    )
    kam_service_medium_revenue = fields.Monetary(
        related="company_id.kam_service_medium_revenue",
        currency_field="kam_company_currency_id",
        readonly=False,
    )
    kam_service_medium_employees = fields.Integer(
        related="company_id.kam_service_medium_employees", readonly=False
    )
