# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sc_qualification_criterion import SHOWCASE_LEVELS

REVIEW_STATES = [
    ("draft", "Not Submitted"),
    ("pending", "Under Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class ScShowcase(models.Model):
    """A showcase (reference) customer: an account chosen to show best practice to
    prospects."""

    _name = "sc.showcase"
    _description = "Showcase Customer"
    # kam.stage.lifecycle.mixin before the tier validation: a move is gated before
    # tier.validation's "under validation" check answers.
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kam.stage.lifecycle.mixin",
        "kam.tier.workflow.mixin",
    ]
    _order = "priority desc, sequence, id desc"
    _state_field = "review_state"
    _state_from = ["pending"]
    _state_to = ["approved"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = False
    _stage_history_model = "sc.showcase.stage.history"
    _stage_history_record_field = "showcase_id"
    # The lifecycle moves only through the buttons (gates checked there and in write),
    # the review only through submit / approve / reject.
    _workflow_fields = ("stage_id", "stage_date", "review_state", "reject_reason")
    _workflow_state_field = "review_state"
    # Who owns the showcase: changed only by its owner, its branch's leader or a
    # manager (see _sc_check_owner).
    _sc_owner_fields = ("partner_id", "team_id", "user_id", "company_id")

    def _default_stage_id(self):
        return self.env["sc.showcase.stage"].search([], limit=1)

    name = fields.Char(required=True, tracking=True, translate=False)
    sequence = fields.Integer(default=10)
    priority = fields.Selection([("0", "Normal"), ("1", "Key Showcase")], default="0")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        tracking=True,
        index=True,
        domain="[('is_company', '=', True)]",
        check_company=True,
        ondelete="restrict",
    )
    level = fields.Selection(
        SHOWCASE_LEVELS, required=True, tracking=True, index=True, default="city"
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        compute="_compute_industry_id",
        store=True,
        readonly=False,
        index=True,
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Branch",
        tracking=True,
        index=True,
        check_company=True,
        help="The sales team (branch) that owns the showcase.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Branch Manager",
        tracking=True,
        default=lambda self: self.env.user,
        index=True,
    )
    service_user_id = fields.Many2one(
        "res.users",
        string="Service Department Contact",
        tracking=True,
        help="The service department (服务部) contact who supports the branch.",
    )
    solution = fields.Char(string="Solution Showcased", tracking=True)
    challenge = fields.Html(help="The customer's challenge before the project.")
    solution_description = fields.Html()
    key_person_ids = fields.Many2many(
        "res.partner",
        "sc_showcase_key_person_rel",
        "showcase_id",
        "partner_id",
        string="Key Persons",
        domain="[('parent_id', '=', partner_id)]",
    )
    value_line_ids = fields.One2many(
        "sc.value.assessment", "showcase_id", string="Value Assessment"
    )
    criterion_ids = fields.Many2many(
        "sc.qualification.criterion",
        string="Criteria Met",
        domain="[('level', '=', level)]",
    )
    qualification_complete = fields.Boolean(compute="_compute_qualification_complete")
    image_1920 = fields.Image(string="Cover Photo", max_width=1920, max_height=1920)
    # --- lifecycle ----------------------------------------------------------------
    stage_id = fields.Many2one(
        "sc.showcase.stage",
        string="Stage",
        default=_default_stage_id,
        required=True,
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_expand_full",
    )
    stage_allow_upgrade = fields.Boolean(related="stage_id.allow_upgrade")
    stage_date = fields.Datetime(
        string="In Stage Since", default=fields.Datetime.now, copy=False
    )
    stage_history_ids = fields.One2many(
        "sc.showcase.stage.history", "showcase_id", string="Stage History"
    )
    review_state = fields.Selection(
        REVIEW_STATES,
        string="Review",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False)
    signing_timing = fields.Selection(
        [
            ("implementation", "During implementation"),
            ("acceptance", "After acceptance"),
        ],
        default="implementation",
        required=True,
        tracking=True,
        help="When the showcase agreement is signed: during "
        "implementation, the agreement must be signed to start implementation; after "
        "acceptance, it must be signed to enter maintenance.",
    )
    # --- agreements, deliverables, visits ----------------------------------------
    agreement_ids = fields.One2many("sc.agreement", "showcase_id", string="Agreements")
    agreement_count = fields.Integer(compute="_compute_counts")
    current_agreement_id = fields.Many2one(
        "sc.agreement",
        compute="_compute_current_agreement_id",
        help="The signed or active agreement in force.",
    )
    deliverable_ids = fields.One2many(
        "sc.deliverable", "showcase_id", string="Deliverables"
    )
    deliverable_count = fields.Integer(compute="_compute_counts")
    completeness = fields.Float(
        string="Completeness (%)",
        compute="_compute_completeness",
        store=True,
        aggregator="avg",
        digits=(16, 0),
        help="Share of the documents the packaging matrix requires for the level "
        "that are approved.",
    )
    visit_ids = fields.One2many("sc.site.visit", "showcase_id", string="Site Visits")
    visit_count = fields.Integer(compute="_compute_counts")
    visit_quota = fields.Integer(
        string="Yearly Visit Quota", compute="_compute_visit_quota"
    )
    visit_quota_used = fields.Integer(
        string="Visits This Year", compute="_compute_visit_quota"
    )
    event_ids = fields.Many2many(
        "event.event",
        "event_event_sc_showcase_rel",
        "showcase_id",
        "event_id",
        string="Marketing Events",
    )
    event_count = fields.Integer(compute="_compute_counts")
    promotion_ids = fields.One2many("sc.promotion", "showcase_id", string="Promotions")
    lead_ids = fields.Many2many(
        "crm.lead",
        "crm_lead_sc_showcase_rel",
        "showcase_id",
        "lead_id",
        string="Influenced Opportunities",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    influenced_pipeline = fields.Monetary(
        compute="_compute_influenced_revenue",
        help="Expected revenue of the open opportunities this showcase influenced "
        "(event invitations, site visits). Each influencing showcase gets full credit.",
    )
    influenced_won = fields.Monetary(
        string="Influenced Won Revenue", compute="_compute_influenced_revenue"
    )
    influenced_count = fields.Integer(compute="_compute_influenced_revenue")
    reward_entry_ids = fields.One2many(
        "sc.reward.entry", "showcase_id", string="Rewards"
    )

    # --- computes --------------------------------------------------------------
    @api.depends("partner_id")
    def _compute_industry_id(self):
        for showcase in self:
            if showcase.partner_id.industry_id:
                showcase.industry_id = showcase.partner_id.industry_id

    @api.depends("criterion_ids", "level")
    def _compute_qualification_complete(self):
        criteria = self.env["sc.qualification.criterion"].search([])
        for showcase in self:
            needed = criteria.filtered(lambda c, s=showcase: c.level == s.level)
            showcase.qualification_complete = not (needed - showcase.criterion_ids)

    def _compute_counts(self):
        for field, model in (
            ("agreement_count", "sc.agreement"),
            ("deliverable_count", "sc.deliverable"),
            ("visit_count", "sc.site.visit"),
        ):
            counts = dict(
                self.env[model]._read_group(
                    [("showcase_id", "in", self.ids)], ["showcase_id"], ["__count"]
                )
            )
            for showcase in self:
                showcase[field] = counts.get(showcase, 0)
        for showcase in self:
            showcase.event_count = len(showcase.event_ids)

    @api.depends("agreement_ids.state")
    def _compute_current_agreement_id(self):
        for showcase in self:
            agreements = showcase.agreement_ids.filtered(
                lambda a: a.state in ("signed", "active")
            )
            showcase.current_agreement_id = agreements.sorted(
                lambda a: a.date_end or date.max
            )[-1:]

    @api.depends(
        "level",
        "deliverable_ids.state",
        "deliverable_ids.document_type_id",
    )
    def _compute_completeness(self):
        requirements = self.env["sc.deliverable.requirement"].search([])
        for showcase in self:
            needed = requirements.filtered(lambda r, s=showcase: r.level == s.level)
            if not needed:
                showcase.completeness = 100.0
                continue
            approved = showcase.deliverable_ids.filtered(
                lambda d: d.state == "approved"
            ).document_type_id
            done = needed.filtered(lambda r, a=approved: r.document_type_id in a)
            showcase.completeness = round(100.0 * len(done) / len(needed))

    def _compute_visit_quota(self):
        year = fields.Date.context_today(self).year
        used = dict(
            self.env["sc.site.visit"]._read_group(
                [
                    ("showcase_id", "in", self.ids),
                    ("state", "not in", ("1_request", "9_cancel")),
                    ("visit_date", ">=", date(year, 1, 1)),
                    ("visit_date", "<=", date(year, 12, 31)),
                ],
                ["showcase_id"],
                ["__count"],
            )
        )
        for showcase in self:
            showcase.visit_quota = showcase.current_agreement_id._get_visit_quota()
            showcase.visit_quota_used = used.get(showcase, 0)

    def _compute_influenced_revenue(self):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        base = [("sc_showcase_ids", "in", self.ids), ("type", "=", "opportunity")]
        # open pipeline: active opportunities not in a won stage
        open_groups = dict(
            (showcase, (total, count))
            for showcase, total, count in Lead._read_group(
                base + [("active", "=", True), ("stage_id.is_won", "=", False)],
                ["sc_showcase_ids"],
                ["expected_revenue:sum", "__count"],
            )
        )
        won_groups = dict(
            Lead._read_group(
                base + [("stage_id.is_won", "=", True)],
                ["sc_showcase_ids"],
                ["expected_revenue:sum"],
            )
        )
        for showcase in self:
            pipeline, count = open_groups.get(showcase, (0.0, 0))
            showcase.influenced_pipeline = pipeline
            showcase.influenced_count = count
            showcase.influenced_won = won_groups.get(showcase, 0.0)

    # --- constraints --------------------------------------------------------------
    @api.constrains("partner_id")
    def _check_partner_id(self):
        for showcase in self:
            if not showcase.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "The account of showcase %(showcase)s must be a company.",
                        showcase=showcase.name,
                    )
                )

    @api.constrains("key_person_ids", "partner_id")
    def _check_key_person_ids(self):
        for showcase in self:
            strangers = showcase.key_person_ids.filtered(
                lambda p, s=showcase: p.commercial_partner_id != s.partner_id
            )
            if strangers:
                raise ValidationError(
                    self.env._(
                        "Key persons must be contacts of %(account)s: %(names)s.",
                        account=showcase.partner_id.display_name,
                        names=", ".join(strangers.mapped("name")),
                    )
                )

    # --- CRUD ----------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("review_state", "draft") != "draft":
                raise UserError(
                    self.env._("A new showcase starts with a review not submitted.")
                )
        if not self._sc_is_manager():
            for vals in vals_list:
                self._sc_check_new_owner(vals)
        # a showcase created beyond the first stage is gated by kam.stage.lifecycle.mixin
        return super().create(vals_list)

    def write(self, vals):
        owner_fields = [f for f in self._sc_owner_fields if f in vals]
        if owner_fields and not self._sc_is_manager():
            changed = self.filtered(
                lambda s: any(s._workflow_changes(f, vals[f]) for f in owner_fields)
            )
            if changed:
                changed._sc_check_owner(self.env._("change the owner of"))
                changed._sc_check_new_owner(vals)
        links = [f for f in ("lead_ids", "event_ids") if f in vals]
        if links and not self.env.su:
            # an opportunity or event is credited to a showcase (and rewarded) only
            # by somebody who can read both
            before = {f: self.sudo()[f] for f in links}
            res = self.write({f: v for f, v in vals.items() if f not in links})
            super().write({f: vals[f] for f in links})
            for fname in links:
                (self.sudo()[fname] - before[fname]).with_env(self.env).check_access(
                    "read"
                )
            return res
        # a stage move is gated and recorded by kam.stage.lifecycle.mixin
        return super().write(vals)

    # --- ownership ---------------------------------------------------------------------
    def _sc_is_manager(self):
        return self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        )

    def _sc_owners(self):
        """The users who own the showcase: its branch manager and its branch's leader
        (key account managers own every showcase)."""
        self.ensure_one()
        return self.user_id | self.team_id.user_id

    def _sc_is_owner(self):
        self.ensure_one()
        return self._sc_is_manager() or self.env.user in self.sudo()._sc_owners()

    def _sc_check_owner(self, action):
        """Refuse ``action`` on showcases the user does not own.

        The showcase's ownership (account, branch, branch manager, company) and what
        its agreements allow (rights and obligations, such as the yearly prospect
        visit quota) change only by the showcase's branch manager, the leader of its
        branch, or a key account manager: other members of the branch work on the
        showcase but do not change what it is owed or who owns it.
        """
        for showcase in self:
            if not showcase._sc_is_owner():
                raise UserError(
                    self.env._(
                        "Only the owner of %(showcase)s (its branch manager or the "
                        "leader of its branch) or a key account manager can "
                        "%(action)s it.",
                        showcase=showcase.sudo().name,
                        action=action,
                    )
                )

    @api.model
    def _sc_check_new_owner(self, vals):
        """A salesperson files showcases for a branch of his and for himself; only the
        branch's leader (or a manager) names another branch manager."""
        user = self.env.user
        team = self.env["crm.team"].sudo().browse(vals.get("team_id") or [])
        if team and user not in (team.member_ids | team.user_id):
            raise UserError(
                self.env._(
                    "You can only file showcases for your own branch, not for "
                    "%(team)s.",
                    team=team.name,
                )
            )
        if "user_id" in vals and (vals["user_id"] or False) not in (user.id, False):
            teams = team or self.sudo().team_id
            if not teams or any(user != t.user_id for t in teams):
                raise UserError(
                    self.env._(
                        "Only the leader of the branch or a key account manager can "
                        "name another branch manager for a showcase."
                    )
                )

    # --- related records ---------------------------------------------------------------
    def _open_related(self, model, name, domain, context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": context or {},
        }

    def action_open_agreements(self):
        self.ensure_one()
        return self._open_related(
            "sc.agreement",
            self.env._("Agreements"),
            [("showcase_id", "=", self.id)],
            {"default_showcase_id": self.id},
        )

    def action_open_deliverables(self):
        self.ensure_one()
        return self._open_related(
            "sc.deliverable",
            self.env._("Deliverables"),
            [("showcase_id", "=", self.id)],
            {"default_showcase_id": self.id},
        )

    def action_open_visits(self):
        self.ensure_one()
        return self._open_related(
            "sc.site.visit",
            self.env._("Site Visits"),
            [("showcase_id", "=", self.id)],
            {"default_showcase_id": self.id},
        )

    def action_open_events(self):
        self.ensure_one()
        return self._open_related(
            "event.event",
            self.env._("Marketing Events"),
            [("sc_showcase_ids", "in", self.id)],
            {"default_sc_showcase_ids": [self.id]},
        )

    def action_open_influenced(self):
        self.ensure_one()
        return self._open_related(
            "crm.lead",
            self.env._("Influenced Opportunities"),
            [("sc_showcase_ids", "in", self.id)],
        )

    def action_fill_deliverables(self):
        """Create the missing deliverables the packaging matrix asks for."""
        requirements = self.env["sc.deliverable.requirement"].search([])
        vals_list = []
        for showcase in self:
            have = showcase.deliverable_ids.document_type_id
            for requirement in requirements.filtered(
                lambda r, s=showcase, h=have: r.level == s.level
                and r.document_type_id not in h
            ):
                vals_list.append(
                    {
                        "showcase_id": showcase.id,
                        "document_type_id": requirement.document_type_id.id,
                        "user_id": showcase.user_id.id,
                    }
                )
        self.env["sc.deliverable"].create(vals_list)
        return True
