# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ScAnnualPlan(models.Model):
    """A branch's showcase plan for the year 年度样板建设计划."""

    _name = "sc.annual.plan"
    _description = "Annual Showcase Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.tier.workflow.mixin"]
    _order = "year desc, team_id"
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "draft"
    _tier_validation_manual_config = False
    _workflow_fields = ("state",)
    # What headquarters reviews and approves: reset the plan to draft to change it.
    _workflow_locked_fields = ("year", "team_id", "company_id", "line_ids", "note")
    _workflow_locked_states = ("submitted", "approved")

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sc_check_branch(vals.get("team_id"))
        return super().create(vals_list)

    def write(self, vals):
        if "team_id" in vals:
            self._sc_check_branch(vals["team_id"])
        return super().write(vals)

    @api.model
    def _sc_check_branch(self, team_id):
        """A branch files its own plan: a salesperson cannot file (or move) a plan
        for a branch he does not belong to."""
        if self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        ):
            return
        team = self.env["crm.team"].sudo().browse(team_id or [])
        if team and self.env.user not in (team.member_ids | team.user_id):
            raise UserError(
                self.env._(
                    "You can only file the showcase plan of your own branch, not of "
                    "%(team)s.",
                    team=team.name,
                )
            )

    def action_submit(self):
        self._workflow_check_state(("draft",), self.env._("submitted"))
        for plan in self:
            if not plan.line_ids:
                raise UserError(
                    self.env._("Plan %(plan)s has no lines.", plan=plan.name)
                )
        self._workflow_write({"state": "submitted"})
        self.request_validation()
        return True

    def action_approve(self):
        """Approve a plan for which no review is configured: headquarters approves it
        directly, never its own. With reviews, validating the last one approves it."""
        self._workflow_check_state(("submitted",), self.env._("approved"))
        self._workflow_check_four_eyes(self._workflow_requesters())
        for plan in self:
            if not plan.review_ids and not plan.need_validation:
                # no review configured for it: headquarters approves directly
                plan._workflow_check_group(
                    "key_account_management.group_kam_executive",
                    self.env._("approve"),
                )
        self._workflow_write({"state": "approved"})
        return True

    def action_draft(self):
        self._workflow_check_state(("submitted", "approved"), self.env._("reset"))
        self._workflow_restart_validation()
        self._workflow_as_transition().with_context(
            skip_validation_check=True
        )._workflow_write({"state": "draft"})
        return True

    def _workflow_requesters(self):
        requesters = super()._workflow_requesters()
        return {plan: requesters[plan] | plan.user_id for plan in self}

    def validate_tier(self):
        self.ensure_one()
        self._workflow_check_state(("submitted",), self.env._("approved"))
        # four-eyes: checked by kam.tier.workflow.mixin
        return super().validate_tier()

    def _validate_tier(self, tiers=False):
        # As account plans and gifts: the last validation approves the plan.
        res = super()._validate_tier(tiers)
        for plan in self:
            if plan.state == "submitted" and plan.validation_status == "validated":
                plan._workflow_write({"state": "approved"})
        return res
