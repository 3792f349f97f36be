# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .rc_care_policy import SENIORITY


class ResUsers(models.Model):
    _inherit = "res.users"

    rc_seniority = fields.Selection(
        SENIORITY,
        string="Care Seniority",
        help="Seniority of this user in customer visits (company executive, branch "
        "general manager, account manager).",
    )
