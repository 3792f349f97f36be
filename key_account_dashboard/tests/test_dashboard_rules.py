# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import TransactionCase, tagged

from .common import DashboardCommon


@tagged("post_install", "-at_install")
class TestDashboardRules(DashboardCommon, TransactionCase):
    """A dashboard's pivot, run as the web client runs it (read_group over RPC), gives a
    salesperson her own accounts' figures and a manager all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_people()
        won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.env["crm.lead"].create(
            [
                {
                    "name": f"Dashboard won deal {account.name}",
                    "type": "opportunity",
                    "partner_id": account.id,
                    "stage_id": won_stage.id,
                    "expected_revenue": revenue,
                }
                for account, revenue in (
                    (cls.own_accounts[0], 1000.0),
                    (cls.other_account, 5000.0),
                )
            ]
        )
        data = json.loads(
            cls.env.ref("key_account_dashboard.dashboard_key_accounts").spreadsheet_data
        )
        cls.pyramid_pivot = next(
            p
            for p in data["pivots"].values()
            if p["model"] == "kam.tier.pyramid.report"
        )

    def _pivot(self, user):
        """The tier pyramid pivot of the Key accounts dashboard, as `user` reads it."""
        pivot = self.pyramid_pivot
        self.env.flush_all()
        groups = (
            self.env[pivot["model"]]
            .with_user(user)
            .read_group(
                pivot["domain"],
                [f"{m['fieldName']}:sum" for m in pivot["measures"]],
                [r["fieldName"] for r in pivot["rows"]],
                lazy=False,
            )
        )
        return {g["tier"]: g for g in groups}

    def test_salesperson_sees_her_accounts_manager_all(self):
        mine = self._pivot(self.salesperson)
        everything = self._pivot(self.manager)
        self.assertEqual(
            {tier: g["account_count"] for tier, g in mine.items()},
            {"key": 1, "regular": 1},
        )
        self.assertEqual(mine["key"]["won_revenue"], 1000.0)
        tiered = self.env["res.partner"].search_count(
            [("is_company", "=", True), ("kam_tier", "!=", False)]
        )
        self.assertEqual(sum(g["account_count"] for g in everything.values()), tiered)
        # the manager's key tier holds the other account's deal, the salesperson's not
        self.assertGreaterEqual(everything["key"]["won_revenue"], 6000.0)
        self.assertGreater(
            everything["key"]["account_count"], mine["key"]["account_count"]
        )

    def test_pyramid_revenue_and_clv_match_the_account(self):
        """The stored columns the dashboard sums are the account's own figures."""
        Report = self.env["kam.tier.pyramid.report"]
        self.env.flush_all()
        rows = Report.search(
            [("partner_id", "in", (self.own_accounts | self.other_account).ids)]
        )
        self.assertEqual(len(rows), 3)
        for row in rows:
            account = row.partner_id
            account.invalidate_recordset()
            self.assertAlmostEqual(
                row.won_revenue, account.kam_won_revenue_12m, places=2
            )
            self.assertAlmostEqual(row.clv, account.kam_clv, places=2)
        self.assertEqual(
            rows.filtered(lambda r: r.partner_id == self.other_account).won_revenue,
            5000.0,
        )

    def test_salesperson_lists_and_funnel_stay_within_her_accounts(self):
        """The red list and the funnel of the dashboard, as the salesperson reads them."""
        self.other_account.sudo().write({"kam_warning_level": "red"})
        self.own_accounts[0].sudo().write({"kam_warning_level": "red"})
        data = json.loads(
            self.env.ref(
                "key_account_dashboard.dashboard_key_accounts"
            ).spreadsheet_data
        )
        red = next(x for x in data["lists"].values() if x["name"] == "Red accounts")
        Partner = self.env["res.partner"]
        self.assertIn(
            self.other_account, Partner.with_user(self.manager).search(red["domain"])
        )
        seen = Partner.with_user(self.salesperson).search(red["domain"])
        self.assertIn(self.own_accounts[0], seen)
        self.assertNotIn(self.other_account, seen)
        Funnel = self.env["kam.funnel.report"]
        mine = Funnel.with_user(self.salesperson).search([])
        self.assertTrue(
            all(self.salesperson in r.partner_id.sudo().kam_team_user_ids for r in mine)
        )
        self.assertEqual(
            Funnel.with_user(self.manager).search_count([]), Funnel.search_count([])
        )
