# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged, users

from .common import KamChainCommon

REPORT = "key_account_management.kam_account_plan_report"


@tagged("post_install", "-at_install")
class TestAccountPlan(KamChainCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.competitor = cls.env["kam.competitor"].create(
            {"name": "华信科技 Huaxin", "account_ids": [(6, 0, cls.account.ids)]}
        )
        # One approval level here; the headquarters level of key accounts is tested in
        # test_plan_approval.
        cls.env.ref(
            "key_account_management.tier_definition_kam_account_plan_executive"
        ).active = False

    def _plan(self, objectives=True):
        vals = {"partner_id": self.account.id, "market_macro": "Urban rail grows"}
        if objectives:
            vals["objective_ids"] = [
                (0, 0, {"name": "Phase two", "kpi": "Contract value", "target": 200.0}),
                (0, 0, {"name": "CTO exclusive", "kpi": "Attitude", "target": 1.0}),
            ]
        return self.env["kam.account.plan"].with_user(self.member).create(vals)

    def _return(self, plan, comment, user=None):
        wizard = Form(
            self.env["kam.account.plan.return.wizard"]
            .with_user(user or self.manager)
            .with_context(default_plan_id=plan.id)
        )
        wizard.comment = comment
        return wizard.save().action_confirm()

    def test_defaults_and_achievement(self):
        plan = self._plan()
        self.assertEqual(plan.state, "draft")
        self.assertIn(self.account.name, plan.name)
        self.assertEqual(plan.user_id, self.member)
        self.assertEqual((plan.date_end - plan.date_start).days + 1 >= 365, True)
        plan.objective_ids[0].actual = 100.0
        plan.objective_ids[1].actual = 1.0
        self.assertAlmostEqual(plan.objective_ids[0].achievement, 50.0)
        self.assertAlmostEqual(plan.achievement, 75.0)
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            plan.date_end = "2000-01-01"

    def test_submit_needs_objectives(self):
        plan = self._plan(objectives=False)
        with self.assertRaisesRegex(UserError, "no objective"):
            plan.action_submit()
        self.assertEqual(plan.state, "draft")

    def test_full_workflow_with_tier_validation(self):
        plan = self._plan()
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertIn(plan.validation_status, ("waiting", "pending"))
        review = plan.review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(
            review.definition_id,
            self.env.ref("key_account_management.tier_definition_kam_account_plan"),
        )
        self.assertIn(self.manager, review.reviewer_ids)
        self.assertNotIn(self.member, review.reviewer_ids)
        # Only a reviewer of the tier definition approves.
        with self.assertRaisesRegex(UserError, "only the reviewers of its tier"):
            plan.with_user(self.member).validate_tier()
        with self.assertRaisesRegex(UserError, "needs the approval of its reviewers"):
            plan.with_user(self.member).action_approve()
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            plan.with_user(self.member).write({"state": "approved"})
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.manager).validate_tier()
        self.assertEqual(plan.validation_status, "validated")
        self.assertEqual(plan.state, "approved")
        # approved -> in execution -> closed
        with self.assertRaisesRegex(UserError, "cannot be closed"):
            plan.action_close()
        plan.with_user(self.member).action_start()
        self.assertEqual(plan.state, "execution")
        with self.assertRaisesRegex(UserError, "lessons learned"):
            plan.with_user(self.member).action_close()
        plan.with_user(self.member).lessons = "Engage procurement earlier"
        plan.with_user(self.member).action_close()
        self.assertEqual(plan.state, "closed")
        for action in (
            "action_submit",
            "action_start",
            "action_close",
            "action_approve",
        ):
            with self.assertRaisesRegex(UserError, "it is Closed"):
                getattr(plan, action)()

    def test_return_requires_comment_and_reviewer(self):
        plan = self._plan()
        with self.assertRaisesRegex(UserError, "cannot be returned: it is Draft"):
            plan.with_user(self.manager).action_return("Too early")
        plan.action_submit()
        with self.assertRaisesRegex(ValidationError, "a comment is required"):
            plan.with_user(self.manager).action_return("   ")
        with self.assertRaisesRegex(UserError, "only its reviewers can return it"):
            plan.with_user(self.member).action_return("Not mine to return")
        with self.assertRaisesRegex(UserError, "only its reviewers can return it"):
            plan.with_user(self.member).action_open_return_wizard()
        self.assertEqual(plan.state, "submitted")
        self._return(plan, "KPI 不可衡量 KPIs are not measurable")
        self.assertEqual(plan.state, "returned")
        self.assertEqual(plan.return_comment, "KPI 不可衡量 KPIs are not measurable")
        self.assertFalse(plan.review_ids)
        self.assertTrue(
            plan.message_ids.filtered(
                lambda m: "KPIs are not measurable" in (m.body or "")
            )
        )
        with self.assertRaisesRegex(UserError, "cannot be started"):
            plan.action_start()
        # The owner resubmits: a fresh review, then approval.
        plan.with_user(self.member).action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(len(plan.review_ids), 1)
        plan.with_user(self.manager).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_reject_button_opens_the_return_wizard(self):
        plan = self._plan()
        plan.action_submit()
        action = plan.with_user(self.manager).reject_tier()
        self.assertEqual(action["res_model"], "kam.account.plan.return.wizard")
        self.assertEqual(plan.state, "submitted")
        with self.assertRaisesRegex(UserError, "only its reviewers can return it"):
            plan.with_user(self.member).reject_tier()
        self._return(plan, "Needs a competitor analysis")
        self.assertEqual(plan.state, "returned")

    def test_returned_plan_back_to_draft(self):
        plan = self._plan()
        with self.assertRaisesRegex(UserError, "cannot be reset to draft"):
            plan.action_reset_draft()
        plan.action_submit()
        plan.with_user(self.manager).action_return("Rework")
        plan.with_user(self.member).action_reset_draft()
        self.assertEqual(plan.state, "draft")

    @users("kam_sales_a")
    def test_a_new_plan_starts_as_draft(self):
        Plan = self.env["kam.account.plan"]
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            Plan.create({"partner_id": self.account.id, "state": "approved"})
        plan = Plan.create({"partner_id": self.account.id})
        self.assertEqual(plan.state, "draft")
        self.assertEqual(plan.user_id, self.member)

    def test_plans_are_visible_to_the_team_only(self):
        plan = self._plan()
        Plan = self.env["kam.account.plan"]
        self.assertEqual(
            Plan.with_user(self.manager).search([("id", "=", plan.id)]), plan
        )
        self.assertFalse(Plan.with_user(self.outsider).search([("id", "=", plan.id)]))
        self.assertEqual(self.account.with_user(self.member).kam_account_plan_count, 1)

    def test_report_html_holds_people_roles_and_attitudes(self):
        plan = self._plan()
        self.env["kam.account.plan.competitor"].create(
            {
                "plan_id": plan.id,
                "competitor_id": self.competitor.id,
                "q_positioning": "低价第二供应商 low-price second supplier",
            }
        )
        self.env["kam.account.plan.action"].create(
            {
                "plan_id": plan.id,
                "name": "Executive visit 高层拜访",
                "user_id": self.member.id,
                "date_deadline": "2030-01-31",
            }
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.member)
            ._render_qweb_html(REPORT, plan.ids)[0]
            .decode()
        )
        for text in (
            plan.name,
            self.approver.name,
            "Approver",
            "Decision Maker",
            "Supportive",
            "Exclusive Supporter",
            "Phase two",
            "Executive visit 高层拜访",
            "低价第二供应商",
            "Organisation and division of work",
        ):
            self.assertIn(text, html)
