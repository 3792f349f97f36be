# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ScAnnualPlan(models.Model):
    """A branch's showcase plan for the year 年度样板建设计划 (seed 000 §1.2.1)."""

    _name = "sc.annual.plan"
    _description = "Annual Showcase Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "year desc, team_id"
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "draft"
    _tier_validation_manual_config = False

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    team_id = fields.Many2one("crm.team", string="Branch", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "sc.annual.plan.line", "plan_id", string="Lines", copy=True
    )
    planned_total = fields.Integer(compute="_compute_totals")
    actual_total = fields.Integer(compute="_compute_totals")
    note = fields.Html()

    _sql_constraints = [
        (
            "team_year_company_unique",
            "UNIQUE (team_id, year, company_id)",
            "A branch files one showcase plan per year.",
        ),
    ]

    @api.depends("team_id", "year")
    def _compute_name(self):
        for plan in self:
            plan.name = f"{plan.year} {plan.team_id.name or ''}".strip()

    @api.depends("line_ids.planned_count", "line_ids.actual_count")
    def _compute_totals(self):
        for plan in self:
            plan.planned_total = sum(plan.line_ids.mapped("planned_count"))
            plan.actual_total = sum(plan.line_ids.mapped("actual_count"))

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(
                    self.env._("%(year)s is not a valid plan year.", year=plan.year)
                )

    def action_submit(self):
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only draft plans can be submitted."))
            if not plan.line_ids:
                raise UserError(
                    self.env._("Plan %(plan)s has no lines.", plan=plan.name)
                )
        self.write({"state": "submitted"})
        self.request_validation()
        return True

    def action_approve(self):
        for plan in self:
            if plan.state != "submitted":
                raise UserError(self.env._("Only submitted plans can be approved."))
        self.write({"state": "approved"})
        return True

    def action_draft(self):
        self.restart_validation()
        self.with_context(skip_validation_check=True).write({"state": "draft"})
        return True
