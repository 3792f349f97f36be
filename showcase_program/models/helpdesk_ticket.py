# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _rc_vip_priorities(self):
        """Showcase customers' requests are raised above the VIP ones."""
        return dict(super()._rc_vip_priorities(), showcase="3")
