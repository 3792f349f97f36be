# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScShowcaseRejectWizard(models.TransientModel):
    _name = "sc.showcase.reject.wizard"
    _description = "Reject Showcase Review"

    showcase_id = fields.Many2one("sc.showcase", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        self.showcase_id._reject_review(self.reason)
        return {"type": "ir.actions.act_window_close"}
