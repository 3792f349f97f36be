# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

# Characters that exist only in Simplified Chinese (their Traditional forms differ):
# none of them may appear in a Taiwanese account's names, people, deals or showcases.
SIMPLIFIED_ONLY = set(
    "项业体导术经产务设备为扩发运机场际国长门东厂车对时网据级总资协线统维护销营报"
    "计划开关页单样优质数区汇链电书龙兴华园语话说认识专档户馈络软"
)


@tagged("post_install", "-at_install")
class TestDemoStory(TransactionCase):
    """The demo database tells one consistent story (what a new user sees first)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo_accounts = cls._demo_records(
            "key_account_management", "res.partner"
        ).filtered("is_company")

    @classmethod
    def _demo_records(cls, module, model):
        data = cls.env["ir.model.data"].search(
            [("module", "=", module), ("model", "=", model)]
        )
        return cls.env[model].browse(data.mapped("res_id")).exists()

    def setUp(self):
        super().setUp()
        if not self.env.ref("showcase_program.sc_showcase_demo_planning", False):
            self.skipTest("needs the demo data")

    def test_three_branches_with_own_territories_and_salespeople(self):
        territories = self._demo_records("key_account_management", "kam.territory")
        teams = territories.team_id
        self.assertEqual(len(teams), 3, "three branches (sales teams)")
        sellers = {}
        for team in teams:
            own = territories.filtered(lambda t, team=team: t.team_id == team)
            self.assertTrue(own, f"{team.name} has territories")
            # the salespeople of the territory: everybody but the branch's leader
            salespeople = own.user_ids - team.user_id
            self.assertTrue(salespeople, f"{team.name} has salespeople")
            self.assertLessEqual(salespeople, team.member_ids)
            sellers[team] = salespeople
        for team, users in sellers.items():
            for other, other_users in sellers.items():
                if other != team:
                    self.assertFalse(users & other_users, "a salesperson in 2 branches")
        accounts = self.demo_accounts.filtered("kam_territory_id")
        for account in accounts.filtered("kam_manager_id"):
            self.assertIn(
                account.kam_manager_id,
                account.kam_territory_id.team_id.member_ids,
                f"{account.name} is managed by somebody of its own branch",
            )

    def test_funnel_has_conversions_and_time_in_stages(self):
        history = self.env["kam.stage.history"].search(
            [("partner_id", "in", self.demo_accounts.ids)]
        )
        now = fields.Datetime.now()
        oldest = min(history.mapped("date"))
        self.assertLess(oldest, now - timedelta(days=365), "history over a year back")
        self.assertGreater(oldest, now - timedelta(days=550), "within 18 months")
        self.assertGreater(
            len(set(history.mapped("date"))), len(history) * 0.9, "moves on many days"
        )
        report = self.env["kam.funnel.report"]
        funnel = self.env["kam.account.stage"].search([("is_churn", "=", False)])
        groups = report._read_group(
            [("partner_id", "in", self.demo_accounts.ids)],
            ["stage_id"],
            ["entered_count:sum", "converted_count:sum", "days_in_stage:avg"],
        )
        by_stage = {
            stage: (entered, conv, days) for stage, entered, conv, days in groups
        }
        for stage in funnel[:-1]:  # the last stage has no later one to convert to
            entered, converted, days = by_stage[stage]
            self.assertGreater(converted, 0, f"conversions out of {stage.name}")
            self.assertLess(converted, entered, f"some accounts stay in {stage.name}")
            self.assertGreater(days, 7, f"days spent in {stage.name}")
        for account in self.demo_accounts.filtered("kam_stage_id"):
            self.assertLess(account.kam_stage_date, now - timedelta(days=5))

    def test_account_plans_in_every_state(self):
        plans = self._demo_records("key_account_management", "kam.account.plan")
        states = set(plans.mapped("state"))
        self.assertLessEqual({"draft", "submitted", "execution", "closed"}, states)
        closed = plans.filtered(lambda p: p.state == "closed")
        self.assertTrue(all(0 < p.achievement for p in closed))
        self.assertTrue(all(p.lessons for p in closed))
        running = plans.filtered(lambda p: p.state == "execution")
        self.assertTrue(any(running.objective_ids.mapped("actual")))

    def test_showcases_fit_their_accounts(self):
        showcases = self._demo_records("showcase_program", "sc.showcase")
        self.assertGreaterEqual(len(showcases), 8)
        customer = self.env["kam.account.stage"].search(
            [("code", "in", ("order", "active"))]
        )
        delivery = self.env["sc.showcase.stage"].search(
            [("is_delivery", "=", True)], limit=1
        )
        for showcase in showcases:
            account = showcase.partner_id
            self.assertFalse(account.kam_stage_id.is_churn, showcase.name)
            self.assertIn(account.kam_stage_id, customer, showcase.name)
            if showcase.stage_id.sequence >= delivery.sequence:
                self.assertEqual(account.kam_stage_id.code, "active", showcase.name)
            # "白云机场 智慧航站楼样板" is a showcase of 广州白云机场
            self.assertIn(showcase.name.split()[0], account.name)
            self.assertEqual(
                showcase.team_id, account.kam_territory_id.team_id, showcase.name
            )
        for visit in self._demo_records("showcase_program", "sc.site.visit"):
            prospect = visit.prospect_id
            self.assertNotEqual(prospect, visit.showcase_id.partner_id)
            self.assertEqual(visit.lead_id.partner_id, prospect)
            self.assertIn(prospect.name.split()[0], visit.name)

    def test_key_persons_and_deals_are_distinct(self):
        contacts = self.env["res.partner"].search(
            [("parent_id", "in", self.demo_accounts.ids), ("is_company", "=", False)]
        )
        names = Counter(contacts.mapped("name"))
        self.assertEqual(
            [name for name, count in names.items() if count > 1], [], "shared people"
        )
        self.assertFalse([name for name in names if "张总" in name])
        leads = self.env["crm.lead"].search(
            [("partner_id", "in", self.demo_accounts.ids)]
        )
        # what is left of a deal's name once its account's name is taken out
        topics = {
            lead.name.replace(lead.partner_id.name.split()[0], "").strip()
            for lead in leads
        }
        self.assertEqual(len(topics), len(leads), "every deal is about something")
        open_leads = leads.filtered(lambda lead: not lead.stage_id.is_won)
        self.assertGreaterEqual(len(open_leads.stage_id), 3)
        self.assertGreater(len(set(leads.mapped("expected_revenue"))), len(leads) / 2)

    def test_taiwan_accounts_in_traditional_characters(self):
        taiwan = self.demo_accounts.filtered(
            lambda p: p.country_id == self.env.ref("base.tw")
        )
        self.assertGreaterEqual(len(taiwan), 5)
        texts = taiwan.mapped("name") + taiwan.child_ids.mapped("name")
        texts += taiwan.child_ids.mapped("function")
        texts += (
            self.env["crm.lead"]
            .search([("partner_id", "in", taiwan.ids)])
            .mapped("name")
        )
        showcases = self.env["sc.showcase"].search([("partner_id", "in", taiwan.ids)])
        texts += showcases.mapped("name") + showcases.value_line_ids.mapped("name")
        plans = self.env["kam.account.plan"].search([("partner_id", "in", taiwan.ids)])
        texts += plans.mapped("market_customer") + plans.objective_ids.mapped("name")
        self.assertGreater(len(texts), 20)
        found = {
            text: "".join(sorted(set(text) & SIMPLIFIED_ONLY))
            for text in texts
            if text and set(text) & SIMPLIFIED_ONLY
        }
        self.assertEqual(found, {}, "Simplified characters in Taiwanese data")
