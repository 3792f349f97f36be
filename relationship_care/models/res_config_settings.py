# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rc_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Gift Limit Currency"
    )
    rc_gift_limit = fields.Monetary(
        related="company_id.rc_gift_limit",
        readonly=False,
        currency_field="rc_currency_id",
    )
    rc_gift_limit_year = fields.Monetary(
        related="company_id.rc_gift_limit_year",
        readonly=False,
        currency_field="rc_currency_id",
    )
    rc_gift_official_limit = fields.Monetary(
        related="company_id.rc_gift_official_limit",
        readonly=False,
        currency_field="rc_currency_id",
    )
    rc_gift_official_limit_year = fields.Monetary(
        related="company_id.rc_gift_official_limit_year",
        readonly=False,
        currency_field="rc_currency_id",
    )
