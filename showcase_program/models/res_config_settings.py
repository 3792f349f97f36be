# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sc_expiry_reminder_days = fields.Char(
        related="company_id.sc_expiry_reminder_days", readonly=False
    )
