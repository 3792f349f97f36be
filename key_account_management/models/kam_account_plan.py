# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .kam_relationship_evidence import RELATIONSHIP_LEVELS

PLAN_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("returned", "Returned"),
    ("execution", "In Execution"),
    ("closed", "Closed"),
]


class KamAccountPlan(models.Model):
    """Annual or quarterly account plan (客户计划), approved through tier validation."""

    _name = "kam.account.plan"
    _description = "Account Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.tier.workflow.mixin"]
    _order = "date_start desc, id desc"

    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "returned"
    _tier_validation_manual_config = False
    _workflow_fields = ("state", "return_comment")
    # An approved plan is what the reviewers approved: its content no longer changes
    # (the objectives' actuals and the review's lessons stay open during execution).
    _workflow_locked_fields = (
        "partner_id",
        "period",
        "date_start",
        "date_end",
        "user_id",
        "company_id",
        "market_macro",
        "market_customer",
        "market_positioning",
        "analysis_organisation",
        "analysis_key_person",
        "analysis_extensive",
    )
    _workflow_locked_states = ("submitted", "approved", "execution", "closed")

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    period = fields.Selection(
        [("year", "Annual"), ("quarter", "Quarterly")], required=True, default="year"
    )
    date_start = fields.Date(
        string="Start",
        required=True,
        default=lambda self: fields.Date.today().replace(day=1),
    )
    date_end = fields.Date(
        string="End",
        required=True,
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        PLAN_STATES,
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    # market analysis
    market_macro = fields.Text(string="Macro Environment")
    market_customer = fields.Text(string="Customer Analysis")
    market_positioning = fields.Text(
        string="Our Positioning and Goals",
        help="Our market position and goals at the customer.",
    )
    competitor_line_ids = fields.One2many(
        "kam.account.plan.competitor",
        "plan_id",
        string="Competitor Analysis",
        copy=True,
    )
    # relationship analysis (O, K, E)
    analysis_organisation = fields.Text(string="Organisation Relationship Analysis")
    analysis_key_person = fields.Text(string="Key Person Relationship Analysis")
    analysis_extensive = fields.Text(string="Extensive Relationship Analysis")
    relationship_level = fields.Selection(
        RELATIONSHIP_LEVELS,
        compute="_compute_relationship_level",
        help="The account's organisation relationship level, shown to those who may "
        "read the account.",
    )
    objective_ids = fields.One2many(
        "kam.account.plan.objective", "plan_id", string="Objectives", copy=True
    )
    action_ids = fields.One2many(
        "kam.account.plan.action", "plan_id", string="Strategies and Actions", copy=True
    )
    # review
    achievement = fields.Float(
        string="Achievement (%)",
        compute="_compute_achievement",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="Average of the objectives' achievement (actual / target).",
    )
    lessons = fields.Text(string="Lessons Learned")
    # The approval's first level (tier definition "by the account's sales manager").
    sales_manager_id = fields.Many2one(
        "res.users",
        string="Account's Sales Manager",
        compute="_compute_sales_manager_id",
        help="Approves the plan: the account's own sales manager, unless he owns the "
        "plan (four-eyes); then a sales director approves it.",
    )
    return_comment = fields.Text(readonly=True, copy=False, tracking=True)

    @api.depends("partner_id", "date_start", "period")
    def _compute_name(self):
        for plan in self:
            if not plan.partner_id or not plan.date_start:
                plan.name = plan.name or False
                continue
            start = plan.date_start
            period = (
                str(start.year)
                if plan.period == "year"
                else f"{start.year} Q{(start.month - 1) // 3 + 1}"
            )
            plan.name = self.env._(
                "%(account)s – account plan %(period)s",
                account=plan.partner_id.name,
                period=period,
            )

    @api.depends("partner_id")
    @api.depends_context("uid")
    def _compute_relationship_level(self):
        # Read across to the account only where the user may open the account himself:
        # a plan's owner who left the account team does not read it through the plan.
        readable = self.partner_id._filtered_access("read")
        for plan in self:
            plan.relationship_level = (
                plan.partner_id in readable
                and plan.partner_id.sudo().kam_relationship_level
            )

    @api.depends("partner_id", "user_id")
    def _compute_sales_manager_id(self):
        for plan in self:
            manager = plan.partner_id.sudo().kam_sales_manager_id
            plan.sales_manager_id = manager if manager != plan.user_id else False

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._check_kam_account_team()
        return plans

    def write(self, vals):
        # Before tier.validation's own checks, so that the message says what to do.
        self._workflow_check_write(vals)
        res = super().write(vals)
        if "partner_id" in vals or "user_id" in vals:
            self._check_kam_account_team()
        return res

    def _check_kam_account_team(self):
        """A plan is made for an account whose team the user is on (or by a manager):
        otherwise its owner would read the account through it."""
        if self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        ):
            return
        for plan in self.sudo():
            if self.env.user not in plan.partner_id.kam_team_user_ids:
                raise UserError(
                    self.env._(
                        "You are not on the account team of %(account)s: its account "
                        "plans are made by its team or a manager.",
                        account=plan.partner_id.display_name,
                    )
                )

    @api.depends("date_start", "period")
    def _compute_date_end(self):
        for plan in self:
            if plan.date_start:
                months = 12 if plan.period == "year" else 3
                plan.date_end = fields.Date.add(plan.date_start, months=months, days=-1)

    @api.depends("objective_ids.achievement")
    def _compute_achievement(self):
        for plan in self:
            rated = plan.objective_ids.filtered("target")
            plan.achievement = (
                sum(rated.mapped("achievement")) / len(rated) if rated else 0.0
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_end < plan.date_start:
                raise ValidationError(
                    self.env._(
                        "%(plan)s ends before it starts.", plan=plan.display_name
                    )
                )

    @api.constrains("state", "return_comment")
    def _check_return_comment(self):
        for plan in self:
            if plan.state == "returned" and not (plan.return_comment or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why the account plan is returned: a comment is required."
                    )
                )

    def _kam_set_state(self, state, **vals):
        return self._workflow_write(dict(vals, state=state))

    def action_submit(self):
        self._workflow_check_state(("draft", "returned"), self.env._("submitted"))
        for plan in self:
            if not plan.objective_ids:
                raise UserError(
                    self.env._(
                        "%(plan)s has no objective: add at least one before submitting.",
                        plan=plan.display_name,
                    )
                )
        self._kam_set_state("submitted")
        self.request_validation()
        return True

    def action_approve(self):
        """Approve once every review is validated (usually automatic on validation)."""
        self._workflow_check_state(("submitted",), self.env._("approved"))
        for plan in self:
            if plan.validation_status != "validated":
                raise UserError(
                    self.env._(
                        "%(plan)s needs the approval of its reviewers before it is "
                        "approved.",
                        plan=plan.display_name,
                    )
                )
        self._kam_set_state("approved")
        return True

    def validate_tier(self):
        self.ensure_one()
        if self.state != "submitted" or not self.can_review:
            raise UserError(
                self.env._(
                    "You are not a reviewer of %(plan)s: only the reviewers of its tier "
                    "definition can approve it.",
                    plan=self.display_name,
                )
            )
        return super().validate_tier()

    def _workflow_requesters(self):
        requesters = super()._workflow_requesters()
        return {plan: requesters[plan] | plan.user_id for plan in self}

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        if self.state == "submitted" and self.validation_status == "validated":
            self._kam_set_state("approved")
        return res

    def reject_tier(self):
        """Rejecting a plan returns it to its owner, with the comment saying why."""
        return self.action_open_return_wizard()

    def action_open_return_wizard(self):
        self.ensure_one()
        self._check_kam_can_return()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return Account Plan"),
            "res_model": "kam.account.plan.return.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    def _check_kam_can_return(self):
        self._workflow_check_state(("submitted",), self.env._("returned"))
        for plan in self:
            if not plan.can_review and not self.env.su:
                raise UserError(
                    self.env._(
                        "You are not a reviewer of %(plan)s: only its reviewers can "
                        "return it.",
                        plan=plan.display_name,
                    )
                )

    def action_return(self, comment):
        """Send the plan back to its owner; a comment saying why is required."""
        if not (comment or "").strip():
            raise ValidationError(
                self.env._(
                    "Say why the account plan is returned: a comment is required."
                )
            )
        self._check_kam_can_return()
        for plan in self:
            plan._rejected_tier()
        self._kam_set_state("returned", return_comment=comment)
        for plan in self:
            plan.message_post(
                body=self.env._("Returned: %(comment)s", comment=comment),
                partner_ids=plan.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_start(self):
        self._workflow_check_state(("approved",), self.env._("started"))
        self._kam_set_state("execution")
        return True

    def action_close(self):
        self._workflow_check_state(("execution",), self.env._("closed"))
        for plan in self:
            if not (plan.lessons or "").strip():
                raise UserError(
                    self.env._(
                        "%(plan)s: write the review's lessons learned before closing it.",
                        plan=plan.display_name,
                    )
                )
        self._kam_set_state("closed")
        return True

    def action_reset_draft(self):
        self._workflow_check_state(("returned",), self.env._("reset to draft"))
        self._kam_set_state("draft")
        return True
