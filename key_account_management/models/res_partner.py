# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, split_every

from .kam_relationship_evidence import RELATIONSHIP_LEVELS

_logger = logging.getLogger(__name__)

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
    _inherit = "res.partner"

    # --- classification (SPEC §1.1) -------------------------------------------------
    kam_tier = fields.Selection(
        ACCOUNT_TIERS, string="Account Tier", tracking=True, index=True, copy=False
    )
    kam_score_line_ids = fields.One2many(
        "kam.score.line", "partner_id", string="Scorecard", copy=False
    )
    kam_score_total = fields.Float(
        string="Account Score",
        compute="_compute_kam_score",
        store=True,
        digits=(16, 1),
        aggregator="avg",
        help="Weighted scorecard total from 0 to 100: sum(weight x score) / "
        "(sum of all active criteria weights x 10) x 100.",
    )
    kam_suggested_tier = fields.Selection(
        ACCOUNT_TIERS,
        string="Suggested Tier",
        compute="_compute_kam_score",
        store=True,
        help="Tier suggested by the score and the thresholds of the settings.",
    )
    kam_tier_reason = fields.Text(
        string="Tier Override Reason",
        tracking=True,
        help="Why the tier differs from the suggested one. Required when it does.",
    )
    kam_tier_differs = fields.Boolean(compute="_compute_kam_tier_differs")
    kam_relationship_level = fields.Selection(
        RELATIONSHIP_LEVELS, string="Relationship Level", tracking=True, copy=False
    )
    kam_evidence_ids = fields.Many2many(
        "kam.relationship.evidence",
        "res_partner_kam_evidence_rel",
        "partner_id",
        "evidence_id",
        string="Relationship Evidence",
        copy=False,
    )
    kam_suggested_level = fields.Selection(
        RELATIONSHIP_LEVELS,
        string="Suggested Level",
        compute="_compute_kam_suggested_level",
        store=True,
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
    )
    kam_service_model = fields.Selection(
        [
            ("large", "Large: one manager per account"),
            ("medium", "Medium: one manager for several accounts"),
            ("small", "Small: channel / telemarketing"),
        ],
        string="Service Model",
        help="How the account is served, by its size (seed 004).",
    )
    kam_currency_id = fields.Many2one(
        "res.currency", compute="_compute_kam_currency_id", string="KAM Currency"
    )
    kam_won_revenue_12m = fields.Monetary(
        string="Won Revenue (12 months)",
        currency_field="kam_currency_id",
        compute="_compute_kam_account_value",
        help="Expected revenue of the opportunities won in the last 12 months.",
    )
    kam_won_revenue_prev_12m = fields.Monetary(
        string="Won Revenue (previous 12 months)",
        currency_field="kam_currency_id",
        compute="_compute_kam_account_value",
    )
    kam_revenue_trend = fields.Selection(
        [("up", "Growing"), ("stable", "Stable"), ("down", "Falling")],
        string="Revenue Trend",
        compute="_compute_kam_account_value",
        help="Growing or falling when the last 12 months differ by more than 10% "
        "from the 12 months before.",
    )
    kam_clv = fields.Monetary(
        string="Customer Lifetime Value",
        currency_field="kam_currency_id",
        compute="_compute_kam_account_value",
        help="CLV = R x m x sum over t=0..n-1 of (r / (1 + d))^t, where R is the won "
        "revenue of the last 12 months, m the gross margin, r the retention rate, d the "
        "discount rate and n the horizon in years (all in the Key Accounts settings).",
    )
    # --- account team (SPEC §1.2) ---------------------------------------------------
    kam_manager_id = fields.Many2one(
        "res.users", string="Key Account Manager", tracking=True, index=True, copy=False
    )
    kam_executive_sponsor_id = fields.Many2one(
        "res.users",
        string="Executive Sponsor",
        tracking=True,
        copy=False,
        help="Senior person who owns the top-level relationship.",
    )
    kam_sales_manager_id = fields.Many2one(
        "res.users", string="Sales Manager", tracking=True, copy=False
    )
    kam_team_member_ids = fields.One2many(
        "kam.account.team.member", "partner_id", string="Further Team Members", copy=False
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
    )
    # --- lifecycle (SPEC §1.3) -------------------------------------------------------
    kam_stage_id = fields.Many2one(
        "kam.account.stage",
        string="Lifecycle Stage",
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_expand_full",
    )
    kam_stage_date = fields.Datetime(string="In Stage Since", copy=False)
    kam_stage_is_churn = fields.Boolean(related="kam_stage_id.is_churn")
    kam_stage_history_ids = fields.One2many(
        "kam.stage.history", "partner_id", string="Stage History", copy=False
    )
    # --- territory and claim (SPEC §1.4) ---------------------------------------------
    kam_territory_id = fields.Many2one(
        "kam.territory", string="Territory", tracking=True, index=True, copy=False
    )
    kam_claim_user_id = fields.Many2one(
        "res.users",
        string="Claimed By",
        tracking=True,
        index=True,
        copy=False,
        readonly=True,
    )
    kam_claim_date = fields.Datetime(string="Claimed On", copy=False, readonly=True)
    kam_claim_ids = fields.One2many("kam.claim", "partner_id", string="Claims", copy=False)

    # --- decision chain on the account's people (SPEC §1.5) ----------------------
    kam_decision_role = fields.Selection(
        DECISION_ROLES, string="Decision Role", tracking=True, index=True
    )
    kam_attitude = fields.Selection(ATTITUDES, string="Attitude", tracking=True)
    kam_is_key_person = fields.Boolean(
        string="Key Person",
        compute="_compute_kam_is_key_person",
        store=True,
        readonly=False,
        index=True,
        help="Key persons get the care policies. Set automatically for approvers and "
        "decision makers; can be set by hand for anyone else.",
    )

    # --- computes --------------------------------------------------------------------
    @api.depends("kam_decision_role")
    def _compute_kam_is_key_person(self):
        for partner in self:
            if partner.kam_decision_role in ("approver", "decision_maker"):
                partner.kam_is_key_person = True

    @api.depends("kam_score_line_ids.score", "kam_score_line_ids.criterion_id.weight")
    def _compute_kam_score(self):
        criteria = self.env["kam.score.criterion"].search([])
        weights_by_company = {}
        for partner in self:
            company = partner.company_id or self.env.company
            if company not in weights_by_company:
                weights_by_company[company] = sum(
                    c.weight for c in criteria if c.company_id in (company, c.browse())
                )
            total_weight = weights_by_company[company]
            lines = partner.kam_score_line_ids
            if not lines or not total_weight:
                partner.kam_score_total = 0.0
                partner.kam_suggested_tier = False
                continue
            score = sum(line.weight * line.score for line in lines) / (total_weight * 10)
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
                    required = all_evidence.filtered(lambda e, lvl=level: e.level == lvl)
                    if required and not required <= checked:
                        break
                    suggested = level
            partner.kam_suggested_level = suggested

    def _compute_kam_currency_id(self):
        for partner in self:
            partner.kam_currency_id = (partner.company_id or self.env.company).currency_id

    def _compute_kam_account_value(self):
        now = fields.Datetime.now()
        start, middle = now - timedelta(days=730), now - timedelta(days=365)
        companies = self.filtered("is_company")
        recent = self._kam_won_revenue(companies, middle, now)
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
            factor = (company.kam_clv_retention / 100) / (1 + company.kam_clv_discount / 100)
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
        fields_ = (
            "kam_manager_id",
            "kam_executive_sponsor_id",
            "kam_sales_manager_id",
            "kam_claim_user_id",
            "kam_team_member_ids.user_id",
        )
        return ["|"] * (len(fields_) - 1) + [(f, operator, value) for f in fields_]

    # --- constraints -----------------------------------------------------------------
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
            if (partner.kam_stage_id or partner.kam_territory_id) and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a person: only companies are managed as accounts.",
                        name=partner.display_name,
                    )
                )

    # --- CRUD ------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            if vals.get("kam_stage_id"):
                vals.setdefault("kam_stage_date", now)
        partners = super().create(vals_list)
        staged = partners.filtered("kam_stage_id")
        if staged:
            staged._kam_check_stage_entry(staged.kam_stage_id)
            staged._kam_record_stage_moves(dict.fromkeys(staged.ids, False), now)
        return partners

    def write(self, vals):
        if "kam_stage_id" not in vals:
            return super().write(vals)
        new_stage = self.env["kam.account.stage"].browse(vals["kam_stage_id"])
        moving = self.filtered(lambda p: p.kam_stage_id != new_stage)
        previous = {p.id: (p.kam_stage_id, p.kam_stage_date) for p in moving}
        if new_stage:
            moving._kam_check_stage_move(new_stage)
        now = fields.Datetime.now()
        res = super(ResPartner, moving).write(dict(vals, kam_stage_date=now))
        if self - moving:
            res = super(ResPartner, self - moving).write(vals)
        if new_stage:
            moving._kam_record_stage_moves(previous, now)
        return res

    # --- lifecycle -------------------------------------------------------------------
    def _kam_check_stage_move(self, stage):
        """Refuse moves the stage model does not allow, naming what is missing."""
        for partner in self:
            current = partner.kam_stage_id
            if current.is_churn and not self.env.context.get("kam_reactivate"):
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            backwards = current and not stage.is_churn and stage.sequence < current.sequence
            if not backwards:
                partner._kam_check_stage_entry(stage)

    def _kam_check_stage_entry(self, stage):
        missing_by_partner = self._kam_missing_stage_requirements(stage)
        for partner in self:
            missing = missing_by_partner.get(partner.id)
            if missing:
                raise UserError(
                    self.env._(
                        "%(account)s cannot enter the stage %(stage)s. Missing:\n%(missing)s",
                        account=partner.display_name,
                        stage=stage.name,
                        missing="\n".join("- " + m for m in missing),
                    )
                )

    def _kam_missing_stage_requirements(self, stage):
        """Return {partner id: [what is missing]} for entering ``stage``. Extend to add."""
        result = {}
        open_opps, won_opps = self._kam_opportunity_counts()
        for partner in self:
            missing = []
            if not partner.is_company:
                missing.append(self.env._("the contact is not a company"))
            if stage.require_claim and not partner.kam_claim_user_id:
                missing.append(self.env._("a claim by a salesperson"))
            if stage.require_contact and not partner.child_ids.filtered(
                lambda c: c.type == "contact"
            ):
                missing.append(self.env._("at least one contact person"))
            if stage.require_manager and not partner.kam_manager_id:
                missing.append(self.env._("a key account manager on the account team"))
            if stage.require_opportunity and not (
                open_opps.get(partner.id) or won_opps.get(partner.id)
            ):
                missing.append(self.env._("an open opportunity"))
            if stage.require_won_opportunity and not won_opps.get(partner.id):
                missing.append(self.env._("a won opportunity"))
            if missing:
                result[partner.id] = missing
        return result

    @api.model
    def _kam_won_revenue(self, accounts, date_from, date_to):
        """Won revenue per account id closed in [date_from, date_to), in one grouped query.

        Opportunities created directly in a won stage have no closing date: their
        creation date counts instead.
        """
        if not accounts.ids:
            return {}
        groups = self.env["crm.lead"].sudo()._read_group(
            [
                ("partner_id", "child_of", accounts.ids),
                ("stage_id.is_won", "=", True),
                "|",
                "&",
                ("date_closed", ">=", date_from),
                ("date_closed", "<", date_to),
                "&",
                ("date_closed", "=", False),
                "&",
                ("create_date", ">=", date_from),
                ("create_date", "<", date_to),
            ],
            ["partner_id"],
            ["expected_revenue:sum"],
        )
        result = {}
        for contact, amount in groups:
            account = contact.commercial_partner_id.id
            result[account] = result.get(account, 0.0) + amount
        return result

    def _kam_opportunity_counts(self):
        """Open and won opportunity counts per account, in two grouped queries."""
        if not self.ids:
            return {}, {}
        Lead = self.env["crm.lead"].sudo().with_context(active_test=True)
        base = [("partner_id", "child_of", self.ids), ("type", "=", "opportunity")]
        counts = []
        for extra in ([("stage_id.is_won", "=", False)], [("stage_id.is_won", "=", True)]):
            by_account = {}
            for contact, count in Lead._read_group(base + extra, ["partner_id"], ["__count"]):
                account = contact.commercial_partner_id.id
                by_account[account] = by_account.get(account, 0) + count
            counts.append(by_account)
        return counts[0], counts[1]

    def _kam_record_stage_moves(self, previous, now):
        """Write one history line per account, with the days spent in the previous stage."""
        lines = []
        for partner in self:
            stage_from, since = previous.get(partner.id) or (False, False)
            lines.append(
                {
                    "partner_id": partner.id,
                    "stage_from_id": stage_from.id if stage_from else False,
                    "stage_to_id": partner.kam_stage_id.id,
                    "date": now,
                    "days_in_previous": (now - since).total_seconds() / 86400 if since else 0.0,
                    "territory_id": partner.kam_territory_id.id,
                    "salesperson_id": (partner.kam_manager_id or partner.kam_claim_user_id).id,
                }
            )
        self.env["kam.stage.history"].sudo().create(lines)

    def _kam_funnel_stages(self):
        return self.env["kam.account.stage"].search([("is_churn", "=", False)])

    def action_kam_advance(self):
        stages = self._kam_funnel_stages()
        for partner in self:
            if partner.kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            later = stages.filtered(
                lambda s, p=partner: not p.kam_stage_id or s.sequence > p.kam_stage_id.sequence
            )
            if not later:
                raise UserError(
                    self.env._(
                        "%(account)s is already in the last stage.", account=partner.display_name
                    )
                )
            partner.kam_stage_id = later[0]
        return True

    def action_kam_back(self):
        stages = self._kam_funnel_stages()
        for partner in self:
            current = partner.kam_stage_id
            earlier = stages.filtered(lambda s, c=current: s.sequence < c.sequence)
            if not current or current.is_churn or not earlier:
                raise UserError(
                    self.env._(
                        "%(account)s cannot go back from its current stage.",
                        account=partner.display_name,
                    )
                )
            partner.kam_stage_id = earlier[-1]
        return True

    def action_kam_mark_churned(self):
        churn = self.env["kam.account.stage"].search([("is_churn", "=", True)], limit=1)
        if not churn:
            raise UserError(self.env._("No churned stage is configured."))
        for partner in self:
            if partner.kam_stage_id.is_churn:
                raise UserError(
                    self.env._("%(account)s has already churned.", account=partner.display_name)
                )
            partner.kam_stage_id = churn
        return True

    def action_kam_reactivate(self):
        target = self.env["kam.account.stage"].search(
            [("is_reactivation_target", "=", True), ("is_churn", "=", False)], limit=1
        )
        if not target:
            raise UserError(self.env._("No reactivation stage is configured."))
        for partner in self:
            if not partner.kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "Only a churned account can be reactivated; %(account)s has not churned.",
                        account=partner.display_name,
                    )
                )
            partner.with_context(kam_reactivate=True).kam_stage_id = target
        return True

    # --- claims ----------------------------------------------------------------------
    def action_kam_claim(self):
        """Claim the account for the current user: exclusive, first come first served."""
        self.ensure_one()
        user = self.env.user
        if not self.is_company or not self.kam_territory_id:
            raise UserError(
                self.env._(
                    "%(account)s is in no territory: only territory accounts can be claimed.",
                    account=self.display_name,
                )
            )
        if self.kam_claim_user_id:
            raise UserError(
                self.env._(
                    "%(account)s is already claimed by %(user)s.",
                    account=self.display_name,
                    user=self.kam_claim_user_id.name,
                )
            )
        territory = self.kam_territory_id
        is_manager = user.has_group("key_account_management.group_kam_manager")
        if not is_manager and user not in territory.user_ids | territory.manager_id:
            raise UserError(
                self.env._(
                    "You are not a salesperson of the territory %(territory)s.",
                    territory=territory.name,
                )
            )
        now = fields.Datetime.now()
        try:
            # The partial unique index settles a race: the later transaction fails here.
            with self.env.cr.savepoint():
                self.env["kam.claim"].sudo().create(
                    {
                        "partner_id": self.id,
                        "user_id": user.id,
                        "territory_id": territory.id,
                        "date_claimed": now,
                    }
                )
                self.sudo().write({"kam_claim_user_id": user.id, "kam_claim_date": now})
        except (
            psycopg2.errors.UniqueViolation,
            psycopg2.errors.SerializationFailure,
            psycopg2.errors.LockNotAvailable,
        ) as exc:
            raise UserError(
                self.env._(
                    "%(account)s has just been claimed by another salesperson.",
                    account=self.display_name,
                )
            ) from exc
        listed = self.env["kam.account.stage"].search([("require_claim", "=", True)], limit=1)
        if listed and (not self.kam_stage_id or self.kam_stage_id.sequence < listed.sequence):
            self.sudo().kam_stage_id = listed
        return True

    def action_kam_release(self):
        for partner in self:
            if not partner.kam_claim_user_id:
                raise UserError(
                    self.env._("%(account)s is not claimed.", account=partner.display_name)
                )
            if partner.kam_claim_user_id != self.env.user and not self.env.user.has_group(
                "key_account_management.group_kam_manager"
            ):
                raise UserError(
                    self.env._("Only the claiming salesperson or a manager can release it.")
                )
        self._kam_release_claims("released", self.env._("Released by %s", self.env.user.name))
        return True

    def _kam_release_claims(self, state, reason):
        claims = self.env["kam.claim"].sudo().search(
            [("partner_id", "in", self.ids), ("state", "=", "active")]
        )
        claims.write(
            {"state": state, "date_released": fields.Datetime.now(), "release_reason": reason}
        )
        self.sudo().write({"kam_claim_user_id": False, "kam_claim_date": False})
        return claims

    @api.model
    def _kam_last_sales_action_dates(self, claims):
        """Return {claim id: datetime} of the claimant's last normative sales action.

        Counted: notes and messages the claimant posted, and activities they marked done,
        on the account, its contacts or its opportunities; meetings they organised with
        the account's people. Extend (super + merge the later date) to add more sources.
        """
        if not claims:
            return {}
        self.env["mail.message"].flush_model()
        self.env["calendar.event"].flush_model()
        self.env["crm.lead"].flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH claim AS (
                    SELECT c.id, c.partner_id, c.date_claimed, u.partner_id AS author_id,
                           c.user_id
                      FROM kam_claim c JOIN res_users u ON u.id = c.user_id
                     WHERE c.id = ANY(%(ids)s)
                ), people AS (
                    SELECT claim.id AS claim_id, p.id AS partner_id
                      FROM claim JOIN res_partner p ON p.commercial_partner_id = claim.partner_id
                )
                SELECT claim.id, GREATEST(
                    (SELECT MAX(m.date) FROM mail_message m
                      WHERE m.author_id = claim.author_id AND m.date > claim.date_claimed
                        AND m.message_type IN ('comment', 'notification')
                        AND (m.subtype_id IS NOT NULL OR m.mail_activity_type_id IS NOT NULL)
                        AND ((m.model = 'res.partner' AND m.res_id IN
                                (SELECT partner_id FROM people WHERE claim_id = claim.id))
                          OR (m.model = 'crm.lead' AND m.res_id IN
                                (SELECT l.id FROM crm_lead l WHERE l.partner_id IN
                                   (SELECT partner_id FROM people WHERE claim_id = claim.id))))),
                    (SELECT MAX(e.start) FROM calendar_event e
                       JOIN calendar_event_res_partner_rel r ON r.calendar_event_id = e.id
                      WHERE e.user_id = claim.user_id AND e.active
                        AND e.start > claim.date_claimed AND e.start <= NOW() AT TIME ZONE 'UTC'
                        AND r.res_partner_id IN
                            (SELECT partner_id FROM people WHERE claim_id = claim.id))
                )
                  FROM claim
                """,
                ids=list(claims.ids),
            )
        )
        return {claim_id: last for claim_id, last in self.env.cr.fetchall() if last}

    def _kam_warning_signals(self):
        """Return {account id: [(signal code, "amber" or "red", message)]} for the early
        warning (SPEC §1.7). Extend it (call super, then append) to add signals."""
        return {partner.id: [] for partner in self}

    @api.model
    def _cron_release_expired_claims(self, batch_size=200):
        """Release claims without normative sales actions for the company's expiry delay.

        Idempotent: released claims are no longer active, so a second run finds nothing.
        Batched: each batch commits (outside tests) and reports progress to the scheduler.
        """
        Claim = self.env["kam.claim"].sudo()
        now = fields.Datetime.now()
        min_days = min(self.env["res.company"].sudo().search([]).mapped("kam_claim_expiry_days"))
        candidates = Claim.search(
            [("state", "=", "active"), ("date_claimed", "<", now - timedelta(days=min_days))]
        )
        released = processed = 0
        for batch in split_every(batch_size, candidates.ids, Claim.browse):
            last_actions = self._kam_last_sales_action_dates(batch)
            expired = Claim.browse()
            for claim in batch:
                days = (claim.company_id or self.env.company).kam_claim_expiry_days
                last = max(filter(None, [claim.date_claimed, last_actions.get(claim.id)]))
                if last < now - timedelta(days=days):
                    expired |= claim
            for claim in expired:
                claim.partner_id._kam_notify_claim_expired(claim)
            expired.partner_id._kam_release_claims(
                "expired", self.env._("No sales action within the expiry delay")
            )
            released += len(expired)
            processed += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=len(batch), remaining=len(candidates) - processed
            )
            if not getattr(threading.current_thread(), "testing", False):
                # Commit per batch so a large run holds no long transaction.
                self.env.cr.commit()  # pylint: disable=invalid-commit
        _logger.info("Released %d expired account claims", released)
        return released

    def _kam_notify_claim_expired(self, claim):
        self.ensure_one()
        days = (claim.company_id or self.env.company).kam_claim_expiry_days
        self.sudo().message_post(
            body=self.env._(
                "The claim of %(user)s on %(account)s expired: no sales action in %(days)s "
                "days. The account is back in the pool of %(territory)s.",
                user=claim.user_id.name,
                account=self.display_name,
                days=days,
                territory=claim.territory_id.name or "-",
            ),
            partner_ids=claim.user_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
