# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class KamAccountPlanAction(models.Model):
    _name = "kam.account.plan.action"
    _inherit = ["kam.account.plan.line"]
    _description = "Account Plan Action"
    _order = "plan_id, date_deadline, sequence, id"
    # The plan's actions are followed up during execution: done, reassigned, rescheduled.
    _plan_open_fields = {
        "approved": ("state", "user_id", "date_deadline"),
        "execution": ("state", "user_id", "date_deadline"),
    }

    plan_id = fields.Many2one(
        "kam.account.plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True)
    strategy = fields.Char()
    objective_id = fields.Many2one(
        "kam.account.plan.objective", domain="[('plan_id', '=', plan_id)]"
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", required=True, default=lambda self: self.env.user
    )
    date_deadline = fields.Date(string="Deadline", required=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancel", "Cancelled")],
        required=True,
        default="todo",
    )
    is_late = fields.Boolean(compute="_compute_is_late")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)

    @api.depends("date_deadline", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_late = line.state == "todo" and line.date_deadline < today
