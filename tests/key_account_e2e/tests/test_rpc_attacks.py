# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The attacks of issue 9 through a real HTTP server, as the web client sends them.

Each test logs in (a KAM salesperson's session, or a customer's portal session), sends
``/web/dataset/call_kw`` JSON-RPC requests, asserts that the server answers with an
access or user error (never a result, never a server crash), and re-reads the data as
the administrator to check that nothing changed. A legitimate call of the same session
works, so the refusals are not an artefact of a broken session.
"""

import json
import xmlrpc.client

from odoo.tests import HttpCase, get_db_name, tagged
from odoo.tools import mute_logger

from .security_common import TwoTeamsMixin, password

REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
}


class RpcError(Exception):
    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class RpcCase(TwoTeamsMixin, HttpCase):
    """The two teams, an account plan and a care policy; JSON-RPC helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_two_teams()
        env = cls.env
        own = cls.users["kam_own"]
        cls.plan = env["kam.account.plan"].create(
            {"partner_id": cls.account_a.id, "user_id": own.id}
        )
        # A care policy that would greet account A's key persons on their birthday.
        cls.policy = env["rc.care.policy"].create(
            {
                "name": "E2E birthday greetings",
                "occasion_type": "birthday",
                "action_type": "greeting",
                "lead_days": 366,
                "account_domain": f"[('id', '=', {cls.account_a.id})]",
            }
        )

    # --- helpers ---------------------------------------------------------------------
    def _login(self, role):
        login = self.users[role].login
        self.authenticate(login, password(login))

    def call_kw(self, model, method, args, kwargs=None):
        """One ``/web/dataset/call_kw`` request; returns the result or raises RpcError."""
        payload = {
            "id": 1,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            raise RpcError(data.get("name", "?"), data.get("message", body["error"]))
        return body.get("result")  # absent when the method returns None

    def assertRpcRefused(self, model, method, args, kwargs=None):
        """The call is answered with an access or user error, not a result or a crash."""
        with mute_logger("odoo.http"):
            try:
                result = self.call_kw(model, method, args, kwargs)
            except RpcError as error:
                self.assertIn(
                    error.name,
                    REFUSALS,
                    f"{model}.{method} must be refused cleanly, got {error}",
                )
                return error
        self.fail(
            f"{model}.{method}{tuple(args)} was not refused; it returned {result!r}"
        )

    def _admin_read(self, records, fnames):
        self.env.invalidate_all()
        return records.sudo().read(fnames)


@tagged("post_install", "-at_install")
class TestRpcAttacks(RpcCase):
    # --- a KAM salesperson's session -------------------------------------------------
    def test_kam_cannot_approve_plan_with_context_key(self):
        self._login("kam_own")
        # Legitimate: the owner edits his draft plan.
        self.call_kw(
            "kam.account.plan",
            "write",
            [[self.plan.id], {"market_macro": "Metro lines 5 and 9 tender in 2027"}],
        )
        self.assertEqual(
            self._admin_read(self.plan, ["market_macro"])[0]["market_macro"],
            "Metro lines 5 and 9 tender in 2027",
        )
        self.assertRpcRefused(
            "kam.account.plan",
            "write",
            [[self.plan.id], {"state": "approved"}],
            {"context": {"kam_plan_workflow": True}},
        )
        self.assertEqual(self._admin_read(self.plan, ["state"])[0]["state"], "draft")

    def test_submitted_plan_approved_only_by_a_reviewer(self):
        self._login("kam_own")
        self.call_kw(
            "kam.account.plan.objective",
            "create",
            [{"plan_id": self.plan.id, "name": "Win line 9", "kpi": "Contract signed"}],
        )
        self.call_kw("kam.account.plan", "action_submit", [[self.plan.id]])
        self.assertEqual(
            self._admin_read(self.plan, ["state"])[0]["state"], "submitted"
        )
        # The owner cannot approve his own plan, by any path.
        for method, args, kwargs in (
            (
                "write",
                [[self.plan.id], {"state": "approved"}],
                {"context": {"kam_plan_workflow": True}},
            ),
            ("action_approve", [[self.plan.id]], {}),
            ("validate_tier", [[self.plan.id]], {}),
            ("action_start", [[self.plan.id]], {}),
        ):
            with self.subTest(method=method):
                self.assertRpcRefused("kam.account.plan", method, args, kwargs)
                self.assertEqual(
                    self._admin_read(self.plan, ["state"])[0]["state"], "submitted"
                )
        # Nor change what is submitted.
        self.assertRpcRefused(
            "kam.account.plan",
            "write",
            [[self.plan.id], {"market_macro": "Rewritten after submission"}],
        )
        # Legitimate: a key account manager (the default reviewer) approves it.
        self._login("manager")
        self.call_kw("kam.account.plan", "validate_tier", [[self.plan.id]])
        # A key account's plan then goes to headquarters (second level).
        self.assertEqual(
            self._admin_read(self.plan, ["state"])[0]["state"], "submitted"
        )
        self._login("executive")
        self.call_kw("kam.account.plan", "validate_tier", [[self.plan.id]])
        self.assertEqual(self._admin_read(self.plan, ["state"])[0]["state"], "approved")

    def test_kam_cannot_join_another_team(self):
        self._login("kam_own")
        own = self.users["kam_own"]
        Member = self.env["kam.account.team.member"]
        before = Member.search_count([("partner_id", "=", self.account_b.id)])
        self.assertRpcRefused(
            "kam.account.team.member",
            "create",
            [
                {
                    "partner_id": self.account_b.id,
                    "user_id": own.id,
                    "role": "technical_support",
                }
            ],
        )
        self.env.invalidate_all()
        self.assertEqual(
            Member.search_count([("partner_id", "=", self.account_b.id)]), before
        )
        self.assertNotIn(own, self.account_b.sudo().kam_team_user_ids)
        # Still blind to the other team's account and its key person.
        self.assertRpcRefused("res.partner", "read", [[self.person_b.id], ["name"]])
        found = self.call_kw(
            "res.partner", "search", [[("id", "in", self.account_b.ids)]]
        )
        self.assertEqual(found, [])

    def test_kam_cannot_claim_by_writing_the_claim_owner(self):
        self._login("kam_own")
        own = self.users["kam_own"]
        self.assertRpcRefused(
            "res.partner",
            "write",
            [[self.pool_account.id], {"kam_claim_user_id": own.id}],
        )
        self.assertFalse(
            self._admin_read(self.pool_account, ["kam_claim_user_id"])[0][
                "kam_claim_user_id"
            ]
        )
        self.assertFalse(
            self.env["kam.claim"].search([("partner_id", "=", self.pool_account.id)])
        )
        # The real path works: the Claim button.
        self.call_kw("res.partner", "action_kam_claim", [[self.pool_account.id]])
        self.env.invalidate_all()
        self.assertEqual(self.pool_account.kam_claim_user_id, own)
        self.assertEqual(
            self.env["kam.claim"]
            .search([("partner_id", "=", self.pool_account.id)])
            .user_id,
            own,
        )

    def test_kam_cannot_run_the_care_job(self):
        self._login("kam_own")
        Occasion = self.env["rc.care.occasion"]
        Activity = self.env["mail.activity"]
        occasions = Occasion.search_count([])
        activities = Activity.search_count([])
        self.assertRpcRefused("rc.care.policy", "action_run_now", [[self.policy.id]])
        self.env.invalidate_all()
        self.assertEqual(Occasion.search_count([]), occasions)
        self.assertEqual(Activity.search_count([]), activities)
        self.assertFalse(Occasion.search([("policy_id", "=", self.policy.id)]))

    def test_care_activities_only_for_the_team(self):
        """The birthday activities of the care job: the team sees them; a plain employee,
        a salesperson without KAM rights and another team find nothing, by the activity
        or by the contact."""
        self.env["rc.care.policy"].sudo()._cron_run_care(
            policies=self.policy, commit=False
        )
        occasions = self.env["rc.care.occasion"].search(
            [("policy_id", "=", self.policy.id)]
        )
        activities = occasions.activity_id
        self.assertTrue(
            activities, "the care job made a birthday activity for person A"
        )
        domain = [("id", "in", activities.ids)]
        fnames = ["summary", "note", "date_deadline", "res_model", "res_id"]
        self._login("kam_own")
        self.assertEqual(
            len(self.call_kw("mail.activity", "search_read", [domain, fnames])),
            len(activities),
        )
        for role in ("employee", "salesman", "kam_other", "portal"):
            with self.subTest(role=role):
                self._login(role)
                try:
                    found = self.call_kw(
                        "mail.activity", "search_read", [domain, fnames]
                    )
                except RpcError as error:
                    self.assertIn(error.name, REFUSALS)
                else:
                    self.assertEqual(found, [], f"{role} reads the care activities")
                try:
                    [values] = self.call_kw(
                        "res.partner", "read", [[self.person_a.id], ["activity_ids"]]
                    )
                except RpcError as error:
                    self.assertIn(error.name, REFUSALS)
                else:
                    self.assertFalse(set(values["activity_ids"]) & set(activities.ids))

    def test_kam_reads_own_account(self):
        """The legitimate path: the account's KAM reads its tier and key person."""
        self._login("kam_own")
        [values] = self.call_kw(
            "res.partner",
            "read",
            [[self.account_a.id], ["kam_tier", "kam_tier_reason"]],
        )
        self.assertEqual(values["kam_tier"], "key")
        self.assertEqual(
            values["kam_tier_reason"], "Strategic reference in the metro market"
        )
        [person] = self.call_kw(
            "res.partner", "read", [[self.person_a.id], ["kam_attitude"]]
        )
        self.assertEqual(person["kam_attitude"], "opposed")

    def test_private_data_only_for_team_and_managers(self):
        """Personal data of a key person: the account team and managers read it; another
        team, plain employees and the customer's own colleagues (portal) do not, neither
        by reading nor by searching."""
        self.person_a.kam_family_notes = "Daughter studies in Leeds"
        for role in ("kam_own", "manager", "executive"):
            with self.subTest(role=role):
                self._login(role)
                [values] = self.call_kw(
                    "res.partner", "read", [[self.person_a.id], ["kam_family_notes"]]
                )
                self.assertEqual(
                    values["kam_family_notes"], "Daughter studies in Leeds"
                )
        for role in ("kam_other", "employee", "salesman", "portal"):
            with self.subTest(role=role):
                self._login(role)
                try:
                    [values] = self.call_kw(
                        "res.partner",
                        "read",
                        [[self.person_a.id], ["kam_family_notes"]],
                    )
                except RpcError as error:
                    self.assertIn(error.name, REFUSALS)
                else:
                    self.assertFalse(values["kam_family_notes"])
                try:
                    found = self.call_kw(
                        "res.partner",
                        "search",
                        [
                            [
                                ("id", "=", self.person_a.id),
                                ("kam_family_notes", "ilike", "Leeds"),
                            ]
                        ],
                    )
                except RpcError as error:
                    self.assertIn(error.name, REFUSALS)
                else:
                    self.assertEqual(found, [], "family notes searchable: an oracle")

    def test_anonymous_visitor_reads_nothing(self):
        """Without a login (a website visitor's session), call_kw answers nothing."""
        self.authenticate(None, None)
        with mute_logger("odoo.http"):
            for model, fname in (
                ("res.partner", "kam_attitude"),
                ("kam.key.person.private", "family_notes"),
                ("rc.gift", "amount"),
            ):
                with self.subTest(model=model), self.assertRaises(RpcError) as ctx:
                    self.call_kw(model, "search_read", [[], [fname]])
                self.assertIn(
                    ctx.exception.name,
                    REFUSALS | {"odoo.http.SessionExpiredException"},
                )

    # --- a customer's portal session --------------------------------------------------
    def test_portal_cannot_read_account_intelligence(self):
        self._login("portal")
        # Legitimate: the portal user reads its own name.
        [me] = self.call_kw("res.partner", "read", [[self.portal_partner.id], ["name"]])
        self.assertEqual(me["name"], "E2E Portal Contact")
        for fname in ("kam_attitude", "kam_decision_role", "kam_professional_needs"):
            with self.subTest(colleague_field=fname):
                self.assertRpcRefused(
                    "res.partner", "read", [[self.person_a.id], [fname]]
                )
        for fname in (
            "kam_tier",
            "kam_tier_reason",
            "kam_warning_summary",
            "kam_clv",
            "kam_won_revenue_12m",
        ):
            with self.subTest(company_field=fname):
                self.assertRpcRefused(
                    "res.partner", "read", [[self.account_a.id], [fname]]
                )
        values = self._admin_read(self.person_a, ["kam_attitude"])[0]
        self.assertEqual(values["kam_attitude"], "opposed")

    def test_portal_cannot_search_by_attitude(self):
        self._login("portal")
        for method, args in (
            ("search", [[("kam_attitude", "=", "opposed")]]),
            ("search_count", [[("kam_attitude", "=", "opposed")]]),
            ("search_read", [[("kam_attitude", "=", "opposed")], ["name"]]),
            (
                "read_group",
                [
                    [("parent_id", "=", self.account_a.id)],
                    ["kam_attitude"],
                    ["kam_attitude"],
                ],
            ),
        ):
            with self.subTest(method=method):
                self.assertRpcRefused("res.partner", method, args)

    def test_portal_cannot_write_intelligence(self):
        self._login("portal")
        self.assertRpcRefused(
            "res.partner", "write", [[self.person_a.id], {"kam_attitude": "exclusive"}]
        )
        self.assertEqual(
            self._admin_read(self.person_a, ["kam_attitude"])[0]["kam_attitude"],
            "opposed",
        )


@tagged("post_install", "-at_install")
class TestRpcWorkflowAttacks(RpcCase):
    """The other items of issue 9's "What was seen", through JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        own = cls.users["kam_own"]
        company = env.company
        company.write(
            {
                "rc_gift_limit": 500.0,
                "rc_gift_limit_year": 2000.0,
                "kam_four_eyes": True,
            }
        )
        cls.showcase = env["sc.showcase"].create(
            {
                "name": "E2E RPC Showcase",
                "partner_id": cls.account_a.id,
                "team_id": cls.crm_team_a.id,
                "user_id": own.id,
                "level": "city",
            }
        )
        consent_type = env["sc.document.type"].search(
            [("needs_consent", "=", True)], limit=1
        ) or env["sc.document.type"].create(
            {
                "name": "E2E testimonial",
                "code": "e2e_testimonial",
                "category": "market",
                "needs_consent": True,
            }
        )
        cls.deliverable = env["sc.deliverable"].create(
            {
                "showcase_id": cls.showcase.id,
                "document_type_id": consent_type.id,
                "content": "<p>Great partner</p>",
                "consent_to_publish": False,
            }
        )
        cls.annual_plan = env["sc.annual.plan"].create(
            {"team_id": cls.crm_team_a.id, "year": 2030, "user_id": own.id}
        )
        cls.agreement = env["sc.agreement"].create(
            {
                "showcase_id": cls.showcase.id,
                "customer_signatory_id": cls.person_a.id,
                "date_start": "2026-01-01",
                "date_end": "2027-12-31",
                "obligation_ids": [
                    (0, 0, {"obligation_type": "prospect_visits", "quantity": 2}),
                    (0, 0, {"obligation_type": "testimonial", "name": "Secret terms"}),
                ],
            }
        )
        cls.obligations = cls.agreement.obligation_ids

    def _approved_gift(self, amount=800.0):
        """An over-limit gift of kam_own, submitted by its owner, approved by a manager."""
        own, manager = self.users["kam_own"], self.users["manager"]
        gift = (
            self.env["rc.gift"]
            .with_user(own)
            .create(
                {"name": "E2E Maotai", "partner_id": self.person_a.id, "amount": amount}
            )
        )
        gift.action_submit()
        self.assertEqual(gift.state, "to_approve")
        gift.with_user(manager).validate_tier()
        self.env.invalidate_all()
        self.assertEqual(gift.state, "approved")
        return gift

    def test_showcase_documents_not_approved_by_write(self):
        self._login("kam_own")
        self.assertRpcRefused(
            "sc.showcase", "write", [[self.showcase.id], {"review_state": "approved"}]
        )
        self.assertRpcRefused(
            "sc.deliverable", "write", [[self.deliverable.id], {"state": "approved"}]
        )
        self.assertRpcRefused(
            "sc.annual.plan", "write", [[self.annual_plan.id], {"state": "approved"}]
        )
        self.assertNotEqual(
            self._admin_read(self.showcase, ["review_state"])[0]["review_state"],
            "approved",
        )
        self.assertEqual(
            self._admin_read(self.deliverable, ["state"])[0]["state"], "draft"
        )
        self.assertEqual(
            self._admin_read(self.annual_plan, ["state"])[0]["state"], "draft"
        )
        # Legitimate: the owner edits the draft document.
        self.call_kw(
            "sc.deliverable",
            "write",
            [[self.deliverable.id], {"content": "<p>Reviewed text</p>"}],
        )
        self.assertIn(
            "Reviewed text",
            self._admin_read(self.deliverable, ["content"])[0]["content"],
        )

    def test_deliverable_without_consent_not_approved(self):
        self.deliverable.action_submit()
        self._login("manager")
        self.assertRpcRefused(
            "sc.deliverable", "action_approve", [[self.deliverable.id]]
        )
        self.assertEqual(
            self._admin_read(self.deliverable, ["state"])[0]["state"], "submitted"
        )

    def test_approved_gift_changed_is_not_approved_any_more(self):
        gift = self._approved_gift()
        self._login("kam_own")
        try:
            self.call_kw("rc.gift", "write", [[gift.id], {"amount": 100000.0}])
        except RpcError as error:  # refusing is as good as sending it back
            self.assertIn(error.name, REFUSALS)
        values = self._admin_read(gift, ["state", "amount"])[0]
        self.assertFalse(
            values["state"] == "approved" and values["amount"] == 100000.0,
            f"an approved gift raised to 100,000 keeps its approval: {values}",
        )
        self.assertRpcRefused("rc.gift", "action_give", [[gift.id]])
        self.assertNotEqual(self._admin_read(gift, ["state"])[0]["state"], "given")

    def test_manager_cannot_approve_own_gift(self):
        self._login("manager")
        gift_id = self.call_kw(
            "rc.gift",
            "create",
            [{"name": "E2E golf day", "partner_id": self.person_a.id, "amount": 900.0}],
        )
        self.call_kw("rc.gift", "action_submit", [[gift_id]])
        gift = self.env["rc.gift"].browse(gift_id)
        self.assertEqual(self._admin_read(gift, ["state"])[0]["state"], "to_approve")
        self.assertRpcRefused("rc.gift", "validate_tier", [[gift_id]])
        self.assertEqual(self._admin_read(gift, ["state"])[0]["state"], "to_approve")
        # Legitimate: another manager (the executive) approves it.
        self._login("executive")
        self.call_kw("rc.gift", "validate_tier", [[gift_id]])
        self.assertEqual(self._admin_read(gift, ["state"])[0]["state"], "approved")

    def test_other_team_cannot_read_obligations_or_raise_quota(self):
        self._login("kam_other")
        found = self.call_kw(
            "sc.agreement.obligation",
            "search_read",
            [[("agreement_id", "=", self.agreement.id)], ["name", "quantity"]],
        )
        self.assertEqual(found, [])
        self.assertRpcRefused(
            "sc.agreement.obligation", "read", [self.obligations.ids, ["name"]]
        )
        visits = self.obligations.filtered(
            lambda o: o.obligation_type == "prospect_visits"
        )
        self.assertRpcRefused(
            "sc.agreement.obligation", "write", [visits.ids, {"quantity": 50}]
        )
        self.assertEqual(self._admin_read(visits, ["quantity"])[0]["quantity"], 2)
        # Legitimate: the showcase's own team reads them.
        self._login("kam_own")
        found = self.call_kw(
            "sc.agreement.obligation",
            "search_read",
            [[("agreement_id", "=", self.agreement.id)], ["quantity"]],
        )
        self.assertEqual(len(found), 2)

    def test_claims_not_set_or_cleared_by_write(self):
        own, other = self.users["kam_own"], self.users["kam_other"]
        self.pool_account.with_user(own).action_kam_claim()
        self.env.invalidate_all()
        self.assertEqual(self.pool_account.kam_claim_user_id, own)
        for role, value in (("kam_other", False), ("manager", other.id)):
            with self.subTest(role=role):
                self._login(role)
                self.assertRpcRefused(
                    "res.partner",
                    "write",
                    [[self.pool_account.id], {"kam_claim_user_id": value}],
                )
                values = self._admin_read(self.pool_account, ["kam_claim_user_id"])
                self.assertEqual(values[0]["kam_claim_user_id"][0], own.id)
        claims = self.env["kam.claim"].search(
            [("partner_id", "=", self.pool_account.id), ("state", "=", "active")]
        )
        self.assertEqual(claims.user_id, own)

    def test_plain_employee_does_not_find_key_person_birthday(self):
        self._login("employee")
        for method, args in (
            (
                "search_read",
                [
                    [
                        ("id", "=", self.person_a.id),
                        ("birthdate_date", "=", "1975-03-10"),
                    ],
                    ["name"],
                ],
            ),
            (
                "search_count",
                [[("id", "=", self.person_a.id), ("birthdate_date", "!=", False)]],
            ),
        ):
            with self.subTest(method=method):
                try:
                    found = self.call_kw("res.partner", method, args)
                except RpcError as error:
                    self.assertIn(error.name, REFUSALS)
                else:
                    self.assertFalse(found, f"{method} is a birthday oracle: {found}")
        try:
            [values] = self.call_kw(
                "res.partner", "read", [[self.person_a.id], ["birthdate_date"]]
            )
        except RpcError as error:
            self.assertIn(error.name, REFUSALS)
        else:
            self.assertFalse(values["birthdate_date"])


@tagged("post_install", "-at_install")
class TestXmlRpcAttacks(RpcCase):
    """A few of the same attacks over XML-RPC (``/xmlrpc/2/object``), as scripts do."""

    def execute_kw(self, role, model, method, args, kwargs=None):
        user = self.users[role]
        return self.xmlrpc_object.execute_kw(
            get_db_name(),
            user.id,
            password(user.login),
            model,
            method,
            args,
            kwargs or {},
        )

    def assertXmlRpcRefused(self, role, model, method, args, kwargs=None):
        with mute_logger("odoo.http", "odoo.addons.base.controllers.rpc"):
            try:
                result = self.execute_kw(role, model, method, args, kwargs)
            except xmlrpc.client.Fault as fault:
                # 2: UserError / ValidationError, 4: AccessError; 1 is a server crash.
                self.assertIn(
                    fault.faultCode,
                    (2, 4),
                    f"{model}.{method} must be refused cleanly: {fault.faultString}",
                )
                return fault
        self.fail(
            f"{model}.{method} was not refused over XML-RPC; it returned {result!r}"
        )

    def test_xmlrpc_attacks(self):
        own = self.users["kam_own"]
        # Legitimate first: the account's KAM reads its tier.
        [values] = self.execute_kw(
            "kam_own", "res.partner", "read", [[self.account_a.id], ["kam_tier"]]
        )
        self.assertEqual(values["kam_tier"], "key")
        self.assertXmlRpcRefused(
            "kam_own",
            "kam.account.plan",
            "write",
            [[self.plan.id], {"state": "approved"}],
            {"context": {"kam_plan_workflow": True}},
        )
        self.assertXmlRpcRefused(
            "kam_own",
            "kam.account.team.member",
            "create",
            [{"partner_id": self.account_b.id, "user_id": own.id, "role": "sales"}],
        )
        self.assertXmlRpcRefused(
            "kam_own",
            "res.partner",
            "write",
            [[self.pool_account.id], {"kam_claim_user_id": own.id}],
        )
        self.assertXmlRpcRefused(
            "kam_own", "rc.care.policy", "action_run_now", [[self.policy.id]]
        )
        self.assertXmlRpcRefused(
            "portal", "res.partner", "read", [[self.person_a.id], ["kam_attitude"]]
        )
        self.assertXmlRpcRefused(
            "portal", "res.partner", "search", [[("kam_attitude", "=", "opposed")]]
        )
        self.env.invalidate_all()
        self.assertEqual(self.plan.state, "draft")
        self.assertNotIn(own, self.account_b.kam_team_user_ids)
        self.assertFalse(self.pool_account.kam_claim_user_id)
        self.assertFalse(
            self.env["rc.care.occasion"].search([("policy_id", "=", self.policy.id)])
        )
