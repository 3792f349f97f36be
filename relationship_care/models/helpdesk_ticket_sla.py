# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicketSla(models.Model):
    _inherit = "helpdesk.ticket.sla"

    rc_escalated_date = fields.Datetime(
        string="Escalated On",
        readonly=True,
        copy=False,
        help="When the breach of this SLA was escalated; a breach escalates once.",
    )

    @api.depends("sla_id")
    def _compute_sla_data(self):
        res = super()._compute_sla_data()
        for record in self:
            override = (
                record.ticket_id.commercial_partner_id.sudo().rc_sla_resolution_hours
            )
            if override and (record.sla_id.rc_vip_level or record.sla_id.rc_kam_tier):
                record.hours = override
        return res
