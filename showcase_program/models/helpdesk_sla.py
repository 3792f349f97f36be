# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .res_partner import SHOWCASE_VIP_LEVEL


class HelpdeskSla(models.Model):
    _inherit = "helpdesk.sla"

    # the SLA of the showcase level is this module's data: it goes with it
    rc_vip_level = fields.Selection(
        selection_add=SHOWCASE_VIP_LEVEL, ondelete={"showcase": "cascade"}
    )
