# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sc_qualification_criterion import SHOWCASE_LEVELS


class ScAnnualPlanLine(models.Model):
    """Planned showcases of a branch for one industry and level."""

    _name = "sc.annual.plan.line"
    _description = "Annual Showcase Plan Line"
    _order = "plan_id, level, industry_id"

    plan_id = fields.Many2one(
        "sc.annual.plan", required=True, ondelete="cascade", index=True
    )
    industry_id = fields.Many2one("res.partner.industry", required=True)
    level = fields.Selection(SHOWCASE_LEVELS, required=True)
    planned_count = fields.Integer(string="Planned", default=1)
    actual_count = fields.Integer(string="Actual", compute="_compute_actual_count")
    note = fields.Char()
    company_id = fields.Many2one(related="plan_id.company_id", store=True)

    @api.depends("plan_id.team_id", "plan_id.year", "industry_id", "level")
    def _compute_actual_count(self):
        """Showcases of the branch, industry and level created in the plan's year."""
        years = set(self.plan_id.mapped("year")) or {0}
        groups = self.env["sc.showcase"]._read_group(
            [
                ("team_id", "in", self.plan_id.team_id.ids),
                ("create_date", ">=", datetime(min(years), 1, 1)),
                ("create_date", "<", datetime(max(years) + 1, 1, 1)),
            ],
            ["team_id", "industry_id", "level", "create_date:year"],
            ["__count"],
        )
        counts = {
            (team, industry, level, year.year): count
            for team, industry, level, year, count in groups
        }
        for line in self:
            line.actual_count = counts.get(
                (line.plan_id.team_id, line.industry_id, line.level, line.plan_id.year),
                0,
            )

    @api.constrains("planned_count")
    def _check_planned_count(self):
        if any(line.planned_count < 0 for line in self):
            raise ValidationError(self.env._("A planned count cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._sc_check_plan_open()
        return lines

    def write(self, vals):
        self._sc_check_plan_open()
        res = super().write(vals)
        if "plan_id" in vals:
            self._sc_check_plan_open()
        return res

    def unlink(self):
        self._sc_check_plan_open()
        return super().unlink()

    def _sc_check_plan_open(self):
        """The lines are what headquarters reviews and approves."""
        if self.env.su:
            return
        plans = self.plan_id
        for team in plans.team_id:
            plans._sc_check_branch(team.id)
        frozen = plans.filtered(lambda p: p.state in p._workflow_locked_states)
        if frozen:
            raise UserError(
                self.env._(
                    "%(plans)s is submitted or approved: its lines no longer change. "
                    "Reset it to draft to change them.",
                    plans=", ".join(frozen.mapped("name")),
                )
            )
