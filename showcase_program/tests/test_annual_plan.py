# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestAnnualPlan(ShowcaseCommon):
    def test_plan_approval_and_actuals(self):
        industry = self.env["res.partner.industry"].create({"name": "Transport"})
        self.account.industry_id = industry
        plan = self.env["sc.annual.plan"].create(
            {
                "team_id": self.team_a.id,
                "year": 2026,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "industry_id": industry.id,
                            "level": "city",
                            "planned_count": 2,
                        },
                    )
                ],
            }
        )
        self._create_showcase()
        plan.year = self.env["sc.showcase"].search([], limit=1).create_date.year
        self.assertEqual(plan.line_ids.actual_count, 1)
        self.assertEqual(plan.planned_total, 2)
        plan.action_submit()
        self.assertEqual(plan.state, "submitted")
        self.assertTrue(plan.review_ids)
        with self.assertRaises(ValidationError):
            plan.action_approve()  # headquarters has not validated yet
        executive = self.env["res.users"].create(
            {
                "name": "HQ",
                "login": "sc_hq",
                "groups_id": [
                    (
                        6,
                        0,
                        [self.env.ref("key_account_management.group_kam_executive").id],
                    )
                ],
            }
        )
        plan.with_user(executive).validate_tier()  # the last review approves it
        self.assertEqual(plan.state, "approved")

    def test_bad_plans(self):
        with self.assertRaisesRegex(ValidationError, "not a valid plan year"):
            self.env["sc.annual.plan"].create({"team_id": self.team_a.id, "year": 26})
        plan = self.env["sc.annual.plan"].create({"team_id": self.team_a.id})
        with self.assertRaisesRegex(UserError, "has no lines"):
            plan.action_submit()
        self.assertEqual(plan.state, "draft")
