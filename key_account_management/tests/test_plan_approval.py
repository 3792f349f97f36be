# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamChainCommon


@tagged("post_install", "-at_install")
class TestPlanApproval(KamChainCommon):
    """Account plans: approved by the account's own sales manager (a sales director
    when it has none), then by headquarters for key accounts. Shipped as tier
    definitions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = mail_new_test_user(
            cls.env,
            login="kam_plan_sales_manager",
            name="Sales Manager Sun",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        cls.executive = mail_new_test_user(
            cls.env,
            login="kam_plan_executive",
            name="Executive Qian",
            groups="base.group_user,key_account_management.group_kam_executive",
        )
        cls.regular = cls._create_chain_account("普通客户 Regular Co", people=False)
        cls.regular.write({"kam_tier": "regular", "kam_tier_reason": "Mid-size"})
        (cls.account | cls.regular).kam_sales_manager_id = cls.sales_manager
        ref = cls.env.ref
        cls.tier_director = ref(
            "key_account_management.tier_definition_kam_account_plan"
        )
        cls.tier_sales_manager = ref(
            "key_account_management.tier_definition_kam_account_plan_sales_manager"
        )
        cls.tier_executive = ref(
            "key_account_management.tier_definition_kam_account_plan_executive"
        )

    def _submitted(self, account, user=None):
        plan = (
            self.env["kam.account.plan"]
            .with_user(user or self.member)
            .create(
                {
                    "partner_id": account.id,
                    "objective_ids": [(0, 0, {"name": "Grow", "kpi": "Revenue"})],
                }
            )
        )
        plan.action_submit()
        return plan

    def test_regular_account_sales_manager_only(self):
        plan = self._submitted(self.regular)
        self.assertEqual(plan.sales_manager_id, self.sales_manager)
        review = plan.review_ids
        self.assertEqual(review.definition_id, self.tier_sales_manager)
        self.assertEqual(review.reviewer_ids, self.sales_manager)
        # a sales director of another account is no reviewer of this one
        with self.assertRefused(UserError, "only the reviewers of its tier"):
            plan.with_user(self.manager).validate_tier()
        with self.assertRefused(UserError, "only the reviewers of its tier"):
            plan.with_user(self.member).validate_tier()
        plan.with_user(self.sales_manager).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_key_account_needs_headquarters_after_sales_manager(self):
        plan = self._submitted(self.account)
        self.assertEqual(
            plan.review_ids.definition_id, self.tier_sales_manager | self.tier_executive
        )
        executive_review = plan.review_ids.filtered(
            lambda r: r.definition_id == self.tier_executive
        )
        self.assertIn(self.executive, executive_review.reviewer_ids)
        self.assertNotIn(self.sales_manager, executive_review.reviewer_ids)
        # headquarters approve after the sales manager, not before
        with self.assertRefused(UserError, "only the reviewers of its tier"):
            plan.with_user(self.executive).validate_tier()
        plan.with_user(self.sales_manager).validate_tier()
        self.assertEqual(plan.state, "submitted")
        with self.assertRefused(UserError, "only the reviewers of its tier"):
            plan.with_user(self.manager).validate_tier()
        plan.with_user(self.executive).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_no_sales_manager_falls_back_to_directors(self):
        self.regular.kam_sales_manager_id = False
        plan = self._submitted(self.regular)
        self.assertFalse(plan.sales_manager_id)
        self.assertEqual(plan.review_ids.definition_id, self.tier_director)
        self.assertIn(self.manager, plan.review_ids.reviewer_ids)
        plan.with_user(self.manager).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_sales_manager_own_plan_goes_to_directors(self):
        # four-eyes: the sales manager does not approve the plan he owns
        plan = self._submitted(self.regular, user=self.sales_manager)
        self.assertFalse(plan.sales_manager_id)
        self.assertEqual(plan.review_ids.definition_id, self.tier_director)
        self.assertNotIn(self.sales_manager, plan.review_ids.reviewer_ids)
