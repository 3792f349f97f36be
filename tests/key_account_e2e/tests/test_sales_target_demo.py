# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSalesTargetDemo(TransactionCase):
    """The demo's sales targets: this year's, read by whom the rules say, with actuals
    that agree with the stage history and the won deals counted through the ORM."""

    def setUp(self):
        super().setUp()
        self.target_wang = self.env.ref(
            "key_account_management.kam_sales_target_wang", False
        )
        if not self.target_wang:
            self.skipTest("needs the demo data")
        ref = self.env.ref
        self.wang = ref("key_account_management.user_kam_wang")
        self.lin = ref("key_account_management.user_kam_lin")
        self.chen = ref("key_account_management.user_kam_chen")
        self.demo_targets = (
            ref("key_account_management.kam_sales_target_east")
            | self.target_wang
            | ref("key_account_management.kam_sales_target_wang_quarter")
            | ref("key_account_management.kam_sales_target_li")
            | ref("key_account_management.kam_sales_target_zhao")
        )

    def test_this_years_targets_of_the_grid(self):
        today = datetime.now().date()
        for target in self.demo_targets:
            self.assertLessEqual(target.date_from, today)
            self.assertGreaterEqual(target.date_to, today)
            if target.user_id:
                self.assertIn(target.user_id, target.territory_id.user_ids)
        self.assertEqual(
            {login for login in self.demo_targets.user_id.mapped("login")},
            {"kam.wang", "kam.li", "kam.zhao"},
        )

    def test_who_reads_the_targets(self):
        Target = self.env["kam.sales.target"]
        domain = [("id", "in", self.demo_targets.ids)]
        east = self.env.ref("key_account_management.kam_sales_target_east")
        wang_targets = self.demo_targets.filtered(lambda t: t.user_id == self.wang)
        self.assertEqual(
            Target.with_user(self.wang).search(domain), wang_targets | east
        )
        self.assertFalse(Target.with_user(self.lin).search(domain))
        self.assertEqual(Target.with_user(self.chen).search(domain), self.demo_targets)

    def test_actuals_agree_with_the_orm(self):
        """The SQL view's actuals, counted again with ORM domains."""
        History = self.env["kam.stage.history"]
        Lead = self.env["crm.lead"]
        for target in self.demo_targets:
            start = datetime.combine(target.date_from, time.min)
            end = datetime.combine(target.date_to + timedelta(days=1), time.min)
            moves = [
                ("territory_id", "=", target.territory_id.id),
                ("date", ">=", start),
                ("date", "<", end),
            ]
            leads = [
                (
                    "partner_id.commercial_partner_id.kam_territory_id",
                    "=",
                    target.territory_id.id,
                ),
                ("stage_id.is_won", "=", True),
                ("date_closed", ">=", start),
                ("date_closed", "<", end),
            ]
            if target.user_id:
                moves.append(("salesperson_id", "=", target.user_id.id))
                leads.append(("user_id", "=", target.user_id.id))
            for measure, actual in (
                ("listed", target.actual_listed),
                ("converted", target.actual_converted),
            ):
                accounts = History.search(
                    moves + [("stage_to_id.target_measure", "=", measure)]
                ).partner_id
                self.assertEqual(
                    actual, len(accounts), f"{target.display_name} {measure}"
                )
            self.assertAlmostEqual(
                target.actual_revenue,
                sum(Lead.search(leads).mapped("expected_revenue")),
                msg=target.display_name,
            )
