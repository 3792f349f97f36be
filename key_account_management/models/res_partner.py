# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import threading
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, split_every

from .kam_key_person_private import PRIVATE_FIELDS
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


# The ownership of an account: changed only by its key account manager or a manager.
OWNERSHIP_FIELDS = (
    "kam_manager_id",
    "kam_sales_manager_id",
    "kam_executive_sponsor_id",
    "kam_tier",
    "kam_tier_reason",
)
# Marks the stage write of action_kam_reactivate: the only way out of the churned stage.
# A Python object, so that no client can put it in a context.
_REACTIVATION = object()


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "kam.workflow.mixin"]

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
        "kam_warning_date",
        "kam_left_date",
    )

    # --- classification (SPEC §1.1) -------------------------------------------------
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
        help="Weighted scorecard total from 0 to 100: sum(weight x score) / "
        "(sum of all active criteria weights x 10) x 100.",
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
        help="How the account is served, by its size (seed 004).",
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
    # --- account team (SPEC §1.2) ---------------------------------------------------
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
        copy=False,
        help="Senior person who owns the top-level relationship.",
        groups="base.group_user",
    )
    kam_sales_manager_id = fields.Many2one(
        "res.users",
        string="Sales Manager",
        tracking=True,
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
    # --- lifecycle (SPEC §1.3) -------------------------------------------------------
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
    # --- territory and claim (SPEC §1.4) ---------------------------------------------
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

    # --- decision chain on the account's people (SPEC §1.5) ----------------------
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
            if (
                partner.kam_stage_id or partner.kam_territory_id
            ) and not partner.is_company:
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
        entry_stages = {}
        records = self
        if not self._workflow_trusted():
            # Odoo checks the fields' groups on write, not on create: a user outside
            # the key-account groups must not set account intelligence on a new contact.
            self.check_field_access_rights(
                "write",
                list(
                    {f for vals in vals_list for f in vals if f.startswith("kam_")}
                    | {
                        key.removeprefix("default_")
                        for key in self.env.context
                        if key.startswith("default_kam_")
                    }
                ),
            )
            records = self._kam_untrusted_create_context(vals_list)
            entry_stages = records._kam_pop_entry_stages(vals_list)
            records._kam_check_ownership_create(vals_list)
        for vals in vals_list:
            if vals.get("kam_stage_id"):
                vals.setdefault("kam_stage_date", now)
        partners = super(ResPartner, records).create(vals_list)
        # Internal bookkeeping: read as the system, the creating user may be a plain
        # employee who cannot read the key-account fields.
        sudo_partners = partners.sudo()
        sudo_partners.filtered("kam_attitude")._kam_record_attitude_changes({})
        staged = sudo_partners.filtered("kam_stage_id")
        if staged:
            staged._kam_check_stage_entry(staged.kam_stage_id)
            staged._kam_record_stage_moves(dict.fromkeys(staged.ids, False), now)
        # A user creates an account in the first stage of the funnel through the stage's
        # own path: the same gate and history as the lifecycle buttons.
        for index, stage in entry_stages.items():
            partners[index]._workflow_write({"kam_stage_id": stage.id})
        return partners

    def _kam_untrusted_create_context(self, vals_list):
        """Turn the client's ``default_`` context keys of protected fields into values.

        The mixin checks the values a client sends; a ``default_kam_claim_user_id`` in
        the context would otherwise be applied by the ORM after that check. The keys
        become explicit values (checked like the others) and leave the context, so that
        they are not applied to the records created on the way (contacts, users).
        """
        guarded = set(self._workflow_fields) | set(OWNERSHIP_FIELDS)
        context = dict(self.env.context)
        defaults = {
            fname: context.pop(f"default_{fname}")
            for fname in guarded
            if f"default_{fname}" in context
        }
        if not defaults:
            return self
        for vals in vals_list:
            for fname, value in defaults.items():
                is_company = vals.get("is_company", context.get("default_is_company"))
                if fname == "kam_stage_id" and not is_company:
                    continue  # as before: the contacts of a new account get no stage
                vals.setdefault(fname, value)
        # Replacing the context is the point: the keys must go.
        return self.with_context(context)  # pylint: disable=context-overridden

    def _kam_entry_stage(self):
        """The first stage of the funnel, where a new account starts (as Advance does)."""
        return self._kam_funnel_stages()[:1]

    def _kam_pop_entry_stages(self, vals_list):
        """Check the stage and claim values a user sends at create; return
        {index in vals_list: stage} of the accounts to move into the entry stage."""
        entry = None
        result = {}
        for index, vals in enumerate(vals_list):
            forged = [
                fname
                for fname in ("kam_stage_date", "kam_claim_user_id", "kam_claim_date")
                if vals.get(fname)
            ]
            if forged:
                self._workflow_refuse(forged)
            stage_id = vals.pop("kam_stage_id", False)
            stage = self.env["kam.account.stage"].browse(
                stage_id.id if isinstance(stage_id, models.BaseModel) else stage_id
            )
            vals.pop("kam_stage_date", None)
            if not stage:
                continue
            if entry is None:
                entry = self.sudo()._kam_entry_stage()
            if stage != entry:
                raise UserError(
                    self.env._(
                        "A new account starts in the stage %(stage)s; it moves on with "
                        "the lifecycle buttons, which check each stage's requirements.",
                        stage=entry.name,
                    )
                )
            result[index] = stage
        return result

    def _kam_is_manager(self):
        return self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        )

    def _kam_refuse_ownership(self, fnames, account=None):
        raise UserError(
            self.env._(
                "%(fields)s of %(account)s can only be changed by its key account "
                "manager or a key account manager of the Manager group.",
                fields=self._workflow_field_labels(fnames),
                account=account.display_name if account else self.env._("an account"),
            )
        )

    def _kam_check_ownership_create(self, vals_list):
        """A user who is no manager sets the ownership of a new account only by making
        himself its key account manager."""
        if self._kam_is_manager():
            return
        for vals in vals_list:
            fnames = [f for f in OWNERSHIP_FIELDS if vals.get(f)]
            manager_id = vals.get("kam_manager_id")
            if isinstance(manager_id, models.BaseModel):
                manager_id = manager_id.id
            if fnames and manager_id != self.env.uid:
                self._kam_refuse_ownership(fnames)

    def _kam_check_ownership_write(self, vals):
        """Team and tier fields change only by the account's key account manager or a
        manager (SPEC §1.2): a salesperson cannot put himself on another's account."""
        fnames = [f for f in OWNERSHIP_FIELDS if f in vals]
        if not fnames or self._workflow_trusted() or self._kam_is_manager():
            return
        for partner in self.sudo():
            changed = [f for f in fnames if partner._workflow_changes(f, vals[f])]
            owners = (
                partner.kam_manager_id | partner.commercial_partner_id.kam_manager_id
            )
            if changed and self.env.user not in owners:
                self._kam_refuse_ownership(changed, partner)

    def write(self, vals):
        if not self._workflow_trusted():
            changed = [
                fname
                for fname in self._workflow_fields
                if fname in vals and self.sudo()._workflow_changes(fname, vals[fname])
            ]
            if changed:
                self._workflow_refuse(changed)
            self._kam_check_ownership_write(vals)
        attitudes = (
            {p.id: p.kam_attitude for p in self.sudo()}
            if "kam_attitude" in vals
            else None
        )
        if "kam_stage_id" in vals:
            res = self._kam_write_stage(vals)
        else:
            res = super().write(vals)
        if attitudes is not None:
            self._kam_record_attitude_changes(attitudes)
        self._kam_stamp_leavers(vals)
        return res

    def _kam_write_stage(self, vals):
        if "kam_stage_id" not in vals:
            return super().write(vals)
        new_stage = self.env["kam.account.stage"].browse(vals["kam_stage_id"])
        moving = self.filtered(lambda p: p.sudo().kam_stage_id != new_stage)
        previous = {p.id: (p.kam_stage_id, p.kam_stage_date) for p in moving.sudo()}
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
        reactivating = self.env.context.get("kam_reactivate") is _REACTIVATION
        for partner in self:
            current = partner.sudo().kam_stage_id
            if current.is_churn and not reactivating:
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            backwards = (
                current and not stage.is_churn and stage.sequence < current.sequence
            )
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

    def _kam_opportunity_counts(self):
        """Open and won opportunity counts per account, in two grouped queries."""
        if not self.ids:
            return {}, {}
        Lead = self.env["crm.lead"].sudo().with_context(active_test=True)
        base = [("partner_id", "child_of", self.ids), ("type", "=", "opportunity")]
        counts = []
        for extra in (
            [("stage_id.is_won", "=", False)],
            [("stage_id.is_won", "=", True)],
        ):
            by_account = {}
            for contact, count in Lead._read_group(
                base + extra, ["partner_id"], ["__count"]
            ):
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
                    "days_in_previous": (now - since).total_seconds() / 86400
                    if since
                    else 0.0,
                    "territory_id": partner.kam_territory_id.id,
                    "salesperson_id": (
                        partner.kam_manager_id or partner.kam_claim_user_id
                    ).id,
                }
            )
        self.env["kam.stage.history"].sudo().create(lines)

    def _kam_funnel_stages(self):
        return self.env["kam.account.stage"].search([("is_churn", "=", False)])

    def _kam_check_lifecycle_user(self, action):
        self._workflow_check_group("key_account_management.group_kam_user", action)

    def action_kam_advance(self):
        self._kam_check_lifecycle_user(self.env._("advance"))
        stages = self._kam_funnel_stages()
        for partner in self:
            current = partner.sudo().kam_stage_id
            if current.is_churn:
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            later = stages.filtered(
                lambda s, c=current: not c or s.sequence > c.sequence
            )
            if not later:
                raise UserError(
                    self.env._(
                        "%(account)s is already in the last stage.",
                        account=partner.display_name,
                    )
                )
            partner._workflow_write({"kam_stage_id": later[0].id})
        return True

    def action_kam_back(self):
        self._kam_check_lifecycle_user(self.env._("move back"))
        stages = self._kam_funnel_stages()
        for partner in self:
            current = partner.sudo().kam_stage_id
            earlier = stages.filtered(lambda s, c=current: s.sequence < c.sequence)
            if not current or current.is_churn or not earlier:
                raise UserError(
                    self.env._(
                        "%(account)s cannot go back from its current stage.",
                        account=partner.display_name,
                    )
                )
            partner._workflow_write({"kam_stage_id": earlier[-1].id})
        return True

    def action_kam_mark_churned(self):
        self._kam_check_lifecycle_user(self.env._("mark as churned"))
        churn = self.env["kam.account.stage"].search([("is_churn", "=", True)], limit=1)
        if not churn:
            raise UserError(self.env._("No churned stage is configured."))
        for partner in self:
            if partner.sudo().kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "%(account)s has already churned.", account=partner.display_name
                    )
                )
            partner._workflow_write({"kam_stage_id": churn.id})
        return True

    def action_kam_reactivate(self):
        self._kam_check_lifecycle_user(self.env._("reactivate"))
        target = self.env["kam.account.stage"].search(
            [("is_reactivation_target", "=", True), ("is_churn", "=", False)], limit=1
        )
        if not target:
            raise UserError(self.env._("No reactivation stage is configured."))
        for partner in self:
            if not partner.sudo().kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "Only a churned account can be reactivated; %(account)s has not churned.",
                        account=partner.display_name,
                    )
                )
            partner.with_context(kam_reactivate=_REACTIVATION)._workflow_write(
                {"kam_stage_id": target.id}
            )
        return True

    # --- claims ----------------------------------------------------------------------
    def action_kam_claim(self):
        """Claim the account for the current user: exclusive, first come first served."""
        self.ensure_one()
        self._workflow_check_group(
            "key_account_management.group_kam_user", self.env._("claim")
        )
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
        # As the button shows it: a claim would put the user on the team of an account
        # another salesperson manages, or bring a churned account back without Reactivate.
        if self.sudo().kam_manager_id or self.sudo().kam_stage_id.is_churn:
            raise UserError(
                self.env._(
                    "%(account)s is not in the pool: it has a key account manager or "
                    "has churned.",
                    account=self.display_name,
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
        listed = self.env["kam.account.stage"].search(
            [("require_claim", "=", True)], limit=1
        )
        if listed and (
            not self.kam_stage_id or self.kam_stage_id.sequence < listed.sequence
        ):
            self.sudo()._workflow_write({"kam_stage_id": listed.id})
        return True

    def action_kam_release(self):
        for partner in self:
            if not partner.kam_claim_user_id:
                raise UserError(
                    self.env._(
                        "%(account)s is not claimed.", account=partner.display_name
                    )
                )
            if (
                partner.kam_claim_user_id != self.env.user
                and not self.env.user.has_group(
                    "key_account_management.group_kam_manager"
                )
            ):
                raise UserError(
                    self.env._(
                        "Only the claiming salesperson or a manager can release it."
                    )
                )
        self._kam_release_claims(
            "released", self.env._("Released by %s", self.env.user.name)
        )
        return True

    def _kam_release_claims(self, state, reason):
        """End the active claims of these accounts (Release button)."""
        claims = (
            self.env["kam.claim"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("state", "=", "active")])
        )
        claims = self._kam_end_claims(claims, state, reason)
        # An account claimed without a claim record (data of an older version) is freed
        # too: the user releases this account's claim, whatever recorded it.
        stray = self.sudo().filtered("kam_claim_user_id")
        if stray:
            stray._workflow_write({"kam_claim_user_id": False, "kam_claim_date": False})
        return claims

    @api.model
    def _kam_end_claims(self, claims, state, reason):
        """End these claims, by claim: an account is freed only while the ended claim is
        still its current one, so a newer claim on the same account is never touched."""
        claims = claims.sudo().filtered(lambda c: c.state == "active")
        if not claims:
            return claims
        claims._workflow_write(
            {
                "state": state,
                "date_released": fields.Datetime.now(),
                "release_reason": reason,
            }
        )
        freed = claims.partner_id.filtered(
            lambda p: p.kam_claim_user_id
            in claims.filtered(lambda c, p=p: c.partner_id == p).user_id
        )
        if freed:
            freed._workflow_write({"kam_claim_user_id": False, "kam_claim_date": False})
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
        warning (SPEC §1.7). Extend it (call super, then append) to add signals.

        Signals here: no interaction for the tier's gap (amber, red past twice the gap),
        won revenue falling year on year (amber), an approver's or decision maker's
        attitude dropping (red), a key person leaving (amber), single-threaded coverage
        (amber). Each source is read for the whole batch in one query.
        """
        signals = {partner.id: [] for partner in self}
        accounts = self.filtered(lambda p: p.is_company and p.id)
        if not accounts:
            return signals
        now = fields.Datetime.now()
        last_dates = accounts._kam_last_interaction_dates()
        coverage = accounts._kam_coverage_gap_map()
        window = {
            company: now - timedelta(days=company.kam_warning_window_days)
            for company in accounts.company_id | self.env.company
        }
        oldest = min(window.values())
        drops = (
            self.env["kam.attitude.history"]
            .sudo()
            .search(
                [
                    ("account_id", "in", accounts.ids),
                    ("is_drop", "=", True),
                    ("decision_role", "in", ("approver", "decision_maker")),
                    ("date", ">=", oldest),
                ]
            )
        )
        leavers = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("is_company", "=", False),
                    ("kam_is_key_person", "=", True),
                    ("kam_left_date", ">=", oldest.date()),
                ]
            )
        )
        attitude_labels = dict(
            self._fields["kam_attitude"]._description_selection(self.env)
        )
        # Iterate the whole recordsets so that related names are read in one query.
        drops_by_account, leavers_by_account = defaultdict(list), defaultdict(list)
        for drop in drops:
            drops_by_account[drop.account_id.id].append(
                (drop.date, drop.partner_id.name, drop.old_attitude, drop.new_attitude)
            )
        for person in leavers:
            leavers_by_account[person.commercial_partner_id.id].append(
                (person.kam_left_date, person.name)
            )
        for account in accounts:
            company = account.company_id or self.env.company
            since = window[company]
            found = signals[account.id]
            gap = company._kam_interaction_gap(account.kam_tier)
            last = last_dates.get(account.id)
            if gap and not last:
                found.append(
                    (
                        "no_interaction",
                        "amber",
                        self.env._("No interaction recorded yet"),
                    )
                )
            elif gap and last < now - timedelta(days=gap):
                days = (now - last).days
                found.append(
                    (
                        "no_interaction",
                        "red" if days > 2 * gap else "amber",
                        self.env._(
                            "No interaction for %(days)s days (limit %(gap)s)",
                            days=days,
                            gap=gap,
                        ),
                    )
                )
            if account.kam_revenue_trend == "down":
                found.append(
                    (
                        "revenue_down",
                        "amber",
                        self.env._("Won revenue is falling year on year"),
                    )
                )
            for date, name, old, new in drops_by_account[account.id]:
                if date < since:
                    continue
                found.append(
                    (
                        "attitude_drop",
                        "red",
                        self.env._(
                            "%(person)s dropped from %(old)s to %(new)s",
                            person=name,
                            old=attitude_labels.get(old),
                            new=attitude_labels.get(new, "-"),
                        ),
                    )
                )
            for left_date, name in leavers_by_account[account.id]:
                if left_date < since.date():
                    continue
                found.append(
                    (
                        "key_person_left",
                        "amber",
                        self.env._("Key person %(person)s left", person=name),
                    )
                )
            if account.id in coverage:
                found.append(
                    (
                        "single_threaded",
                        "amber",
                        self.env._(
                            "Single-threaded: %(gaps)s",
                            gaps="; ".join(coverage[account.id]),
                        ),
                    )
                )
        return signals

    @api.model
    def _cron_release_expired_claims(self, batch_size=200):
        """Release claims without normative sales actions for the company's expiry delay.

        Idempotent: released claims are no longer active, so a second run finds nothing.
        Batched: each batch commits (outside tests) and reports progress to the scheduler.
        Safe against claims and releases made meanwhile: each batch locks its claims
        still active (skipping those another transaction holds), re-checks them under
        the lock and ends them by claim, never by account.
        """
        candidate_ids = self._kam_claim_expiry_candidates()
        released = processed = 0
        for batch_ids in split_every(batch_size, candidate_ids, list):
            released += len(self._kam_expire_claim_batch(batch_ids))
            processed += len(batch_ids)
            self.env["ir.cron"]._notify_progress(
                done=len(batch_ids), remaining=len(candidate_ids) - processed
            )
            if not getattr(threading.current_thread(), "testing", False):
                # Commit per batch so a large run holds no long transaction (and no lock).
                self.env.cr.commit()  # pylint: disable=invalid-commit
        _logger.info("Released %d expired account claims", released)
        return released

    @api.model
    def _kam_claim_expiry_candidates(self):
        """Ids of the active claims older than the shortest expiry delay of the companies."""
        now = fields.Datetime.now()
        min_days = min(
            self.env["res.company"].sudo().search([]).mapped("kam_claim_expiry_days")
        )
        return (
            self.env["kam.claim"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("date_claimed", "<", now - timedelta(days=min_days)),
                ]
            )
            .ids
        )

    @api.model
    def _kam_expire_claim_batch(self, claim_ids):
        """Expire the claims of ``claim_ids`` that are still active and idle, under a lock.

        Returns the expired claims.
        """
        Claim = self.env["kam.claim"].sudo()
        Claim.flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM kam_claim
                 WHERE id = ANY(%(ids)s) AND state = 'active'
                   FOR UPDATE SKIP LOCKED
                """,
                ids=list(claim_ids),
            )
        )
        batch = Claim.browse([row[0] for row in self.env.cr.fetchall()])
        # Re-read under the lock what another transaction may have changed.
        batch.invalidate_recordset()
        batch.partner_id.invalidate_recordset(["kam_claim_user_id", "kam_claim_date"])
        now = fields.Datetime.now()
        last_actions = self._kam_last_sales_action_dates(batch)
        expired = Claim.browse()
        for claim in batch:
            days = (claim.company_id or self.env.company).kam_claim_expiry_days
            last = max(filter(None, [claim.date_claimed, last_actions.get(claim.id)]))
            if claim.state == "active" and last < now - timedelta(days=days):
                expired |= claim
        for claim in expired:
            claim.partner_id._kam_notify_claim_expired(claim)
        return self._kam_end_claims(
            expired, "expired", self.env._("No sales action within the expiry delay")
        )

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

    # =================================================================================
    # Decision chain, key-person relationships, coverage and early warning
    # (SPEC §1.5 and §1.7)
    # =================================================================================
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
    kam_last_interaction_date = fields.Datetime(
        string="Last Interaction",
        compute="_compute_kam_last_interaction",
        help="Latest logged note, e-mail or done activity on the person (for an account: "
        "on the account, its people or their opportunities), or past meeting with them.",
        groups="key_account_management.group_kam_user",
    )
    kam_interaction_age = fields.Integer(
        string="Days Since Interaction",
        compute="_compute_kam_last_interaction",
        help="Freshness of the relationship: days since the last interaction.",
        groups="key_account_management.group_kam_user",
    )
    # Personal data: stored in kam.key.person.private, read with the user's own rights.
    kam_personal_needs = fields.Text(
        string="Personal Needs",
        compute="_compute_kam_private",
        inverse="_inverse_kam_personal_needs",
        search="_search_kam_personal_needs",
        help="Personal needs below the waterline (iceberg model). Visible only to the "
        "account team and the key account managers.",
    )
    kam_interests = fields.Text(
        string="Interests",
        compute="_compute_kam_private",
        inverse="_inverse_kam_interests",
        search="_search_kam_interests",
    )
    kam_family_notes = fields.Text(
        string="Family",
        compute="_compute_kam_private",
        inverse="_inverse_kam_family_notes",
        search="_search_kam_family_notes",
    )
    kam_gift_preferences = fields.Text(
        string="Gift Preferences",
        compute="_compute_kam_private",
        inverse="_inverse_kam_gift_preferences",
        search="_search_kam_gift_preferences",
    )
    kam_private_ids = fields.One2many(
        "kam.key.person.private",
        "partner_id",
        string="Personal Data Records",
        groups="key_account_management.group_kam_user",
    )
    kam_can_edit_ownership = fields.Boolean(
        string="May Change the Ownership",
        compute="_compute_kam_can_edit_ownership",
        help="The current user is the account's key account manager or a manager: "
        "the team, the tier and the owners are theirs to change.",
        groups="key_account_management.group_kam_user",
    )
    kam_private_allowed = fields.Boolean(
        string="Personal Data Visible",
        compute="_compute_kam_private_allowed",
        help="The current user is on the account team or a key account manager.",
        groups="key_account_management.group_kam_user",
    )
    # --- on the account ----------------------------------------------------------
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
    kam_single_threaded = fields.Boolean(
        string="Single-Threaded",
        compute="_compute_kam_coverage",
        search="_search_kam_single_threaded",
        help="The account lacks a known approver, decision maker or coach, or has "
        "fewer people than its tier requires (settings).",
        groups="key_account_management.group_kam_user",
    )
    kam_coverage_gaps = fields.Text(
        string="Coverage Gaps",
        compute="_compute_kam_coverage",
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
    kam_warning_level = fields.Selection(
        [("green", "Green"), ("amber", "Amber"), ("red", "Red")],
        string="Early Warning",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Rated daily for key accounts from the warning signals.",
        groups="key_account_management.group_kam_user",
    )
    kam_warning_summary = fields.Text(
        string="Warning Signals",
        readonly=True,
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_warning_date = fields.Date(
        string="Rated On",
        readonly=True,
        copy=False,
        groups="key_account_management.group_kam_user",
    )

    @api.depends_context("uid")
    def _compute_kam_last_interaction(self):
        now = fields.Datetime.now()
        dates = self._kam_last_interaction_dates() if self.ids else {}
        for partner in self:
            last = dates.get(partner.id)
            partner.kam_last_interaction_date = last
            partner.kam_interaction_age = (now - last).days if last else 0

    @api.depends(
        "kam_private_ids.personal_needs",
        "kam_private_ids.interests",
        "kam_private_ids.family_notes",
        "kam_private_ids.gift_preferences",
    )
    @api.depends_context("uid")
    def _compute_kam_private(self):
        # Never sudo: the record rules of the private model decide what the user sees,
        # also when this runs inside a sudo environment.
        Private = self.env(su=False)["kam.key.person.private"]
        values = Private._private_values(self.filtered("id"))
        for partner in self:
            row = values.get(partner.id, {})
            for fname, private_name in PRIVATE_FIELDS.items():
                partner[fname] = row.get(private_name, False)

    @api.depends_context("uid")
    def _compute_kam_can_edit_ownership(self):
        manager = self._kam_is_manager()
        for partner in self:
            owners = partner.sudo().kam_manager_id
            owners |= partner.sudo().commercial_partner_id.kam_manager_id
            partner.kam_can_edit_ownership = bool(
                manager or not partner.id or self.env.user in owners
            )

    @api.depends_context("uid")
    def _compute_kam_private_allowed(self):
        manager = self.env.user.has_group("key_account_management.group_kam_manager")
        for partner in self:
            partner.kam_private_allowed = bool(
                manager
                # Team membership is not secret; the team's lines may be hidden.
                or self.env.user
                in partner.commercial_partner_id.sudo().kam_team_user_ids
            )

    def _kam_write_private(self, fname):
        """Write one personal field to kam.key.person.private with the user's rights."""
        private_name = PRIVATE_FIELDS[fname]
        Private = self.env(su=False)["kam.key.person.private"]
        # Look for hidden records too: writing one the user may not see must raise an
        # access error, not create a duplicate.
        existing = {
            rec.partner_id.id: rec.with_env(Private.env)
            for rec in Private.sudo().search([("partner_id", "in", self.ids)])
        }
        to_create = []
        for partner in self:
            value = partner[fname] or False
            if partner.id in existing:
                existing[partner.id].write({private_name: value})
            elif value:
                if partner.is_company:
                    raise ValidationError(
                        self.env._(
                            "%(name)s is a company: personal data is kept for people.",
                            name=partner.display_name,
                        )
                    )
                to_create.append({"partner_id": partner.id, private_name: value})
        if to_create:
            Private.create(to_create)
        # The values are cached per user: drop them so other users read the new ones.
        self.invalidate_recordset(list(PRIVATE_FIELDS))

    def _inverse_kam_personal_needs(self):
        self._kam_write_private("kam_personal_needs")

    def _inverse_kam_interests(self):
        self._kam_write_private("kam_interests")

    def _inverse_kam_family_notes(self):
        self._kam_write_private("kam_family_notes")

    def _inverse_kam_gift_preferences(self):
        self._kam_write_private("kam_gift_preferences")

    def _kam_search_private(self, private_name, operator, value):
        Private = self.env(su=False)["kam.key.person.private"]
        if not Private.has_access("read"):
            return [("id", "=", False)]
        partners = Private.search([(private_name, operator, value)]).partner_id
        return [("id", "in", partners.ids)]

    def _search_kam_personal_needs(self, operator, value):
        return self._kam_search_private("personal_needs", operator, value)

    def _search_kam_interests(self, operator, value):
        return self._kam_search_private("interests", operator, value)

    def _search_kam_family_notes(self, operator, value):
        return self._kam_search_private("family_notes", operator, value)

    def _search_kam_gift_preferences(self, operator, value):
        return self._kam_search_private("gift_preferences", operator, value)

    def _compute_kam_coverage(self):
        gaps = self._kam_coverage_gap_map()
        for partner in self:
            lines = gaps.get(partner.id, [])
            partner.kam_single_threaded = bool(lines)
            partner.kam_coverage_gaps = "\n".join(lines) or False

    def _search_kam_single_threaded(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Unsupported search on single-threaded accounts.")
            )
        accounts = self.sudo().search(
            [("is_company", "=", True), ("kam_tier", "!=", False)]
        )
        gap_ids = list(accounts._kam_coverage_gap_map())
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", gap_ids)]

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

    def _kam_coverage_gap_map(self):
        """Return {account id: [gap]} for the tiered companies of self, in one query."""
        accounts = self.filtered(lambda p: p.is_company and p.kam_tier and p.id)
        if not accounts:
            return {}
        groups = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=True)
            ._read_group(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("is_company", "=", False),
                    ("kam_has_left", "=", False),
                ],
                ["commercial_partner_id", "kam_decision_role"],
                ["__count"],
            )
        )
        roles, people = {}, {}
        for account, role, count in groups:
            roles.setdefault(account.id, set()).add(role)
            people[account.id] = people.get(account.id, 0) + count
        labels = dict(
            self._fields["kam_decision_role"]._description_selection(self.env)
        )
        tier_labels = dict(self._fields["kam_tier"]._description_selection(self.env))
        result = {}
        for account in accounts:
            company = account.company_id or self.env.company
            gaps = [
                self.env._("No known %(role)s", role=labels[role])
                for role in ("approver", "decision_maker", "coach")
                if role not in roles.get(account.id, set())
            ]
            required = company._kam_min_contacts(account.kam_tier)
            if people.get(account.id, 0) < required:
                gaps.append(
                    self.env._(
                        "%(count)s of the %(required)s people a %(tier)s needs",
                        count=people.get(account.id, 0),
                        required=required,
                        tier=tier_labels[account.kam_tier],
                    )
                )
            if gaps:
                result[account.id] = gaps
        return result

    def _kam_last_interaction_dates(self):
        """Return {partner id: datetime} of the last interaction, in one query.

        For a company: on the account, its people or their opportunities; for a person:
        on that person. Counted: notes, messages and e-mails by people other than
        OdooBot, done activities, and past meetings. Extend (super + merge the later
        date) to add sources.
        """
        if not self.ids:
            return {}
        for model in ("mail.message", "calendar.event", "crm.lead", "res.partner"):
            self.env[model].flush_model()
        bot = self.env.ref("base.partner_root").id
        self.env.cr.execute(
            SQL(
                """
                WITH target AS (
                    SELECT p.id AS target_id, q.id AS partner_id
                      FROM res_partner p
                      JOIN res_partner q ON CASE WHEN p.is_company
                                                 THEN q.commercial_partner_id = p.id
                                                 ELSE q.id = p.id END
                     WHERE p.id = ANY(%(ids)s)
                ), msg AS (
                    SELECT t.target_id, MAX(m.date) AS last
                      FROM target t
                      JOIN mail_message m
                        ON m.model = 'res.partner' AND m.res_id = t.partner_id
                     WHERE (m.message_type IN ('comment', 'email')
                            OR m.mail_activity_type_id IS NOT NULL)
                       AND m.author_id IS DISTINCT FROM %(bot)s
                     GROUP BY t.target_id
                ), lead_msg AS (
                    SELECT t.target_id, MAX(m.date) AS last
                      FROM target t
                      JOIN crm_lead l ON l.partner_id = t.partner_id
                      JOIN mail_message m ON m.model = 'crm.lead' AND m.res_id = l.id
                     WHERE (m.message_type IN ('comment', 'email')
                            OR m.mail_activity_type_id IS NOT NULL)
                       AND m.author_id IS DISTINCT FROM %(bot)s
                     GROUP BY t.target_id
                ), meeting AS (
                    SELECT t.target_id, MAX(e.start) AS last
                      FROM target t
                      JOIN calendar_event_res_partner_rel r
                        ON r.res_partner_id = t.partner_id
                      JOIN calendar_event e ON e.id = r.calendar_event_id
                     WHERE e.active AND e.start <= NOW() AT TIME ZONE 'UTC'
                     GROUP BY t.target_id
                )
                SELECT p.id, GREATEST(msg.last, lead_msg.last, meeting.last)
                  FROM res_partner p
                  LEFT JOIN msg ON msg.target_id = p.id
                  LEFT JOIN lead_msg ON lead_msg.target_id = p.id
                  LEFT JOIN meeting ON meeting.target_id = p.id
                 WHERE p.id = ANY(%(ids)s)
                """,
                ids=list(self.ids),
                bot=bot,
            )
        )
        return {pid: last for pid, last in self.env.cr.fetchall() if last}

    def _kam_record_attitude_changes(self, before):
        """Write one history line per person whose attitude changed.

        ``before`` maps partner id to its attitude before the change.
        """
        lines = [
            {
                "partner_id": partner.id,
                "decision_role": partner.kam_decision_role,
                "old_attitude": before.get(partner.id) or False,
                "new_attitude": partner.kam_attitude or False,
                "user_id": self.env.uid,
            }
            for partner in self
            if (before.get(partner.id) or False) != (partner.kam_attitude or False)
        ]
        if lines:
            self.env["kam.attitude.history"].sudo().create(lines)

    def _kam_stamp_leavers(self, vals):
        """Date a key person's leaving (archived or marked left) for the early warning;
        clear the date when the person is back."""
        if "kam_has_left" not in vals and "active" not in vals:
            return
        # Bookkeeping as the system: plain employees archive contacts too.
        people = self.sudo().filtered(lambda p: not p.is_company)
        gone = people.filtered(lambda p: p.kam_has_left or not p.active)
        leaving = gone.filtered(lambda p: not p.kam_left_date and p.kam_is_key_person)
        back = (people - gone).filtered("kam_left_date")
        if leaving:
            leaving.write({"kam_left_date": fields.Date.context_today(self)})
        if back:
            back.write({"kam_left_date": False})

    def action_kam_relationship_map(self):
        self.ensure_one()
        account = self.commercial_partner_id
        return {
            "type": "ir.actions.client",
            "tag": "kam_relationship_map",
            "name": self.env._("Relationship Map: %(account)s", account=account.name),
            "params": {"account_id": account.id},
            "context": {"active_id": account.id, "active_model": "res.partner"},
        }

    def action_kam_open_plans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "key_account_management.kam_account_plan_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.model
    def kam_relationship_map_data(self, account_id):
        """Everything the relationship map shows, read with the user's own rights."""
        account = self.browse(account_id).exists()
        if not account:
            raise UserError(self.env._("This account no longer exists."))
        account.check_access("read")
        account = account.commercial_partner_id
        people = self.search(
            [("commercial_partner_id", "=", account.id), ("is_company", "=", False)],
            order="kam_decision_role, name, id",
        )
        people.fetch(
            [
                "name",
                "function",
                "kam_decision_role",
                "kam_attitude",
                "kam_attitude_target",
                "kam_is_key_person",
                "kam_is_hidden_decision_maker",
                "kam_is_rising_star",
                "kam_influence",
                "kam_reports_to_id",
                "kam_relationship_owner_id",
                "kam_has_left",
                "department_id",
            ]
        )
        role_labels = dict(
            self._fields["kam_decision_role"]._description_selection(self.env)
        )
        attitude_labels = dict(
            self._fields["kam_attitude"]._description_selection(self.env)
        )
        influence_labels = dict(
            self._fields["kam_influence"]._description_selection(self.env)
        )
        visible = set(people.ids)
        return {
            "account": {"id": account.id, "name": account.name},
            "roles": [
                {"code": code, "label": role_labels[code]}
                for code, _l in DECISION_ROLES
            ]
            + [{"code": False, "label": self.env._("No Role Yet")}],
            "attitudes": [
                {"code": code, "label": attitude_labels[code]} for code, _l in ATTITUDES
            ],
            "coverage_gaps": (account.kam_coverage_gaps or "").splitlines(),
            "people": [
                {
                    "id": person.id,
                    "name": person.name,
                    "function": person.function or "",
                    "department": person.department_id.name or "",
                    "role": person.kam_decision_role or False,
                    "attitude": person.kam_attitude or False,
                    "attitude_label": attitude_labels.get(person.kam_attitude, ""),
                    "attitude_target": person.kam_attitude_target or False,
                    "attitude_target_label": attitude_labels.get(
                        person.kam_attitude_target, ""
                    ),
                    "key_person": person.kam_is_key_person,
                    "hidden": person.kam_is_hidden_decision_maker,
                    "rising_star": person.kam_is_rising_star,
                    "influence": influence_labels.get(person.kam_influence, ""),
                    "reports_to_id": person.kam_reports_to_id.id
                    if person.kam_reports_to_id.id in visible
                    else False,
                    "owner": person.kam_relationship_owner_id.name or "",
                    "left": person.kam_has_left,
                }
                for person in people
            ],
        }

    @api.model
    def _kam_warning_rating(self, signals):
        """Green without signals; red with a red signal or three amber ones."""
        if not signals:
            return "green"
        levels = [level for _code, level, _msg in signals]
        if "red" in levels or levels.count("amber") >= 3:
            return "red"
        return "amber"

    @api.model
    def _cron_kam_early_warning(self, batch_size=200):
        """Rate every key account green / amber / red from its warning signals.

        Idempotent: an unchanged rating writes nothing; a new red rating schedules one
        activity for the key account manager, unless one is still open. Batched: each
        batch commits (outside tests) and reports progress to the scheduler.
        """
        Partner = self.sudo().with_context(active_test=True)
        accounts = Partner.search([("is_company", "=", True), ("kam_tier", "=", "key")])
        stale = Partner.search(
            [("kam_warning_level", "!=", False), ("id", "not in", accounts.ids)]
        )
        if stale:
            stale.write({"kam_warning_level": False, "kam_warning_summary": False})
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "key_account_management.mail_activity_type_kam_warning",
            raise_if_not_found=False,
        )
        processed = changed = 0
        for batch in split_every(batch_size, accounts.ids, Partner.browse):
            signals = batch._kam_warning_signals()
            open_warning = set()
            if activity_type:
                open_warning = set(
                    self.env["mail.activity"]
                    .sudo()
                    .search(
                        [
                            ("res_model", "=", "res.partner"),
                            ("res_id", "in", batch.ids),
                            ("activity_type_id", "=", activity_type.id),
                        ]
                    )
                    .mapped("res_id")
                )
            for account in batch:
                account_signals = signals.get(account.id, [])
                level = self._kam_warning_rating(account_signals)
                summary = "\n".join(msg for _c, _l, msg in account_signals) or False
                previous = account.kam_warning_level
                if (
                    previous != level
                    or (account.kam_warning_summary or False) != summary
                ):
                    account.write(
                        {
                            "kam_warning_level": level,
                            "kam_warning_summary": summary,
                            "kam_warning_date": today,
                        }
                    )
                    changed += 1
                if (
                    level == "red"
                    and previous != "red"
                    and activity_type
                    and account.id not in open_warning
                ):
                    account._kam_schedule_warning_activity(activity_type, summary)
            processed += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=len(batch), remaining=len(accounts) - processed
            )
            if not getattr(threading.current_thread(), "testing", False):
                # Commit per batch so a large run holds no long transaction.
                self.env.cr.commit()  # pylint: disable=invalid-commit
        _logger.info(
            "Early warning: %d key accounts rated, %d changed", processed, changed
        )
        return changed

    def _kam_schedule_warning_activity(self, activity_type, summary):
        self.ensure_one()
        user = self.kam_manager_id or self.kam_sales_manager_id
        if not user:
            return
        self.activity_schedule(
            activity_type_id=activity_type.id,
            summary=self.env._("Red early warning: %(account)s", account=self.name),
            note=summary,
            user_id=user.id,
        )
