# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventRegistration(models.Model):
    _inherit = "event.registration"

    rc_club_level_id = fields.Many2one(
        "rc.club.level",
        string="Club Level",
        related="partner_id.commercial_partner_id.rc_club_level_id",
        store=True,
    )
    rc_account_id = fields.Many2one(
        "res.partner",
        string="Account",
        related="partner_id.commercial_partner_id",
        store=True,
    )

    @api.constrains("event_id", "partner_id")
    def _check_rc_club_member(self):
        """Club events take members only; other events are left as they are."""
        for registration in self.sudo().filtered("event_id.rc_is_club_event"):
            event = registration.event_id
            level = registration.partner_id.commercial_partner_id.rc_club_level_id
            if not level:
                raise ValidationError(
                    self.env._(
                        "%(event)s is a key-account club event: only club members "
                        "can register, and %(partner)s is not one.",
                        event=event.name,
                        partner=registration.partner_id.display_name
                        or registration.name
                        or "-",
                    )
                )
            if event.rc_club_level_ids and level not in event.rc_club_level_ids:
                raise ValidationError(
                    self.env._(
                        "%(event)s is open to the club levels %(levels)s only; "
                        "%(partner)s is at the %(level)s level.",
                        event=event.name,
                        levels=", ".join(event.rc_club_level_ids.mapped("name")),
                        partner=registration.partner_id.display_name,
                        level=level.name,
                    )
                )
