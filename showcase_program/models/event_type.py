# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

MARKETING_MODES = [
    ("summit", "Industry Summit"),
    ("site_tour", "Showcase Site Experience Tour"),
    ("replication", "Small Industry Replication Meeting"),
    ("acceptance", "Project Acceptance Meeting / Centralised Signing"),
]


class EventType(models.Model):
    _inherit = "event.type"

    sc_marketing_mode = fields.Selection(
        MARKETING_MODES,
        string="Showcase Marketing Mode",
        help="One of the four showcase marketing modes.",
    )
    sc_min_companies = fields.Integer(string="Minimum Companies")
    sc_max_companies = fields.Integer(
        string="Maximum Companies", help="0 means no upper limit."
    )
    sc_target = fields.Char(string="Target Customers", translate=True)
    sc_venue = fields.Char(string="Typical Venue", translate=True)
