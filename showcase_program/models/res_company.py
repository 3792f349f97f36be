# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    sc_expiry_reminder_days = fields.Char(
        string="Agreement Expiry Reminders",
        default="60,30,7",
        help="Days before a showcase agreement expires when its signatory is reminded, "
        "comma-separated. Each reminder is sent once.",
    )
