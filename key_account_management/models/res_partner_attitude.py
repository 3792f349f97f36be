# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    """Bookkeeping of the decision chain's people: attitude history, leaving dates."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _kam_record_attitude_changes(self, before):
        """Write one history line per person whose attitude changed.

        ``before`` maps partner id to its attitude before the change.
        """
        lines = [
            {
                "partner_id": partner.id,
                "decision_role": partner.kam_decision_role,
                "old_attitude": before.get(partner.id) or False,
                "new_attitude": partner.kam_attitude or False,
                "user_id": self.env.uid,
            }
            for partner in self
            if (before.get(partner.id) or False) != (partner.kam_attitude or False)
        ]
        if lines:
            self.env["kam.attitude.history"].sudo().create(lines)

    def _kam_stamp_leavers(self, vals):
        """Date a key person's leaving (archived or marked left) for the early warning;
        clear the date when the person is back."""
        if "kam_has_left" not in vals and "active" not in vals:
            return
        # Bookkeeping as the system: plain employees archive contacts too.
        people = self.sudo().filtered(lambda p: not p.is_company)
        gone = people.filtered(lambda p: p.kam_has_left or not p.active)
        leaving = gone.filtered(lambda p: not p.kam_left_date and p.kam_is_key_person)
        back = (people - gone).filtered("kam_left_date")
        if leaving:
            leaving.write({"kam_left_date": fields.Date.context_today(self)})
        if back:
            back.write({"kam_left_date": False})
