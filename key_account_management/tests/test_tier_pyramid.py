# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestTierPyramid(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Pyramid Co"})
        Partner = cls.env["res.partner"].with_context(tracking_disable=True)
        cls.accounts = Partner.create(
            [
                {
                    "name": f"Pyramid {tier} {i}",
                    "is_company": True,
                    "company_id": cls.company.id,
                    "kam_tier": tier,
                    "kam_tier_reason": "test",
                }
                for tier, count in (("key", 2), ("potential", 8))
                for i in range(count)
            ]
        )
        cls.key_contact = Partner.create(
            {"name": "Key contact", "parent_id": cls.accounts[0].id}
        )
        cls.potential_contact = Partner.create(
            {"name": "Potential contact", "parent_id": cls.accounts[-1].id}
        )
        start = fields.Datetime.now() - timedelta(days=2)
        cls.env["calendar.event"].create(
            {
                "name": "Three-hour workshop",
                "start": start,
                "stop": start + timedelta(hours=3),
                "partner_ids": [(6, 0, cls.key_contact.ids)],
            }
        )
        activity = cls.potential_contact.activity_schedule(
            "mail.mail_activity_data_call", summary="Call"
        )
        activity.action_feedback(feedback="Done")
        cls.env.flush_all()

    def _by_tier(self, env=None):
        Report = (env or self.env)["kam.tier.pyramid.report"]
        groups = Report._read_group(
            [("company_id", "=", self.company.id)],
            ["tier"],
            ["account_share:sum", "time_share:sum", "logged_hours:sum", "__count"],
        )
        return {tier: values for tier, *values in groups}

    def test_share_of_accounts_against_share_of_logged_time(self):
        by_tier = self._by_tier()
        key_accounts, key_time, key_hours, key_count = by_tier["key"]
        self.assertEqual(key_count, 2)
        self.assertAlmostEqual(key_accounts, 20.0, places=1)
        self.assertAlmostEqual(key_hours, 3.0, places=1)
        # 3 hours of meetings against half an hour for the done call.
        self.assertAlmostEqual(key_time, 300 / 3.5, places=1)
        potential_accounts, potential_time, potential_hours, _count = by_tier[
            "potential"
        ]
        self.assertAlmostEqual(potential_accounts, 80.0, places=1)
        self.assertAlmostEqual(potential_hours, 0.5, places=1)
        self.assertAlmostEqual(potential_time + key_time, 100.0, places=1)

    def test_salesperson_sees_own_accounts_only(self):
        user = new_test_user(
            self.env,
            login="kam_pyramid_sales",
            groups="base.group_user,key_account_management.group_kam_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.accounts[0].kam_manager_id = user
        rows = self.env["kam.tier.pyramid.report"].with_user(user).search([])
        self.assertEqual(rows.partner_id, self.accounts[0])
