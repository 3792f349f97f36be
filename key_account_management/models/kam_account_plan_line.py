# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class KamAccountPlanLine(models.AbstractModel):
    """The lines of an account plan (objectives, actions, competitor analysis) are its
    content: once the plan is submitted they no longer change, except the fields a state
    keeps open (``_plan_open_fields``: e.g. an objective's actual value during execution).
    """

    _name = "kam.account.plan.line"
    _description = "Account Plan Line"

    # {plan state: fields that stay editable in that state}; the sequence (drag handle)
    # is presentation and stays editable.
    _plan_open_fields = {}

    def _plan_line_check(self, plans, fnames=None):
        """Refuse the change of ``fnames`` (creation or deletion when None) on lines of
        plans that are submitted or further."""
        if self.env.su:
            return
        for plan in plans:
            if plan.state not in plan._workflow_locked_states:
                continue
            editable = set(self._plan_open_fields.get(plan.state, ())) | {"sequence"}
            blocked = None if fnames is None else set(fnames) - editable
            if blocked is None or blocked:
                labels = dict(plan._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "%(plan)s is %(state)s: its %(lines)s can no longer change. "
                        "A returned plan is edited again after Back to Draft.",
                        plan=plan.display_name,
                        state=labels[plan.state],
                        lines=self._description,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        self._plan_line_check(lines.plan_id)
        return lines

    def write(self, vals):
        plans = self.plan_id
        if vals.get("plan_id"):
            self._plan_line_check(plans | plans.browse(vals["plan_id"]))
        else:
            self._plan_line_check(plans, list(vals))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_plan(self):
        # A plan deleted as a whole takes its lines along in the database (cascade).
        self._plan_line_check(self.plan_id)
