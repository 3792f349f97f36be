# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .kam_attitude_history import ATTITUDE_RANK
from .res_partner import ATTITUDES

# How close we are to the person, from first contact to trusted partner.
PERSON_LEVELS = [
    ("none", "No Contact"),
    ("acquainted", "Acquainted"),
    ("familiar", "Familiar"),
    ("trusted", "Trusted"),
    ("partner", "Close Partner"),
]
PERSON_LEVEL_RANK = {code: rank for rank, (code, _label) in enumerate(PERSON_LEVELS)}


class KamRelationshipPlan(models.Model):
    """Relationship development plan for one key person of an account: where the
    relationship stands, where we want it, and the actions that take it there."""

    _name = "kam.relationship.plan"
    _description = "Relationship Development Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True
    )
    person_id = fields.Many2one(
        "res.partner",
        string="Key Person",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
        domain=[("is_company", "=", False), ("parent_id", "!=", False)],
    )
    account_id = fields.Many2one(
        "res.partner",
        string="Account",
        related="person_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        tracking=True,
        default=lambda self: self.env.user,
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(
        string="Period End",
        required=True,
        default=lambda self: fields.Date.add(fields.Date.context_today(self), months=6),
        tracking=True,
    )
    attitude_start = fields.Selection(
        ATTITUDES,
        string="Attitude at Start",
        help="The person's attitude when the plan was made: the evaluation measures "
        "the move from here.",
    )
    attitude_current = fields.Selection(
        ATTITUDES, string="Current Attitude", compute="_compute_attitude_current"
    )
    attitude_target = fields.Selection(
        ATTITUDES, string="Target Attitude", required=True, tracking=True
    )
    level_current = fields.Selection(
        PERSON_LEVELS, string="Current Relationship", required=True, default="none"
    )
    level_target = fields.Selection(
        PERSON_LEVELS, string="Target Relationship", required=True, tracking=True
    )
    attitude_gap = fields.Integer(
        compute="_compute_gap",
        help="Steps between the current and the target attitude (0: reached).",
    )
    level_gap = fields.Integer(
        string="Relationship Gap",
        compute="_compute_gap",
        help="Steps between the current and the target relationship (0: reached).",
    )
    needs = fields.Text(
        string="Needs to Address",
        help="The professional and personal needs the plan answers (iceberg model).",
    )
    action_ids = fields.One2many(
        "kam.relationship.plan.action", "plan_id", string="Planned Actions"
    )
    overdue_count = fields.Integer(
        string="Overdue Actions", compute="_compute_overdue_count"
    )
    attitude_history_ids = fields.Many2many(
        "kam.attitude.history",
        string="Attitude Changes",
        compute="_compute_evaluation",
        help="The person's attitude changes within the plan's period: the evidence of "
        "the evaluation.",
    )
    evaluation = fields.Selection(
        [
            ("achieved", "Target Achieved"),
            ("moved", "Moved Towards Target"),
            ("not_moved", "Not Moved"),
        ],
        compute="_compute_evaluation",
        help="Achieved: the attitude reached the target. Moved: better than at the "
        "start. Not moved: the same or worse.",
    )
    is_period_over = fields.Boolean(
        string="Period Over", compute="_compute_is_period_over"
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "dates_check",
            "CHECK (date_end >= date_start)",
            "A relationship plan ends after it starts.",
        )
    ]

    @api.depends("person_id", "date_end")
    def _compute_name(self):
        for plan in self:
            if plan.person_id and plan.date_end:
                plan.name = self.env._(
                    "%(person)s – until %(date)s",
                    person=plan.person_id.name,
                    date=fields.Date.to_string(plan.date_end),
                )
            else:
                plan.name = plan.name or False

    @api.depends("person_id.kam_attitude")
    def _compute_attitude_current(self):
        for plan in self:
            plan.attitude_current = plan.person_id.kam_attitude

    @api.depends("attitude_current", "attitude_target", "level_current", "level_target")
    def _compute_gap(self):
        for plan in self:
            plan.attitude_gap = max(
                ATTITUDE_RANK.get(plan.attitude_target, 0)
                - ATTITUDE_RANK.get(plan.attitude_current, -1),
                0,
            )
            plan.level_gap = max(
                PERSON_LEVEL_RANK.get(plan.level_target, 0)
                - PERSON_LEVEL_RANK.get(plan.level_current, 0),
                0,
            )

    @api.depends("action_ids.is_late")
    def _compute_overdue_count(self):
        for plan in self:
            plan.overdue_count = len(plan.action_ids.filtered("is_late"))

    @api.depends("person_id.kam_attitude", "date_start", "date_end", "attitude_start")
    @api.depends_context("uid")
    def _compute_evaluation(self):
        # The attitude history of all the plans' people in one search.
        history = self.env["kam.attitude.history"]
        if self.person_id:
            history = history.search(
                [("partner_id", "in", self.person_id.ids)], order="date, id"
            )
        for plan in self:
            until_end = history.filtered(
                lambda h, p=plan: h.partner_id == p.person_id
                and p.date_end
                and h.date.date() <= p.date_end
            )
            plan.attitude_history_ids = until_end.filtered(
                lambda h, p=plan: h.date.date() >= p.date_start
            )
            # The attitude at the period end: the last change until then.
            end = until_end[-1:].new_attitude if until_end else plan.attitude_current
            rank = ATTITUDE_RANK.get(end, -1)
            if plan.attitude_target and rank >= ATTITUDE_RANK[plan.attitude_target]:
                plan.evaluation = "achieved"
            elif rank > ATTITUDE_RANK.get(plan.attitude_start, -1):
                plan.evaluation = "moved"
            else:
                plan.evaluation = "not_moved"

    @api.depends("date_end")
    def _compute_is_period_over(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.is_period_over = bool(plan.date_end and plan.date_end < today)

    @api.constrains("person_id")
    def _check_person(self):
        for plan in self:
            if plan.person_id.is_company or not plan.person_id.parent_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s is not a person of an account: relationship plans "
                        "are made for the key persons of an account.",
                        person=plan.person_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "attitude_start" not in vals and vals.get("person_id"):
                vals["attitude_start"] = (
                    self.env["res.partner"].browse(vals["person_id"]).kam_attitude
                )
        return super().create(vals_list)

    def action_schedule_actions(self):
        """Put the plans' open actions in the owners' agendas."""
        self.action_ids.action_schedule()
        return True

    @api.model
    def _kam_for_account_plan(self, account_plan):
        """The relationship plans of the account plan's account whose period meets the
        account plan's, that the reader may see (for its PDF)."""
        return self.search(
            [
                ("account_id", "=", account_plan.partner_id.commercial_partner_id.id),
                ("date_start", "<=", account_plan.date_end),
                ("date_end", ">=", account_plan.date_start),
            ],
            order="person_id, date_end",
        )
