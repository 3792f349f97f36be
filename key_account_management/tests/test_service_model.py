# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamChainCommon


@tagged("post_install", "-at_install")
class TestServiceModel(KamChainCommon):
    """Service model suggested by size, its override reason, one dedicated manager per
    large account, and the business model canvas."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = mail_new_test_user(
            cls.env,
            login="kam_canvas_portal",
            name="Portal",
            groups="base.group_portal",
        )
        cls.env.company.write(
            {
                "kam_service_large_revenue": 500000.0,
                "kam_service_large_employees": 1000,
                "kam_service_medium_revenue": 50000.0,
                "kam_service_medium_employees": 100,
            }
        )

    def test_suggestion_from_headcount_and_revenue(self):
        account = self.account.with_user(self.member)
        self.assertFalse(account.kam_service_model_suggested, "nothing known yet")
        for employees, expected in ((5000, "large"), (300, "medium"), (20, "small")):
            account.kam_employee_count = employees
            self.assertEqual(account.kam_service_model_suggested, expected)
        # Revenue alone makes a small company large.
        self._opportunity(self.account, won=True, revenue=600000.0)
        self.account.invalidate_recordset()
        self.assertEqual(account.kam_service_model_suggested, "large")

    def test_override_needs_a_reason(self):
        account = self.account.with_user(self.member)
        account.kam_employee_count = 5000
        with self.assertRefused(ValidationError, "Record the reason"):
            account.kam_service_model = "medium"
        account.write(
            {"kam_service_model": "medium", "kam_service_model_reason": "Pilot year"}
        )
        self.assertTrue(account.kam_service_model_differs)
        # Following the suggestion needs no reason.
        other = self._create_account("规模测试 Size Co", kam_employee_count=5000)
        other.with_user(self.member).kam_service_model = "large"
        self.assertFalse(other.kam_service_model_differs)

    def test_one_dedicated_manager_per_large_account(self):
        self.account.kam_service_model = "large"
        other = self._create_account("第二大客户 Second Large Co")
        with self.assertRefused(ValidationError, "dedicated key account manager"):
            other.write(
                {"kam_service_model": "large", "kam_manager_id": self.member.id}
            )
        # Several medium accounts share a manager; another manager takes the large one.
        other.write({"kam_service_model": "medium", "kam_manager_id": self.member.id})
        other.write(
            {
                "kam_service_model": "large",
                "kam_manager_id": self.outsider.id,
                "kam_service_model_reason": "Strategic",
            }
        )
        self.assertEqual(other.kam_manager_id, self.outsider)
        with self.assertRefused(ValidationError, "dedicated key account manager"):
            other.kam_manager_id = self.member

    def test_canvas_written_from_the_account_form(self):
        account = self.account.with_user(self.member)
        account.write(
            {
                "kam_canvas_customer_segments": "Commuters",
                "kam_canvas_revenue_streams": "Fares",
            }
        )
        canvas = self.env["kam.business.canvas"].search(
            [("partner_id", "=", self.account.id)]
        )
        self.assertEqual(len(canvas), 1)
        self.assertEqual(canvas.customer_segments, "Commuters")
        account.kam_canvas_customer_segments = "Commuters and advertisers"
        self.assertEqual(canvas.customer_segments, "Commuters and advertisers")
        self.assertEqual(
            self.env["kam.business.canvas"].search_count(
                [("partner_id", "=", self.account.id)]
            ),
            1,
        )
        # The manager reads it; moving it to another account is refused.
        self.assertEqual(
            self.account.with_user(self.manager).kam_canvas_revenue_streams, "Fares"
        )
        other = self._create_account(
            "画布测试 Canvas Co", kam_manager_id=self.member.id
        )
        with self.assertRefused(UserError, "stays with its account"):
            canvas.with_user(self.member).partner_id = other

    def test_canvas_refused_outside_the_team(self):
        self.account.with_user(self.member).kam_canvas_channels = "Stations"
        canvas = self.account.kam_business_canvas_ids
        # Another salesperson sees the account through the territory pool, not its
        # canvas, and cannot create one for it.
        self.assertFalse(self.account.with_user(self.outsider).kam_canvas_channels)
        with self.assertRefused(AccessError, ""):
            canvas.with_user(self.outsider).read(["channels"])
        with self.assertRefused(AccessError, ""):
            self.env["kam.business.canvas"].with_user(self.outsider).create(
                {"partner_id": self._create_account("Pool Co").id, "channels": "x"}
            )
        for user in (self.employee, self.portal):
            with self.assertRefused(AccessError, ""):
                canvas.with_user(user).read(["channels"])

    def test_account_plan_pdf_prints_the_canvas(self):
        self.account.with_user(
            self.member
        ).kam_canvas_value_propositions = "准点安全 Punctual and safe"
        account_plan = (
            self.env["kam.account.plan"]
            .with_user(self.member)
            .create({"partner_id": self.account.id})
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.member)
            ._render_qweb_html(
                "key_account_management.kam_account_plan_report", account_plan.ids
            )[0]
            .decode()
        )
        self.assertIn("Business Model Canvas", html)
        self.assertIn("准点安全 Punctual and safe", html)
        self.assertIn("Value Propositions", html)
