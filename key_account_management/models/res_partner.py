# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .kam_relationship_evidence import RELATIONSHIP_LEVELS

DECISION_ROLES = [
    ("approver", "Approver"),
    ("decision_maker", "Decision Maker"),
    ("supporter", "Decision Supporter"),
    ("influencer", "Influencer"),
    ("coach", "Coach"),
]
ATTITUDES = [
    ("opposed", "Opposed"),
    ("contact", "Contact"),
    ("favorable", "Favorable"),
    ("supportive", "Supportive"),
    ("exclusive", "Exclusive Supporter"),
]

ACCOUNT_TIERS = [
    ("key", "Key Account"),
    ("regular", "Regular Account"),
    ("potential", "Potential Account"),
    ("unattractive", "Unattractive"),
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "kam.stage.lifecycle.mixin"]

    # The lifecycle stage changes only through the lifecycle buttons (advance, back, mark
    # churned, reactivate), claims only through Claim / Release / the expiry job, and
    # the early warning and the leaving date only through their jobs.
    _workflow_fields = (
        "kam_stage_id",
        "kam_stage_date",
        "kam_claim_user_id",
        "kam_claim_date",
        "kam_warning_level",
        "kam_warning_summary",
        "kam_warning_signals",
        "kam_warning_date",
        "kam_left_date",
    )

    # --- classification ---------------------------------------------------------------
    kam_tier = fields.Selection(
        ACCOUNT_TIERS,
        string="Account Tier",
        tracking=True,
        index=True,
        copy=False,
        groups="base.group_user",
    )
    kam_score_line_ids = fields.One2many(
        "kam.score.line",
        "partner_id",
        string="Scorecard",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_score_total = fields.Float(
        string="Account Score",
        compute="_compute_kam_score",
        store=True,
        digits=(16, 1),
        aggregator="avg",
        help="Weighted scorecard total from 0 to 100: sum(weight x score) / (sum of the "
        "weights of the active criteria that count for the account x 10) x 100. A "
        "criterion marked Counts Only When Scored counts once the account has a score for "
        "it.",
        groups="key_account_management.group_kam_user",
    )
    kam_suggested_tier = fields.Selection(
        ACCOUNT_TIERS,
        string="Suggested Tier",
        compute="_compute_kam_score",
        store=True,
        help="Tier suggested by the score and the thresholds of the settings.",
        groups="key_account_management.group_kam_user",
    )
    kam_tier_reason = fields.Text(
        string="Tier Override Reason",
        copy=False,
        tracking=True,
        help="Why the tier differs from the suggested one. Required when it does.",
        groups="key_account_management.group_kam_user",
    )
    kam_tier_differs = fields.Boolean(
        compute="_compute_kam_tier_differs",
        groups="key_account_management.group_kam_user",
    )
    kam_relationship_level = fields.Selection(
        RELATIONSHIP_LEVELS,
        string="Relationship Level",
        tracking=True,
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_evidence_ids = fields.Many2many(
        "kam.relationship.evidence",
        "res_partner_kam_evidence_rel",
        "partner_id",
        "evidence_id",
        string="Relationship Evidence",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_suggested_level = fields.Selection(
        RELATIONSHIP_LEVELS,
        string="Suggested Level",
        compute="_compute_kam_suggested_level",
        store=True,
        groups="key_account_management.group_kam_user",
    )
    kam_relationship_trend = fields.Selection(
        [
            ("developing", "Developing"),
            ("good", "Good"),
            ("very_strong", "Very Strong"),
            ("limited", "Limited"),
            ("defensive", "Defensive"),
            ("declining", "Declining"),
        ],
        string="Relationship Trend",
        tracking=True,
        groups="key_account_management.group_kam_user",
    )
    kam_service_model = fields.Selection(
        [
            ("large", "Large: one manager per account"),
            ("medium", "Medium: one manager for several accounts"),
            ("small", "Small: channel / telemarketing"),
        ],
        string="Service Model",
        help="How the account is served, by its size.",
        groups="key_account_management.group_kam_user",
    )
    kam_currency_id = fields.Many2one(
        "res.currency", compute="_compute_kam_currency_id", string="KAM Currency"
    )
    kam_won_revenue_12m = fields.Monetary(
        string="Won Revenue (12 months)",
        currency_field="kam_currency_id",
        compute="_compute_kam_account_value",
        help="Expected revenue of the opportunities won in the last 12 months.",
        groups="key_account_management.group_kam_user",
    )
    kam_won_revenue_prev_12m = fields.Monetary(
        string="Won Revenue (previous 12 months)",
        currency_field="kam_currency_id",
        compute="_compute_kam_account_value",
        groups="key_account_management.group_kam_user",
    )
    kam_revenue_trend = fields.Selection(
        [("up", "Growing"), ("stable", "Stable"), ("down", "Falling")],
        string="Revenue Trend",
        compute="_compute_kam_account_value",
        help="Growing or falling when the last 12 months differ by more than 10% "
        "from the 12 months before.",
        groups="key_account_management.group_kam_user",
    )
    kam_clv = fields.Monetary(
        string="Customer Lifetime Value",
        currency_field="kam_currency_id",
        compute="_compute_kam_account_value",
        help="CLV = R x m x sum over t=0..n-1 of (r / (1 + d))^t, where R is the won "
        "revenue of the last 12 months, m the gross margin, r the retention rate, d the "
        "discount rate and n the horizon in years (all in the Key Accounts settings).",
        groups="key_account_management.group_kam_user",
    )
    # --- account team -----------------------------------------------------------------
    kam_manager_id = fields.Many2one(
        "res.users",
        string="Key Account Manager",
        tracking=True,
        index=True,
        copy=False,
        groups="base.group_user",
    )
    kam_executive_sponsor_id = fields.Many2one(
        "res.users",
        string="Executive Sponsor",
        tracking=True,
        index="btree_not_null",  # searched by the account team (record rules)
        copy=False,
        help="Senior person who owns the top-level relationship.",
        groups="base.group_user",
    )
    kam_sales_manager_id = fields.Many2one(
        "res.users",
        string="Sales Manager",
        tracking=True,
        index="btree_not_null",  # searched by the account team (record rules)
        copy=False,
        groups="base.group_user",
    )
    kam_team_member_ids = fields.One2many(
        "kam.account.team.member",
        "partner_id",
        string="Further Team Members",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_team_user_ids = fields.Many2many(
        "res.users",
        "res_partner_kam_team_user_rel",
        "partner_id",
        "user_id",
        string="Account Team",
        compute="_compute_kam_team_user_ids",
        search="_search_kam_team_user_ids",
        help="Everyone on the account team, including the claiming salesperson.",
        groups="key_account_management.group_kam_user",
    )
    # --- lifecycle --------------------------------------------------------------------
    kam_stage_id = fields.Many2one(
        "kam.account.stage",
        string="Lifecycle Stage",
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_expand_full",
        groups="base.group_user",
    )
    kam_stage_date = fields.Datetime(
        string="In Stage Since",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_stage_is_churn = fields.Boolean(
        related="kam_stage_id.is_churn", groups="base.group_user"
    )
    kam_stage_history_ids = fields.One2many(
        "kam.stage.history",
        "partner_id",
        string="Stage History",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    # --- territory and claim ----------------------------------------------------------
    kam_territory_id = fields.Many2one(
        "kam.territory",
        string="Territory",
        tracking=True,
        index=True,
        copy=False,
        groups="base.group_user",
    )
    kam_claim_user_id = fields.Many2one(
        "res.users",
        string="Claimed By",
        tracking=True,
        index=True,
        copy=False,
        readonly=True,
        groups="base.group_user",
    )
    kam_claim_date = fields.Datetime(
        string="Claimed On", copy=False, readonly=True, groups="base.group_user"
    )
    kam_claim_ids = fields.One2many(
        "kam.claim",
        "partner_id",
        string="Claims",
        copy=False,
        groups="key_account_management.group_kam_user",
    )

    # --- decision chain on the account's people ---------------------------------------
    kam_decision_role = fields.Selection(
        DECISION_ROLES,
        string="Decision Role",
        tracking=True,
        index=True,
        groups="key_account_management.group_kam_user",
    )
    kam_attitude = fields.Selection(
        ATTITUDES,
        string="Attitude",
        tracking=True,
        groups="key_account_management.group_kam_user",
    )
    kam_is_key_person = fields.Boolean(
        string="Key Person",
        compute="_compute_kam_is_key_person",
        store=True,
        readonly=False,
        index=True,
        help="Key persons get the care policies. Set automatically for approvers and "
        "decision makers; can be set by hand for anyone else.",
        groups="key_account_management.group_kam_user",
    )
    kam_attitude_target = fields.Selection(
        ATTITUDES,
        string="Desired Attitude",
        help="The attitude we work towards with this person.",
        groups="key_account_management.group_kam_user",
    )
    kam_attitude_history_ids = fields.One2many(
        "kam.attitude.history",
        "partner_id",
        string="Attitude History",
        readonly=True,
        groups="key_account_management.group_kam_user",
    )
    kam_is_hidden_decision_maker = fields.Boolean(
        string="Hidden Decision Maker",
        help="Decides behind the visible decision chain without holding a key position "
        "on the organisation chart.",
        groups="key_account_management.group_kam_user",
    )
    kam_is_rising_star = fields.Boolean(
        string="Rising Star",
        help="About to become a key person of the decision chain.",
        groups="key_account_management.group_kam_user",
    )
    kam_influence = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        string="Influence",
        groups="key_account_management.group_kam_user",
    )
    kam_reports_to_id = fields.Many2one(
        "res.partner",
        string="Reports To",
        index="btree_not_null",
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('is_company', '=', False), ('id', '!=', id)]",
        groups="key_account_management.group_kam_user",
    )
    kam_relationship_owner_id = fields.Many2one(
        "res.users",
        string="Relationship Owner",
        help="The colleague who owns the relationship with this person.",
        groups="key_account_management.group_kam_user",
    )
    kam_professional_needs = fields.Text(
        string="Professional Needs",
        help="Career and job success needs (iceberg model, above the waterline).",
        groups="key_account_management.group_kam_user",
    )
    kam_preferred_channel = fields.Selection(
        [
            ("visit", "Visit"),
            ("phone", "Phone"),
            ("message", "Instant Message"),
            ("email", "E-mail"),
            ("event", "Events"),
        ],
        string="Preferred Channel",
        groups="key_account_management.group_kam_user",
    )
    kam_has_left = fields.Boolean(
        string="Left the Account",
        tracking=True,
        help="The person no longer works at the account.",
        groups="key_account_management.group_kam_user",
    )
    kam_left_date = fields.Date(
        string="Left On",
        copy=False,
        readonly=True,
        help="When the key person left or was archived.",
        groups="key_account_management.group_kam_user",
    )

    # --- on the account ---------------------------------------------------------------
    kam_person_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Decision Chain",
        domain=[("is_company", "=", False)],
    )
    kam_department_relationship_ids = fields.One2many(
        "kam.department.relationship",
        "partner_id",
        string="Extensive Relationships",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_competitor_ids = fields.Many2many(
        "kam.competitor",
        "res_partner_kam_competitor_rel",
        "partner_id",
        "competitor_id",
        string="Competitors",
        groups="key_account_management.group_kam_user",
    )
    kam_account_plan_ids = fields.One2many(
        "kam.account.plan",
        "partner_id",
        string="Account Plans",
        groups="key_account_management.group_kam_user",
    )
    kam_account_plan_count = fields.Integer(
        string="Plans",
        compute="_compute_kam_account_plan_count",
        groups="key_account_management.group_kam_user",
    )

    # --- computes ---------------------------------------------------------------------
    @api.depends("kam_decision_role")
    def _compute_kam_is_key_person(self):
        for partner in self:
            if partner.kam_decision_role in ("approver", "decision_maker"):
                partner.kam_is_key_person = True

    @api.depends(
        "kam_score_line_ids.score",
        "kam_score_line_ids.criterion_id.weight",
        "kam_score_line_ids.criterion_id.only_when_scored",
    )
    def _compute_kam_score(self):
        criteria = self.env["kam.score.criterion"].search([])
        Company = self.env["res.company"]
        weights_by_company = {}
        for partner in self:
            company = partner.company_id or self.env.company
            if company not in weights_by_company:
                # criteria of the company and those shared by every company; those
                # counted only when scored join each account's own denominator below
                weights_by_company[company] = sum(
                    c.weight
                    for c in criteria
                    if c.company_id in (company, Company) and not c.only_when_scored
                )
            total_weight = weights_by_company[company] + sum(
                line.criterion_id.weight
                for line in partner.kam_score_line_ids
                if line.criterion_id in criteria
                and line.criterion_id.only_when_scored
                and line.criterion_id.company_id in (company, Company)
            )
            lines = partner.kam_score_line_ids
            if not lines or not total_weight:
                partner.kam_score_total = 0.0
                partner.kam_suggested_tier = False
                continue
            score = sum(line.weight * line.score for line in lines) / (
                total_weight * 10
            )
            partner.kam_score_total = round(min(score, 1.0) * 100, 1)
            partner.kam_suggested_tier = partner._kam_tier_for_score(
                partner.kam_score_total, company
            )

    @api.model
    def _kam_tier_for_score(self, score, company):
        if score >= company.kam_threshold_key:
            return "key"
        if score >= company.kam_threshold_regular:
            return "regular"
        if score >= company.kam_threshold_potential:
            return "potential"
        return "unattractive"

    @api.depends("kam_tier", "kam_suggested_tier")
    def _compute_kam_tier_differs(self):
        for partner in self:
            partner.kam_tier_differs = bool(
                partner.kam_tier
                and partner.kam_suggested_tier
                and partner.kam_tier != partner.kam_suggested_tier
            )

    @api.depends("kam_evidence_ids")
    def _compute_kam_suggested_level(self):
        all_evidence = self.env["kam.relationship.evidence"].search([])
        levels = [code for code, _label in RELATIONSHIP_LEVELS]
        for partner in self:
            suggested = False
            checked = partner.kam_evidence_ids
            if checked:
                for level in levels:
                    required = all_evidence.filtered(
                        lambda e, lvl=level: e.level == lvl
                    )
                    if required and not required <= checked:
                        break
                    suggested = level
            partner.kam_suggested_level = suggested

    def _compute_kam_currency_id(self):
        for partner in self:
            partner.kam_currency_id = (
                partner.company_id or self.env.company
            ).currency_id

    def _compute_kam_account_value(self):
        now = fields.Datetime.now()
        start, middle = now - timedelta(days=730), now - timedelta(days=365)
        companies = self.filtered("is_company")
        recent = self._kam_won_revenue(companies, middle)
        previous = self._kam_won_revenue(companies, start, middle)
        for partner in self:
            company = partner.company_id or self.env.company
            revenue = recent.get(partner.id, 0.0)
            before = previous.get(partner.id, 0.0)
            partner.kam_won_revenue_12m = revenue
            partner.kam_won_revenue_prev_12m = before
            if revenue > before * 1.1:
                partner.kam_revenue_trend = "up"
            elif revenue < before * 0.9:
                partner.kam_revenue_trend = "down"
            else:
                partner.kam_revenue_trend = "stable" if revenue or before else False
            factor = (company.kam_clv_retention / 100) / (
                1 + company.kam_clv_discount / 100
            )
            horizon = sum(factor**t for t in range(company.kam_clv_years))
            partner.kam_clv = revenue * company.kam_clv_margin / 100 * horizon

    @api.depends(
        "kam_manager_id",
        "kam_executive_sponsor_id",
        "kam_sales_manager_id",
        "kam_claim_user_id",
        "kam_team_member_ids.user_id",
    )
    def _compute_kam_team_user_ids(self):
        for partner in self:
            partner.kam_team_user_ids = (
                partner.kam_manager_id
                | partner.kam_executive_sponsor_id
                | partner.kam_sales_manager_id
                | partner.kam_claim_user_id
                | partner.kam_team_member_ids.user_id
            )

    def _search_kam_team_user_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(self.env._("Unsupported search on the account team."))
        if operator == "in" and not isinstance(value, list | tuple):
            value = [value]
        user_ids = [value] if operator == "=" else list(value)
        if user_ids and all(isinstance(uid, int) for uid in user_ids):
            # One index look-up per role, united. The same test written as an OR of the
            # five roles (one of them a subquery) defeats the indexes: with record
            # rules on, a salesperson's account list scanned every partner by name.
            self.flush_model(
                [
                    "kam_manager_id",
                    "kam_executive_sponsor_id",
                    "kam_sales_manager_id",
                    "kam_claim_user_id",
                ]
            )
            self.env["kam.account.team.member"].flush_model(["partner_id", "user_id"])
            return [
                (
                    "id",
                    "in",
                    SQL(
                        """(
                        SELECT id FROM res_partner WHERE kam_manager_id = ANY(%(u)s)
                        UNION SELECT id FROM res_partner
                         WHERE kam_executive_sponsor_id = ANY(%(u)s)
                        UNION SELECT id FROM res_partner
                         WHERE kam_sales_manager_id = ANY(%(u)s)
                        UNION SELECT id FROM res_partner WHERE kam_claim_user_id = ANY(%(u)s)
                        UNION SELECT partner_id FROM kam_account_team_member
                         WHERE user_id = ANY(%(u)s))""",
                        u=user_ids,
                    ),
                )
            ]
        fields_ = (
            "kam_manager_id",
            "kam_executive_sponsor_id",
            "kam_sales_manager_id",
            "kam_claim_user_id",
            "kam_team_member_ids.user_id",
        )
        return ["|"] * (len(fields_) - 1) + [(f, operator, value) for f in fields_]

    # --- constraints ------------------------------------------------------------------
    @api.constrains("kam_tier", "kam_tier_reason")
    def _check_kam_tier_reason(self):
        for partner in self:
            if partner.kam_tier_differs and not (partner.kam_tier_reason or "").strip():
                labels = dict(self._fields["kam_tier"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "%(account)s: the tier %(tier)s differs from the suggested tier "
                        "%(suggested)s. Record the reason for this override.",
                        account=partner.display_name,
                        tier=labels[partner.kam_tier],
                        suggested=labels[partner.kam_suggested_tier],
                    )
                )

    @api.constrains("kam_stage_id", "kam_territory_id", "is_company")
    def _check_kam_company_only(self):
        for partner in self:
            if (
                partner.kam_stage_id or partner.kam_territory_id
            ) and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a person: only companies are managed as accounts.",
                        name=partner.display_name,
                    )
                )

    @api.model
    def _kam_won_revenue(self, accounts, date_from, date_to=None):
        """Won revenue per account id closed since date_from (and before date_to), in one
        grouped query. Opportunities created directly in a won stage have no closing date:
        their creation date counts instead.
        """
        if not accounts.ids:
            return {}
        closed = [("date_closed", ">=", date_from)]
        created = [("date_closed", "=", False), ("create_date", ">=", date_from)]
        if date_to:
            closed.append(("date_closed", "<", date_to))
            created.append(("create_date", "<", date_to))
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", accounts.ids),
                    ("stage_id.is_won", "=", True),
                ]
                + expression.OR([closed, created]),
                ["partner_id"],
                ["expected_revenue:sum"],
            )
        )
        result = {}
        for contact, amount in groups:
            account = contact.commercial_partner_id.id
            result[account] = result.get(account, 0.0) + amount
        return result

    def _compute_kam_account_plan_count(self):
        counts = {}
        if self.ids:
            counts = dict(
                self.env["kam.account.plan"]._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                )
            )
        for partner in self:
            partner.kam_account_plan_count = counts.get(partner, 0)

    def action_kam_open_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_account_plan_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
