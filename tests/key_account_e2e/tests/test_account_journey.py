# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.key_account_management.tests.common import KamCommon


@tagged("post_install", "-at_install")
class TestAccountJourney(KamCommon):
    """A pool account is claimed, worked, won, goes idle, churns and comes back."""

    def test_journey(self):
        account = self._create_account(name="旅程客户 Journey Co")
        sales = self.salesperson_a
        with freeze_time(fields.Datetime.now() - timedelta(days=60)):
            account.with_user(sales).action_kam_claim()
            self.env["res.partner"].create(
                {"name": "CIO 王先生", "parent_id": account.id}
            )
            account.with_user(sales).action_kam_advance()
            self._opportunity(account, user_id=sales.id)
            account.with_user(sales).action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_intent)
        # Sixty days without a sales action: the claim expires, the account stays put.
        self.assertEqual(self.env["res.partner"]._cron_release_expired_claims(), 1)
        self.assertFalse(account.kam_claim_user_id)
        self.assertEqual(account.kam_stage_id, self.stage_intent)
        # The manager wins the deal and assigns the account.
        manager_env = account.with_user(self.kam_manager)
        self._opportunity(account, won=True, revenue=250000)
        manager_env.kam_manager_id = sales
        manager_env.action_kam_advance()
        manager_env.action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_active)
        account.invalidate_recordset()  # a new request reads the value afresh
        self.assertEqual(account.kam_won_revenue_12m, 250000)
        self.assertIn(account, self.env["res.partner"].with_user(sales).search([]))
        manager_env.action_kam_mark_churned()
        manager_env.action_kam_reactivate()
        self.assertEqual(account.kam_stage_id, self.stage_potential)
        account.invalidate_recordset()
        codes = [h.stage_to_id.code for h in account.kam_stage_history_ids.sorted("id")]
        self.assertEqual(
            codes,
            [
                "target",
                "listed",
                "potential",
                "intent",
                "order",
                "active",
                "churned",
                "potential",
            ],
        )
        report = self.env["kam.funnel.report"].search([("partner_id", "=", account.id)])
        self.assertEqual(len(report), 8)
        self.assertEqual(
            report.filtered(lambda r: r.stage_id == self.stage_listed).days_in_stage,
            0.0,
        )
