# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged, users

from .common import KamChainCommon

MAP_REPORT = "key_account_management.res_partner_report_relationship_map"
PLAN_REPORT = "key_account_management.kam_account_plan_report"


@tagged("post_install", "-at_install")
class TestRelationshipMap(KamChainCommon):
    def test_map_data_groups_people_by_role_with_attitude_and_lines(self):
        self.decision_maker.kam_reports_to_id = self.approver
        self.coach.kam_is_hidden_decision_maker = True
        data = (
            self.env["res.partner"]
            .with_user(self.member)
            .kam_relationship_map_data(self.account.id)
        )
        self.assertEqual(data["account"]["id"], self.account.id)
        self.assertEqual(
            [r["code"] for r in data["roles"]],
            ["approver", "decision_maker", "supporter", "influencer", "coach", False],
        )
        people = {p["id"]: p for p in data["people"]}
        self.assertEqual(len(people), 5)
        dm = people[self.decision_maker.id]
        self.assertEqual(dm["role"], "decision_maker")
        self.assertEqual(dm["attitude"], "supportive")
        self.assertEqual(dm["attitude_label"], "Supportive")
        self.assertEqual(dm["reports_to_id"], self.approver.id)
        self.assertTrue(people[self.coach.id]["hidden"])
        # Called on a contact, the map is the one of its account.
        again = self.env["res.partner"].kam_relationship_map_data(self.coach.id)
        self.assertEqual(again["account"]["id"], self.account.id)
        action = self.coach.action_kam_relationship_map()
        self.assertEqual(action["tag"], "kam_relationship_map")
        self.assertEqual(action["params"]["account_id"], self.account.id)

    @users("kam_sales_b")
    def test_map_refuses_an_account_the_user_cannot_read(self):
        Partner = self.env["res.partner"]
        # Through the territory pool the outsider sees the account and its map...
        data = Partner.kam_relationship_map_data(self.account.id)
        self.assertEqual(data["account"]["id"], self.account.id)
        # ...out of the pool, neither.
        self.account.kam_territory_id = False
        with self.assertRaises(AccessError):
            Partner.kam_relationship_map_data(self.account.id)

    def test_map_report_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["key_account_management"], ["zh_CN"], overwrite=True
        )
        self.account.lang = "zh_CN"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(MAP_REPORT, self.account.ids)[0]
            .decode()
        )
        for text in ("关系地图", "决策批准人", "内线/教练", "支持并排他", "个人需求"):
            self.assertIn(text, html)

    @users("kam_sales_a")
    def test_map_of_60_people_loads_in_bounded_queries(self):
        account = self._create_chain_account("大客户 Big Account", people=False)
        Admin = account.env  # the fixtures are made as the superuser
        roles = [
            "approver",
            "decision_maker",
            "supporter",
            "influencer",
            "coach",
            False,
        ]
        attitudes = ["opposed", "contact", "favorable", "supportive", "exclusive"]
        department = Admin["res.partner.department"].create({"name": "Ops"})
        boss = Admin["res.partner"].create(
            {"name": "Boss", "parent_id": account.id, "kam_decision_role": "approver"}
        )
        Admin["res.partner"].create(
            [
                {
                    "name": f"Person {i}",
                    "parent_id": account.id,
                    "kam_decision_role": roles[i % 6],
                    "kam_attitude": attitudes[i % 5],
                    "kam_reports_to_id": boss.id,
                    "kam_relationship_owner_id": (self.member | self.manager)[i % 2].id,
                    "department_id": department.id,
                }
                for i in range(59)
            ]
        )
        Partner = self.env["res.partner"]
        Partner.kam_relationship_map_data(account.id)  # warm the registry caches
        self.env.invalidate_all()
        # Counts the whole map call as its key account manager: the account and its access
        # check, the search and one batched fetch of the 60 people, the names of their
        # departments and relationship owners, the coverage gaps (13 measured, 2 spare);
        # one query per person would make it 60 or more.
        with self.assertQueryCount(kam_sales_a=15):
            data = Partner.kam_relationship_map_data(account.id)
        self.assertEqual(len(data["people"]), 60)

    def test_map_report_html_holds_people_roles_and_attitudes(self):
        self.influencer.kam_attitude = "opposed"
        html = (
            self.env["ir.actions.report"]
            .with_user(self.member)
            ._render_qweb_html(MAP_REPORT, self.account.ids)[0]
            .decode()
        )
        for text in (
            "Relationship Map",
            self.account.name,
            self.approver.name,
            self.coach.name,
            "Approver",
            "Decision Maker",
            "Coach",
            "Opposed",
            "Exclusive Supporter",
        ):
            self.assertIn(text, html)


@tagged("post_install", "-at_install")
class TestReportPdf(HttpCase):
    def test_relationship_map_and_plan_render_pdf(self):
        account = self.env["res.partner"].create(
            {
                "name": "PDF 测试 Co",
                "is_company": True,
                "kam_tier": "key",
                "kam_tier_reason": "test",
            }
        )
        self.env["res.partner"].create(
            {
                "name": "张总 Zhang",
                "parent_id": account.id,
                "kam_decision_role": "approver",
                "kam_attitude": "exclusive",
            }
        )
        plan = self.env["kam.account.plan"].create(
            {
                "partner_id": account.id,
                "objective_ids": [
                    (0, 0, {"name": "Grow", "kpi": "Revenue", "target": 1})
                ],
            }
        )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report, ids in ((MAP_REPORT, account.ids), (PLAN_REPORT, plan.ids)):
            pdf, kind = Report._render_qweb_pdf(report, ids)
            self.assertEqual(kind, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"), report)

    def test_relationship_map_view_in_the_web_client(self):
        account = self.env["res.partner"].create(
            {"name": "Tour Account", "is_company": True, "kam_tier": "key"}
        )
        approver = self.env["res.partner"].create(
            {
                "name": "Tour Approver",
                "parent_id": account.id,
                "kam_decision_role": "approver",
                "kam_attitude": "exclusive",
            }
        )
        self.env["res.partner"].create(
            {
                "name": "Tour Decider",
                "parent_id": account.id,
                "kam_decision_role": "decision_maker",
                "kam_attitude": "opposed",
                "kam_reports_to_id": approver.id,
            }
        )
        self.start_tour(
            f"/odoo/contacts/{account.id}", "kam_relationship_map_tour", login="admin"
        )

    def test_account_plan_approval_in_the_web_client(self):
        account = self.env["res.partner"].create(
            {"name": "Tour Plan Account", "is_company": True, "kam_tier": "key"}
        )
        plan = self.env["kam.account.plan"].create(
            {
                "partner_id": account.id,
                "objective_ids": [
                    (0, 0, {"name": "Grow", "kpi": "Revenue", "target": 1})
                ],
            }
        )
        plan.action_submit()
        # The admin plays owner and reviewer: a one-person team turns four-eyes off.
        self.env.company.kam_four_eyes = False
        # One approval level (headquarters' second level: test_plan_approval).
        self.env.ref(
            "key_account_management.tier_definition_kam_account_plan_executive"
        ).active = False
        self.start_tour(
            f"/odoo/action-key_account_management.kam_account_plan_action/{plan.id}",
            "kam_account_plan_tour",
            login="admin",
        )
        self.assertEqual(plan.state, "execution")
        self.assertIn("Tour comment", plan.return_comment)
