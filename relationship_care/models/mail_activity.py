# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """A care activity marked done is logged as an interaction of its account."""
        occasions = (
            self.env["rc.care.occasion"]
            .sudo()
            .search([("activity_id", "in", self.ids)])
        )
        if occasions:
            occasions._rc_log_done(feedback)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
