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

from odoo.tests import HttpCase, tagged
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


@tagged("post_install", "-at_install")
class TestRpcAttacks(TwoTeamsMixin, HttpCase):
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
        return body["result"]

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

    # --- a KAM salesperson's session -------------------------------------------------
    def test_kam_cannot_approve_plan_with_context_key(self):
        self._login("kam_own")
        # Legitimate: the owner edits his draft plan.
        self.call_kw(
            "kam.account.plan",
            "write",
            [[self.plan.id], {"market_macro": "Metro lines 5 and 9 tender in 2027"}],
        )
        self.assertEqual(self.plan.market_macro, "Metro lines 5 and 9 tender in 2027")
        self.assertRpcRefused(
            "kam.account.plan",
            "write",
            [[self.plan.id], {"state": "approved"}],
            {"context": {"kam_plan_workflow": True}},
        )
        self.assertEqual(self._admin_read(self.plan, ["state"])[0]["state"], "draft")

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
