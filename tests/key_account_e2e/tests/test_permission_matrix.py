# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The permission matrix: every model of the three addons, every role, every verb.

One table, :data:`MATRIX`, says what each role may do on a record that belongs to team A
(see :mod:`.security_common`). For each cell the test acts as the user through the ORM
exactly as an RPC call would (``with_user``, no sudo, no context key), inside a
savepoint, and checks the outcome:

- allowed: the call succeeds (for ``read``: the record is also found by ``search``);
- refused: the call raises AccessError or UserError (ValidationError is a UserError),
  and for ``read`` the record is not found by ``search`` either (no boolean oracle).

The table was derived from the access CSVs and record rules of the three addons and the
issue's design (issue 9): portal and public users see nothing of
the KAM, care and showcase models; plain employees and CRM salespeople only what the CSVs
give them (stages readable by salespeople); a KAM user works on its own team's records
and does not see another team's; configuration is readable by KAM users and written by
managers; managers and executives do what the CSVs allow on every team's records.
A cell that fails is a security defect of the addons, not of the table: do not flip a
cell to make it pass.
"""

import csv
import logging
from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .security_common import ROLE_LABELS, ROLES, TwoTeamsMixin

_logger = logging.getLogger(__name__)

ADDONS = ("key_account_management", "relationship_care", "showcase_program")
VERBS = ("read", "create", "write", "unlink")
PARTNER_ENTRY = "res.partner (key account of another team)"
PRIVATE_ENTRY = "res.partner (key person's personal data)"
PSEUDO_ENTRIES = (PARTNER_ENTRY, PRIVATE_ENTRY)

# --- designed access, by role: the letters of the verbs allowed (r, c, w, u) ---------
# Configuration (stages, criteria, policies, document types...): KAM users read it,
# managers write it. Salespeople without KAM rights only read the lifecycle stages.
CONFIG = {"kam_own": "r", "kam_other": "r", "manager": "rcwu", "executive": "rcwu"}
# Per-team data the account team reads and edits (CSV 1,1,1,1 for KAM users).
TEAM_RCWU = {"kam_own": "rcwu", "manager": "rcwu", "executive": "rcwu"}
# Per-team documents the team may not delete (CSV 1,1,1,0 for KAM users).
TEAM_RCW = {"kam_own": "rcw", "manager": "rcwu", "executive": "rcwu"}
# Per-team data the team reads; managers maintain it (CSV 1,0,0,0 for KAM users).
TEAM_R = {"kam_own": "r", "manager": "rcwu", "executive": "rcwu"}
# Audit trails (claims, stage and attitude histories): written by the system only,
# through the transitions and jobs; nobody edits or deletes them.
AUDIT = {"kam_own": "r", "manager": "r", "executive": "r"}
# Reports (SQL views): read only, own team's rows.
REPORT = {"kam_own": "r", "manager": "r", "executive": "r"}
# Wizards (transient) about a team A document, opened by team A's user: the team and
# the managers may see them; another team may open its own (the confirm button checks
# the document's rights) but not read or change team A's.
WIZARD = {"kam_own": "rcw", "kam_other": "c", "manager": "rcw", "executive": "rcw"}

# model: (designed access by role, values the "write" verb writes). Roles missing from
# the access dict may do nothing. The record each cell acts on belongs to team A.
MATRIX = {
    # key_account_management
    "kam.account.stage": ({**CONFIG, "salesman": "r"}, {"description": "Matrix"}),
    "kam.score.criterion": (CONFIG, {"description": "Matrix"}),
    "kam.score.line": (TEAM_RCWU, {"note": "Matrix"}),
    "kam.relationship.evidence": (CONFIG, {"name": "Matrix evidence"}),
    # Only the account's KAM and managers add or change team lines (issue 9).
    "kam.account.team.member": (TEAM_RCWU, {"note": "Matrix"}),
    "kam.territory": (CONFIG, {"description": "Matrix"}),
    # Claims change only through Claim / Release / expiry (issue 9), for managers too.
    "kam.claim": (AUDIT, {"release_reason": "Matrix"}),
    "kam.stage.history": (AUDIT, {"user_id": None}),
    "kam.funnel.report": (REPORT, None),
    # Personal data of key persons: account team and managers only.
    "kam.key.person.private": (TEAM_RCWU, {"interests": "Matrix hobby"}),
    "kam.attitude.history": (AUDIT, {"user_id": None}),
    "kam.department.relationship": (TEAM_RCWU, {"note": "Matrix"}),
    # Competitors are market-wide records, shared by all KAM users (no team).
    "kam.competitor": (
        {"kam_own": "rcw", "kam_other": "rcw", "manager": "rcwu", "executive": "rcwu"},
        {"strengths": "Matrix"},
    ),
    "kam.account.plan": (TEAM_RCW, {"market_macro": "Matrix"}),
    "kam.account.plan.objective": (TEAM_RCWU, {"kpi": "Matrix KPI"}),
    "kam.account.plan.action": (TEAM_RCWU, {"strategy": "Matrix"}),
    "kam.account.plan.competitor": (TEAM_RCWU, {"q_positioning": "Matrix"}),
    "kam.relationship.plan": (TEAM_RCWU, {"needs": "Matrix"}),
    "kam.relationship.plan.action": (TEAM_RCWU, {"name": "Matrix"}),
    "kam.business.canvas": (TEAM_RCWU, {"customer_segments": "Matrix"}),
    "kam.account.plan.return.wizard": (WIZARD, {"comment": "Matrix"}),
    "kam.tier.pyramid.report": (REPORT, None),
    # Sales targets: set by managers, read by the territory's salespeople (own target).
    "kam.sales.target": (TEAM_R, {"target_listed": 7}),
    "kam.target.achievement.report": (REPORT, None),
    "kam.customer.file.item": (CONFIG, {"description": "Matrix"}),
    "kam.potential.level": ({**CONFIG, "salesman": "r"}, {"criteria": "Matrix"}),
    # The customer file's documents: whoever sees the account (team, territory pool).
    "kam.account.document": (TEAM_RCWU, {"note": "Matrix"}),
    # relationship_care
    "rc.decision.role": (CONFIG, {"name": "Matrix role"}),
    "rc.care.holiday": (CONFIG, {"match_names": "Matrix"}),
    "rc.care.policy": (CONFIG, {"description": "Matrix"}),
    "rc.care.occasion": (TEAM_R, {"mail_sent": True}),
    "rc.care.profile": (TEAM_RCWU, {"lunar_birthday": True}),
    "rc.care.compliance": (TEAM_R, {"done": 3}),
    "rc.interaction": (TEAM_RCWU, {"outcome": "Matrix"}),
    "rc.gift": (TEAM_RCW, {"note": "Matrix"}),
    "rc.care.budget": (TEAM_R, {"amount": 7.0}),
    "rc.review.campaign": (CONFIG, {"drop_threshold": 3.0}),
    "rc.review": (TEAM_RCW, {"date_due": "2031-01-01"}),
    "rc.club.level": (CONFIG, {"name": "Matrix level"}),
    "rc.club.benefit": (CONFIG, {"yearly_limit": 7}),
    "rc.club.benefit.usage": (TEAM_RCW, {"note": "Matrix"}),
    # showcase_program
    "sc.showcase": (TEAM_RCW, {"solution": "Matrix"}),
    "sc.showcase.stage": (CONFIG, {"description": "Matrix"}),
    "sc.showcase.stage.history": (AUDIT, {"user_id": None}),
    "sc.value.assessment": (TEAM_RCWU, {"description": "Matrix"}),
    "sc.qualification.criterion": (CONFIG, {"description": "Matrix"}),
    "sc.document.type": (CONFIG, {"name": "Matrix type"}),
    "sc.deliverable.requirement": (CONFIG, {"level": "city"}),
    "sc.deliverable": (TEAM_RCWU, {"content": "<p>Matrix</p>"}),
    "sc.agreement": (TEAM_RCW, {"terms": "<p>Matrix</p>"}),
    "sc.agreement.obligation": (TEAM_RCWU, {"name": "Matrix"}),
    "sc.site.visit": (TEAM_RCW, {"demo_environment": "Matrix"}),
    "sc.event.prospect": (TEAM_RCWU, {"attended": True}),
    "sc.promotion": (TEAM_RCWU, {"url": "https://example.com/matrix"}),
    "sc.case.collection": (TEAM_R, {"region": "Matrix"}),
    "sc.reward.rule": (CONFIG, {"points": 7}),
    "sc.reward.entry": (TEAM_R, {"description": "Matrix"}),
    "sc.annual.plan": (TEAM_RCW, {"note": "<p>Matrix</p>"}),
    "sc.annual.plan.line": (TEAM_RCWU, {"note": "Matrix"}),
    "sc.level.investment": (CONFIG, {"budget": 7.0}),
    "sc.showcase.expense": (TEAM_RCW, {"name": "Matrix"}),
    "sc.showcase.reject.wizard": (WIZARD, {"reason": "Matrix"}),
    # Account intelligence on res.partner (tier and reason, warnings, CLV, attitude,
    # decision role, needs): read = read those fields of account A and of its key
    # person; create = create a contact of account A with an attitude and a decision
    # role; write = change the key person's attitude; unlink = delete the key person.
    # Only the KAM groups see intelligence; other team's accounts are invisible.
    # Deleting contacts stays with Odoo's "Contact Creation" group (none of the roles).
    PARTNER_ENTRY: (
        {"kam_own": "rcw", "manager": "rcw", "executive": "rcw"},
        {"kam_attitude": "supportive"},
    ),
    # Personal data of account A's key person (birthday, family,
    # gift preferences), through the contact's own fields: read = read them (hidden
    # values count as refused); create = a new contact of account A with personal data;
    # write = change them; unlink = erase them. Account team and managers only.
    PRIVATE_ENTRY: (
        {"kam_own": "rcwu", "manager": "rcwu", "executive": "rcwu"},
        {"kam_family_notes": "Son starts university in Xi'an"},
    ),
}
PRIVATE_FIELDS = ["kam_family_notes", "kam_gift_preferences", "rc_birthdate"]

PARTNER_ACCOUNT_FIELDS = [
    "kam_tier",
    "kam_tier_reason",
    "kam_warning_summary",
    "kam_clv",
    "kam_won_revenue_12m",
]
PARTNER_PERSON_FIELDS = ["kam_attitude", "kam_decision_role", "kam_professional_needs"]


class _Rollback(Exception):
    pass


class _Hidden(AccessError):
    """The read worked but showed nothing: for the matrix, a refused read."""


@tagged("post_install", "-at_install")
class TestPermissionMatrix(TwoTeamsMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_two_teams()
        cls._setup_records()

    # --- fixtures ----------------------------------------------------------------------
    @classmethod
    def _setup_records(cls):
        env = cls.env
        own = cls.users["kam_own"]
        cls.stage_listed = env.ref("key_account_management.kam_account_stage_listed")
        cls.criterion = env["kam.score.criterion"].create(
            {"name": "E2E criterion", "weight": 1}
        )
        cls.criterion_2 = env["kam.score.criterion"].create(
            {"name": "E2E criterion 2", "weight": 1}
        )
        cls.department = env["res.partner.department"].create({"name": "E2E IT"})
        cls.department_2 = env["res.partner.department"].create({"name": "E2E Ops"})
        cls.competitor = env["kam.competitor"].create({"name": "E2E CompetitorCo"})
        cls.plan = env["kam.account.plan"].create(
            {"partner_id": cls.account_a.id, "user_id": own.id}
        )
        cls.relationship_plan = env["kam.relationship.plan"].create(
            {
                "person_id": cls.person_a.id,
                "user_id": own.id,
                "attitude_target": "exclusive",
                "level_target": "trusted",
            }
        )
        # A second account of team A: one business model canvas per account.
        cls.account_a_canvas = env["res.partner"].create(
            {"name": "E2E Canvas Account", "is_company": True, "kam_manager_id": own.id}
        )
        cls.policy = env["rc.care.policy"].create(
            {
                "name": "E2E policy",
                "occasion_type": "birthday",
                "action_type": "greeting",
                "account_domain": "[('id', '=', 0)]",
            }
        )
        # Free decision role codes for the matrix's records (codes are unique).
        cls.free_role_codes = ("influencer", "coach")
        env["rc.decision.role"].search([("code", "in", cls.free_role_codes)]).unlink()
        cls.showcase = env["sc.showcase"].create(
            {
                "name": "E2E Showcase A",
                "partner_id": cls.account_a.id,
                "team_id": cls.crm_team_a.id,
                "user_id": own.id,
                "level": "city",
                "key_person_ids": [(6, 0, cls.person_a.ids)],
            }
        )
        cls.doc_type = env["sc.document.type"].create(
            {"name": "E2E doc type", "code": "e2e_doc", "category": "market"}
        )
        cls.agreement = env["sc.agreement"].create(
            {
                "showcase_id": cls.showcase.id,
                "customer_signatory_id": cls.person_a.id,
                "date_start": "2026-01-01",
                "date_end": "2027-12-31",
            }
        )
        cls.prospect = env["res.partner"].create(
            {"name": "E2E Prospect Co", "is_company": True}
        )
        cls.lead = env["crm.lead"].create(
            {
                "name": "E2E prospect deal",
                "type": "opportunity",
                "partner_id": cls.prospect.id,
                "user_id": own.id,
                "team_id": cls.crm_team_a.id,
                "expected_revenue": 300000,
            }
        )
        cls.event = env["event.event"].create(
            {
                "name": "E2E site tour",
                "date_begin": "2030-05-01 08:00:00",
                "date_end": "2030-05-01 17:00:00",
                "user_id": own.id,
                "sc_showcase_ids": [(6, 0, cls.showcase.ids)],
            }
        )
        cls.reward_rule = env["sc.reward.rule"].create(
            {"name": "E2E reward", "milestone": "agreement_signed", "points": 1}
        )
        cls.industry = env["res.partner.industry"].create({"name": "E2E Metro"})
        cls.annual_plan = env["sc.annual.plan"].create(
            {"team_id": cls.crm_team_a.id, "year": 2030, "user_id": own.id}
        )
        stage = env["sc.showcase.stage"].search([], limit=1)
        cls.sc_stage = stage
        cls.records = {}
        for model in MATRIX:
            if model in PSEUDO_ENTRIES:
                cls.records[model] = cls.person_a
                continue
            cls.records[model] = cls._make_record(model)
        # Personal data of person A (family notes: see kam.key.person.private's record).
        cls.person_a.write(
            {"kam_gift_preferences": "Pu'er tea", "rc_birthdate": date(1975, 3, 10)}
        )

    @classmethod
    def _make_record(cls, model):
        own = cls.users["kam_own"]
        env = cls.env
        if model == "kam.funnel.report":
            env.flush_all()
            return env[model].search([("partner_id", "=", cls.account_a.id)], limit=1)
        if model == "kam.tier.pyramid.report":
            env.flush_all()
            return env[model].search([("partner_id", "=", cls.account_a.id)], limit=1)
        if model == "kam.target.achievement.report":
            env.flush_all()
            target = cls.records["kam.sales.target"]
            return env[model].search([("target_id", "=", target.id)], limit=1)
        if model == "kam.account.plan":
            return cls.plan
        if model == "sc.showcase":
            # Without agreements or visits, which keep a showcase from being deleted.
            return env[model].create(cls._values(model, own, 0))
        if model == "sc.agreement":
            return cls.agreement
        if model == "sc.annual.plan":
            return cls.annual_plan
        if model == "rc.care.policy":
            return cls.policy
        if model.endswith("wizard"):
            # The team's own user opened the wizard.
            return env[model].with_user(own).create(cls._values(model, own, 0)).sudo()
        return env[model].create(cls._values(model, own, 0))

    @classmethod
    def _values(cls, model, user, n):
        """Values of a team A record of ``model``, as ``user`` would send them.

        ``n`` = 0 for the record the read/write/unlink cells act on, 1 for the record the
        create cells create (different where a unique constraint requires it).
        """
        a = cls.account_a
        people = (cls.person_a, cls.person_a2)
        today = date.today()
        values = {
            "kam.funnel.report": dict,
            "kam.tier.pyramid.report": dict,
            "kam.target.achievement.report": dict,
            # kam_own's target in territory A, one year apart (one target per period)
            "kam.sales.target": lambda: {
                "territory_id": cls.territory_a.id,
                "user_id": cls.users["kam_own"].id,
                "period_type": "year",
                "date_from": date(2030 + n, 1, 1),
                "target_revenue": 1000.0,
            },
            "kam.account.stage": lambda: {
                "name": f"E2E stage {n}",
                "code": f"e2e_matrix_{n}",
                "sequence": 90 + n,
            },
            "kam.score.criterion": lambda: {"name": f"E2E crit {n}", "weight": 1},
            "kam.score.line": lambda: {
                "partner_id": a.id,
                "criterion_id": (cls.criterion, cls.criterion_2)[n].id,
            },
            "kam.relationship.evidence": lambda: {
                "name": f"E2E evidence {n}",
                "level": "partner",
            },
            # The create cell is the attack of issue 9: the user puts themself on the team.
            "kam.account.team.member": lambda: {
                "partner_id": a.id,
                "user_id": user.id,
                "role": ("marketing", "technical_support")[n],
            },
            "kam.territory": lambda: {"name": f"E2E T{n}", "code": f"E2E-M{n}"},
            "kam.claim": lambda: {
                "partner_id": a.id,
                "user_id": user.id,
                "territory_id": cls.territory_a.id,
                **({"state": "released"} if n == 0 else {}),
            },
            "kam.stage.history": lambda: {
                "partner_id": a.id,
                "stage_from_id": cls.stage_listed.id,
                "stage_to_id": cls.stage_potential.id,
                "user_id": user.id,
            },
            "kam.key.person.private": lambda: {
                "partner_id": people[n].id,
                "family_notes": "Daughter studies in Leeds",
            },
            "kam.attitude.history": lambda: {
                "partner_id": people[n].id,
                "old_attitude": "contact",
                "new_attitude": "opposed",
                "user_id": user.id,
            },
            "kam.department.relationship": lambda: {
                "partner_id": a.id,
                "department_id": (cls.department, cls.department_2)[n].id,
                "rating": "good",
            },
            "kam.competitor": lambda: {
                "name": f"E2E rival {n}",
                "account_ids": [(6, 0, a.ids)],
            },
            "kam.account.plan": lambda: {
                "partner_id": a.id,
                "user_id": user.id,
                "period": "quarter",
                "date_start": today.replace(day=1) + timedelta(days=400 * (n + 1)),
            },
            "kam.account.plan.objective": lambda: {
                "plan_id": cls.plan.id,
                "name": f"Objective {n}",
                "kpi": "Share of wallet",
            },
            "kam.account.plan.action": lambda: {
                "plan_id": cls.plan.id,
                "name": f"Action {n}",
                "date_deadline": today + timedelta(days=30),
                "user_id": user.id,
            },
            "kam.relationship.plan": lambda: {
                "person_id": people[n].id,
                "user_id": user.id,
                "attitude_target": "supportive",
                "level_target": "trusted",
            },
            "kam.business.canvas": lambda: {
                "partner_id": (a, cls.account_a_canvas)[n].id,
            },
            "kam.customer.file.item": lambda: {
                "name": f"E2E file item {n}",
                "kind": "document",
            },
            "kam.potential.level": lambda: {
                "name": f"E2E level {n}",
                "code": f"E2E{n}",
            },
            "kam.account.document": lambda: {
                "partner_id": a.id,
                "item_id": cls.env.ref(
                    "key_account_management.kam_customer_file_item_business_licence"
                ).id,
                "file": "TWF0cml4",
                "file_name": f"matrix_{n}.txt",
            },
            "rc.care.budget": lambda: {
                "account_id": a.id,
                "year": 2040 + n,
                "amount": 100.0,
            },
            "sc.level.investment": lambda: {
                "level": "city",
                "year": 2040 + n,
                "budget": 100.0,
            },
            "sc.showcase.expense": lambda: {
                "showcase_id": cls.showcase.id,
                "name": f"E2E spend {n}",
                "amount": 100.0,
            },
            "kam.relationship.plan.action": lambda: {
                "plan_id": cls.relationship_plan.id,
                "name": f"Dinner {n}",
                "action_type": "dinner",
                "date_deadline": today + timedelta(days=30),
                "user_id": user.id,
            },
            "kam.account.plan.competitor": lambda: {
                "plan_id": cls.plan.id,
                "competitor_id": cls.competitor.id,
            },
            "kam.account.plan.return.wizard": lambda: {
                "plan_id": cls.plan.id,
                "comment": "Needs numbers",
            },
            "rc.decision.role": lambda: {
                "name": f"E2E role {n}",
                "code": cls.free_role_codes[n],
            },
            "rc.care.holiday": lambda: {
                "name": f"E2E holiday {n}",
                "code": f"e2e_holiday_{n}",
                "match_names": "E2E Day",
            },
            "rc.care.policy": lambda: {
                "name": f"E2E policy {n}",
                "occasion_type": "birthday",
                "action_type": "greeting",
                "active": False,
            },
            "rc.care.occasion": lambda: {
                "policy_id": cls.policy.id,
                "partner_id": cls.person_a.id,
                "account_id": a.id,
                "occasion_key": f"birthday-e2e-{n}",
                "date": today,
                "user_id": user.id,
            },
            "rc.care.profile": lambda: {"partner_id": people[n].id},
            "rc.care.compliance": lambda: {
                "policy_id": cls.policy.id,
                "partner_id": a.id,
                "period_start": date(2030 + n, 1, 1),
                "period_end": date(2030 + n, 12, 31),
                "required": 2,
            },
            "rc.interaction": lambda: {
                "name": f"E2E visit {n}",
                "account_id": a.id,
                "contact_ids": [(6, 0, cls.person_a.ids)],
                "user_id": user.id,
            },
            "rc.gift": lambda: {
                "name": f"E2E tea set {n}",
                "partner_id": cls.person_a.id,
                "amount": 10.0,
                "user_id": user.id,
            },
            "rc.review.campaign": lambda: {
                "name": f"E2E campaign {n}",
                "tier": "key",
                "survey_id": cls.env.ref("relationship_care.rc_survey_satisfaction").id,
            },
            "rc.review": lambda: {
                "campaign_id": cls.env.ref(
                    "relationship_care.rc_review_campaign_key"
                ).id,
                "account_id": a.id,
            },
            # Tiers without a shipped level: one level per tier and company.
            "rc.club.level": lambda: {
                "name": f"E2E level {n}",
                "tier": ("potential", "unattractive")[n],
            },
            "rc.club.benefit": lambda: {
                "name": f"E2E benefit {n}",
                "benefit_type": "event",
            },
            "rc.club.benefit.usage": lambda: {
                "benefit_id": cls.env.ref(
                    "relationship_care.rc_club_benefit_priority"
                ).id,
                "account_id": a.id,
                "user_id": user.id,
            },
            "sc.showcase": lambda: {
                "name": f"E2E showcase {n}",
                "partner_id": a.id,
                "team_id": cls.crm_team_a.id,
                "user_id": user.id,
                "level": "city",
            },
            "sc.showcase.stage": lambda: {
                "name": f"E2E sc stage {n}",
                "code": f"e2e_sc_{n}",
                "sequence": 90 + n,
            },
            "sc.showcase.stage.history": lambda: {
                "showcase_id": cls.showcase.id,
                "stage_to_id": cls.sc_stage.id,
                "user_id": user.id,
            },
            "sc.value.assessment": lambda: {
                "showcase_id": cls.showcase.id,
                "name": f"Dispatch time -{n + 1}0%",
            },
            "sc.qualification.criterion": lambda: {
                "name": f"E2E qualif {n}",
                "level": "city",
            },
            "sc.document.type": lambda: {
                "name": f"E2E type {n}",
                "code": f"e2e_type_{n}",
                "category": "presales",
            },
            "sc.deliverable.requirement": lambda: {
                "level": ("township", "national")[n],
                "document_type_id": cls.doc_type.id,
                "stage_id": cls.sc_stage.id,
            },
            "sc.deliverable": lambda: {
                "showcase_id": cls.showcase.id,
                "document_type_id": cls.doc_type.id,
                "content": "<p>Testimonial</p>",
                "user_id": user.id,
            },
            "sc.agreement": lambda: {
                "showcase_id": cls.showcase.id,
                "customer_signatory_id": cls.person_a.id,
            },
            "sc.agreement.obligation": lambda: {
                "agreement_id": cls.agreement.id,
                "obligation_type": "prospect_visits",
                "quantity": 2,
            },
            "sc.site.visit": lambda: {
                "name": f"E2E visit {n}",
                "showcase_id": cls.showcase.id,
                "prospect_id": cls.prospect.id,
                "user_id": user.id,
            },
            "sc.event.prospect": lambda: {
                "event_id": cls.event.id,
                "partner_id": cls.prospect.id,
                "lead_id": cls.lead.id,
            },
            "sc.promotion": lambda: {
                "name": f"E2E article {n}",
                "showcase_id": cls.showcase.id,
                "user_id": user.id,
            },
            "sc.case.collection": lambda: {
                "name": f"E2E collection {n}",
                "showcase_ids": [(6, 0, cls.showcase.ids)],
            },
            "sc.reward.rule": lambda: {
                "name": f"E2E rule {n}",
                "milestone": "delivery",
                "points": 5,
            },
            "sc.reward.entry": lambda: {
                "rule_id": cls.reward_rule.id,
                "showcase_id": cls.showcase.id,
                "team_id": cls.crm_team_a.id,
                "user_id": user.id,
                "points": 5,
                "origin": f"e2e,{n}",
            },
            "sc.annual.plan": lambda: {
                "team_id": cls.crm_team_a.id,
                "year": 2031 + n,
                "user_id": user.id,
            },
            "sc.annual.plan.line": lambda: {
                "plan_id": cls.annual_plan.id,
                "industry_id": cls.industry.id,
                "level": ("city", "township")[n],
                "planned_count": 2,
            },
            "sc.showcase.reject.wizard": lambda: {
                "showcase_id": cls.showcase.id,
                "reason": "Not typical of its industry",
            },
        }
        return values[model]()

    # --- the cells -----------------------------------------------------------------------
    def _attempt(self, operation):
        """Run ``operation`` in a savepoint rolled back afterwards, as one RPC call.

        Returns None when it succeeded, the AccessError / UserError when refused.
        """
        self.env.invalidate_all()
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
                raise _Rollback
        except _Rollback:
            return None
        except (AccessError, UserError) as error:
            return error
        finally:
            self.env.invalidate_all(flush=False)

    def _visible(self, model, record, user):
        """Whether ``user`` finds the record by searching (None if search is refused)."""
        try:
            with self.env.cr.savepoint():
                Model = self.env[model].with_user(user).with_context(active_test=False)
                return bool(Model.search_count([("id", "=", record.id)]))
        except AccessError:
            return None

    def _operation(self, model, verb, user):
        write_vals = MATRIX[model][1]
        record = self.records[model]
        if model == PARTNER_ENTRY:
            return self._partner_operation(verb, user)
        if model == PRIVATE_ENTRY:
            return self._private_operation(verb, user)
        as_user = record.with_user(user)
        if verb == "read":
            fnames = [f for f in (write_vals or {}) if f in record._fields] or ["id"]
            return lambda: as_user.read(fnames)
        if verb == "create":
            return (
                lambda: self.env[model]
                .with_user(user)
                .create(self._values(model, user, 1))
            )
        if verb == "write":
            vals = dict(write_vals or {"id": record.id})
            for fname, value in vals.items():
                if value is None:  # a many2one: write the user themself
                    vals[fname] = user.id
            return lambda: as_user.write(vals)
        return lambda: as_user.unlink()

    def _partner_operation(self, verb, user):
        account = self.account_a.with_user(user)
        person = self.person_a.with_user(user)
        if verb == "read":
            return lambda: (
                account.read(PARTNER_ACCOUNT_FIELDS),
                person.read(PARTNER_PERSON_FIELDS),
            )
        if verb == "create":
            return (
                lambda: self.env["res.partner"]
                .with_user(user)
                .create(
                    {
                        "name": "E2E new key person",
                        "parent_id": self.account_a.id,
                        "kam_attitude": "favorable",
                        "kam_decision_role": "coach",
                    }
                )
            )
        if verb == "write":
            return lambda: person.write(MATRIX[PARTNER_ENTRY][1])
        return lambda: person.unlink()

    def _private_operation(self, verb, user):
        person = self.person_a.with_user(user)
        if verb == "read":

            def read():
                values = person.read(PRIVATE_FIELDS)[0]
                shown = [f for f in PRIVATE_FIELDS if values[f]]
                if not shown:
                    raise _Hidden("personal data hidden (empty values)")
                if len(shown) != len(PRIVATE_FIELDS):
                    raise ValueError(f"personal data partly shown: {values}")

            return read
        if verb == "create":
            return (
                lambda: self.env["res.partner"]
                .with_user(user)
                .create(
                    {
                        "name": "E2E new key person",
                        "parent_id": self.account_a.id,
                        "kam_decision_role": "coach",
                        "kam_family_notes": "Twins",
                        "rc_birthdate": "1980-08-08",
                    }
                )
            )
        vals = (
            MATRIX[PRIVATE_ENTRY][1]
            if verb == "write"
            else dict.fromkeys(PRIVATE_FIELDS, False)
        )

        def write():
            person.write(vals)
            self.env.flush_all()
            self.env.invalidate_all()
            stored = self.person_a.sudo().read(list(vals))[0]
            if any(stored[f] != v for f, v in vals.items()):
                raise ValueError(f"write() had no effect: {stored}")

        return write

    def _check_cell(self, model, role, verb):
        """Return (observed letter or "-", None when the cell behaves as designed, else
        a description)."""
        user = self.users[role]
        allowed = verb[0] in MATRIX[model][0].get(role, "")
        error = self._attempt(self._operation(model, verb, user))
        observed = "allowed" if error is None else "refused"
        letter = verb[0] if error is None else "-"
        if error is not None:
            _logger.debug(
                "%s / %s / %s refused: %s: %s",
                model,
                role,
                verb,
                type(error).__name__,
                str(error).splitlines()[0] if str(error) else "",
            )
        if verb == "read" and model not in PSEUDO_ENTRIES:
            visible = self._visible(model, self.records[model], user)
            if error is None and not visible:
                observed = "read() works but search() does not find it"
            elif error is not None and visible:
                observed = "read() refused but search() finds it (oracle)"
        expected = "allowed" if allowed else "refused"
        if observed == expected:
            return letter, None
        reason = f": {type(error).__name__}: {error}" if error is not None else ""
        return letter, (
            f"{model} / {ROLE_LABELS[role]} / {verb}: expected {expected}, "
            f"observed {observed}{reason}"
        )

    @mute_logger(
        "odoo.models",
        "odoo.models.unlink",
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
    )
    def test_permission_matrix(self):
        cells = len(MATRIX) * len(ROLES) * len(VERBS)
        _logger.info(
            "Permission matrix: %d models x %d roles x %d verbs = %d cells",
            len(MATRIX),
            len(ROLES),
            len(VERBS),
            cells,
        )
        self.assertTrue(
            all(self.records[m] for m in MATRIX),
            "every model of the matrix has a team A record: "
            + ", ".join(m for m in MATRIX if not self.records[m]),
        )
        failures = []
        for model in MATRIX:
            observed = dict.fromkeys(ROLES, "")
            for role in ROLES:
                for verb in VERBS:
                    with self.subTest(model=model, role=role, verb=verb):
                        letter, failure = self._check_cell(model, role, verb)
                        observed[role] += letter
                        if failure:
                            failures.append(failure)
                        self.assertIsNone(failure, failure)
            # The observed row, e.g. "kam_own=rcw- kam_other=----": the report's table.
            _logger.info(
                "matrix %-42s %s",
                model,
                " ".join(f"{role}={observed[role]}" for role in ROLES),
            )
        _logger.info(
            "Permission matrix: %d cells, %d as designed, %d not",
            cells,
            cells - len(failures),
            len(failures),
        )

    def test_matrix_covers_every_model(self):
        """The table lists exactly the models the three addons grant access to."""
        models = set()
        for addon in ADDONS:
            path = f"{get_module_path(addon)}/security/ir.model.access.csv"
            with open(path, encoding="utf-8") as csv_file:
                for row in csv.DictReader(csv_file):
                    xmlid = row["model_id:id"]
                    if "." in xmlid:  # another module's model (event.event...)
                        continue
                    models.add(self.env.ref(f"{addon}.{xmlid}").model)
        self.assertEqual(set(MATRIX) - set(PSEUDO_ENTRIES), models)

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def test_other_company_records_invisible(self):
        """Multi-company rules: a record moved to another company disappears for a KAM
        manager of this company only, whatever the model (every model with a company)."""
        company_b = self.env["res.company"].create({"name": "E2E Other Company"})
        manager = self.users["manager"]
        self.assertNotIn(company_b, manager.company_ids)
        checked, skipped = [], []
        for model, record in self.records.items():
            Model = self.env.get(model)
            if (
                Model is None
                or not Model._auto
                or "company_id" not in Model._fields
                or not Model._fields["company_id"].store
            ):
                skipped.append(model)
                continue
            checked.append(model)
            with self.subTest(model=model):
                # Rules read the stored column: move the record there directly.
                self.env.flush_all()
                self.env.cr.execute(
                    f'UPDATE "{Model._table}" SET company_id = %s WHERE id = %s',
                    (company_b.id, record.id),
                )
                self.env.invalidate_all()
                error = self._attempt(
                    lambda r=record: r.with_user(manager).read(["id"])
                )
                visible = self._visible(model, record, manager)
                self.assertTrue(
                    error is not None and not visible,
                    f"{model}: a record of another company is "
                    f"{'readable' if error is None else 'found by search'} "
                    "by a manager of this company",
                )
                self.env.cr.execute(
                    f'UPDATE "{Model._table}" SET company_id = %s WHERE id = %s',
                    (self.env.company.id, record.id),
                )
                self.env.invalidate_all()
        _logger.info(
            "Multi-company rules checked on %d models; without a stored company: %s",
            len(checked),
            ", ".join(skipped),
        )
