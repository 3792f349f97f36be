# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    rc_is_club_event = fields.Boolean(
        string="Club Event",
        help="Only members of the key-account club (and their contacts) can register.",
    )
    rc_club_level_ids = fields.Many2many(
        "rc.club.level",
        string="Club Levels",
        help="The club levels invited; empty: every member.",
    )
