# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamChainCommon


@tagged("post_install", "-at_install")
class TestPlanApprovalLevels(KamChainCommon):
    """Four eyes across levels: a key account's plan is approved by its sales manager,
    then by headquarters, and the same person does not approve both levels (an
    executive who is also the account's sales manager)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dual = mail_new_test_user(
            cls.env,
            login="kam_plan_dual",
            name="Sales Manager and Executive Zhou",
            groups="base.group_user,key_account_management.group_kam_user,"
            "key_account_management.group_kam_executive",
        )
        cls.executive = mail_new_test_user(
            cls.env,
            login="kam_plan_executive_2",
            name="Executive Wu",
            groups="base.group_user,key_account_management.group_kam_executive",
        )
        cls.account.kam_sales_manager_id = cls.dual
        cls.tier_sales_manager = cls.env.ref(
            "key_account_management.tier_definition_kam_account_plan_sales_manager"
        )
        cls.tier_executive = cls.env.ref(
            "key_account_management.tier_definition_kam_account_plan_executive"
        )

    def _submitted(self):
        plan = (
            self.env["kam.account.plan"]
            .with_user(self.member)
            .create(
                {
                    "partner_id": self.account.id,
                    "objective_ids": [(0, 0, {"name": "Grow", "kpi": "Revenue"})],
                }
            )
        )
        plan.action_submit()
        return plan

    def _review(self, plan, definition):
        return plan.review_ids.filtered(lambda r: r.definition_id == definition)

    def test_two_people_approve(self):
        plan = self._submitted()
        self.assertIn(self.dual, self._review(plan, self.tier_executive).reviewer_ids)
        # One call approves the sales manager's level only, though he reviews both.
        plan.with_user(self.dual).validate_tier()
        self.assertEqual(self._review(plan, self.tier_sales_manager).status, "approved")
        self.assertEqual(self._review(plan, self.tier_sales_manager).done_by, self.dual)
        self.assertNotEqual(self._review(plan, self.tier_executive).status, "approved")
        self.assertEqual(plan.state, "submitted")
        plan.with_user(self.executive).validate_tier()
        self.assertEqual(
            self._review(plan, self.tier_executive).done_by, self.executive
        )
        self.assertEqual(plan.state, "approved")

    def test_same_person_refused_second_level(self):
        plan = self._submitted()
        plan.with_user(self.dual).validate_tier()
        with self.assertRefused(UserError, "you already approved its level"):
            plan.with_user(self.dual).validate_tier()
        # through the comment wizard's path too (tier.validation's _validate_tier)
        with self.assertRefused(UserError, "you already approved its level"):
            plan.with_user(self.dual)._validate_tier()
        self.assertEqual(self._review(plan, self.tier_executive).status, "pending")
        self.assertEqual(plan.state, "submitted")
        # Headquarters' other executive still can.
        plan.with_user(self.executive).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_rule_off_for_small_teams(self):
        # The company's four-eyes setting covers this rule too.
        self.env.company.kam_four_eyes = False
        plan = self._submitted()
        plan.with_user(self.dual).validate_tier()
        if plan.state == "submitted":
            plan.with_user(self.dual).validate_tier()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.review_ids.done_by, self.dual)

    def test_returned_and_resubmitted_starts_afresh(self):
        plan = self._submitted()
        plan.with_user(self.dual).validate_tier()
        # The executive returns it; resubmitted, the levels are new reviews.
        wizard = (
            self.env["kam.account.plan.return.wizard"]
            .with_user(self.executive)
            .create({"plan_id": plan.id, "comment": "More detail"})
        )
        wizard.action_confirm()
        self.assertEqual(plan.state, "returned")
        plan.with_user(self.member).action_submit()
        plan.with_user(self.dual).validate_tier()
        self.assertEqual(self._review(plan, self.tier_sales_manager).done_by, self.dual)
        with self.assertRefused(UserError, "you already approved its level"):
            plan.with_user(self.dual).validate_tier()
