# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    rc_interaction_ids = fields.One2many(
        "rc.interaction",
        "calendar_event_id",
        string="Logged Interactions",
        groups="key_account_management.group_kam_user",
    )

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events._rc_keep_care_events_private()
        return events

    def write(self, vals):
        res = super().write(vals)
        if {"privacy", "res_model_id", "res_id", "activity_ids"} & set(vals):
            self._rc_keep_care_events_private()
        return res

    def _rc_keep_care_events_private(self):
        """A meeting scheduled from a care activity about a person (birthday, holiday
        greeting) is about the person's private care profile: its name, date and notes
        would tell every employee the birthday. Such meetings are private: others see
        only that the attendees are busy."""
        events = self.sudo().filtered(
            lambda e: e.privacy != "private"
            and (
                e.res_model == "rc.care.profile"
                or "rc.care.profile" in e.activity_ids.mapped("res_model")
            )
        )
        if events:
            events.write({"privacy": "private"})

    def action_rc_log_visit(self):
        """Log this meeting as a visit of the account whose people attend it, in one step."""
        self.ensure_one()
        if not self.env.user.has_group("key_account_management.group_kam_user"):
            raise AccessError(
                self.env._("Only Key Accounts users log meetings as visits.")
            )
        if self.rc_interaction_ids:
            raise UserError(self.env._("This meeting is already logged as a visit."))
        internal = self.partner_ids.filtered(lambda p: p.user_ids)
        customers = self.partner_ids - internal
        accounts = customers.commercial_partner_id.filtered("is_company")
        if not accounts:
            raise UserError(
                self.env._("Invite at least one contact of an account to log a visit.")
            )
        account = accounts.sorted(lambda a: (a.kam_tier != "key", a.id))[:1]
        users = internal.user_ids.filtered(lambda u: not u.share) | self.user_id
        interaction = self.env["rc.interaction"].create(
            {
                "name": self.name,
                "interaction_type": "visit",
                "date": fields.Date.context_today(self, self.start),
                "account_id": account.id,
                "contact_ids": [
                    fields.Command.set(
                        customers.filtered(
                            lambda p: p.commercial_partner_id == account
                            and not p.is_company
                        ).ids
                    )
                ],
                "user_id": (self.user_id or self.env.user).id,
                "participant_ids": [fields.Command.set(users.ids)],
                "outcome": self.description and self.env._("See the meeting notes."),
                "calendar_event_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "rc.interaction",
            "res_id": interaction.id,
            "view_mode": "form",
            "target": "current",
        }
