# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamAccountPlanReturnWizard(models.TransientModel):
    _name = "kam.account.plan.return.wizard"
    _description = "Return an Account Plan"

    plan_id = fields.Many2one("kam.account.plan", required=True, ondelete="cascade")
    comment = fields.Text(required=True, help="Why the plan goes back to its owner.")

    def action_confirm(self):
        self.ensure_one()
        self.plan_id.action_return(self.comment)
        return {"type": "ir.actions.act_window_close"}
