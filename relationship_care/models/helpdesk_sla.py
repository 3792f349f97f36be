# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.key_account_management.models.res_partner import ACCOUNT_TIERS

from .res_partner import VIP_LEVELS


class HelpdeskSla(models.Model):
    _inherit = "helpdesk.sla"

    rc_vip_level = fields.Selection(
        VIP_LEVELS,
        string="Service Level",
        help="Applies only to tickets of accounts of this service level (VIP green channel).",
    )
    rc_kam_tier = fields.Selection(
        ACCOUNT_TIERS,
        string="Account Tier",
        help="Applies only to tickets of accounts of this tier.",
    )
    rc_response_hours = fields.Float(
        string="Response Time (h)",
        help="Hours from creation to the first response. 0: no response target.",
    )
