# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    rc_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalation Owner",
        help="Notified when a ticket of this team breaches its SLA. Empty: the account's "
        "key account manager, then the team leader.",
    )
