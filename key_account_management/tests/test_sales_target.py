# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date, datetime
from pathlib import Path

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamCommon


class SalesTargetCommon(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Target = cls.env["kam.sales.target"]
        # Q1 2025 targets: salesperson A's and the East territory's; B's in West.
        cls.target_a = cls.Target.create(
            {
                "territory_id": cls.territory_east.id,
                "user_id": cls.salesperson_a.id,
                "period_type": "quarter",
                "date_from": "2025-01-01",
                "target_listed": 4,
                "target_converted": 2,
                "target_revenue": 10000.0,
            }
        )
        cls.target_east = cls.Target.create(
            {
                "territory_id": cls.territory_east.id,
                "period_type": "quarter",
                "date_from": "2025-01-01",
                "target_listed": 10,
            }
        )
        cls.target_b_west = cls.Target.create(
            {
                "territory_id": cls.territory_west.id,
                "user_id": cls.salesperson_b.id,
                "period_type": "quarter",
                "date_from": "2025-01-01",
                "target_listed": 1,
            }
        )

    def _move(self, account, stage, when, salesperson=None, territory=None):
        """A stage history line as a lifecycle move writes it, dated ``when``."""
        return (
            self.env["kam.stage.history"]
            .sudo()
            .create(
                {
                    "partner_id": account.id,
                    "stage_to_id": stage.id,
                    "date": when,
                    "territory_id": (territory or self.territory_east).id,
                    "salesperson_id": (salesperson or self.salesperson_a).id,
                }
            )
        )

    def _won(self, account, revenue, closed, user=None, **vals):
        lead = self._opportunity(
            account,
            won=True,
            revenue=revenue,
            user_id=(user or self.salesperson_a).id,
            **vals,
        )
        lead.date_closed = closed
        return lead

    def _actuals(self, target):
        target.invalidate_recordset()
        return target.actual_listed, target.actual_converted, target.actual_revenue


@tagged("post_install", "-at_install")
class TestSalesTarget(SalesTargetCommon):
    def test_stage_measures_shipped(self):
        self.assertEqual(self.stage_listed.target_measure, "listed")
        self.assertEqual(self.stage_order.target_measure, "converted")
        others = (
            self.stage_target
            | self.stage_potential
            | self.stage_intent
            | self.stage_active
            | self.stage_churned
        )
        self.assertEqual(set(others.mapped("target_measure")), {"none"})

    def test_period_type_fills_end_date(self):
        self.assertEqual(self.target_a.date_to, date(2025, 3, 31))
        target = self.Target.create(
            {
                "territory_id": self.territory_west.id,
                "period_type": "month",
                "date_from": "2024-02-01",
            }
        )
        self.assertEqual(target.date_to, date(2024, 2, 29))
        target.period_type = "year"
        self.assertEqual(target.date_to, date(2024, 12, 31))
        # a custom period keeps the end date it is given
        target.write({"period_type": "custom", "date_to": "2024-06-15"})
        self.assertEqual(target.date_to, date(2024, 6, 15))

    def test_period_type_snaps_start_in_form(self):
        with Form(self.Target) as form:
            form.territory_id = self.territory_west
            form.period_type = "quarter"
            form.date_from = date(2025, 5, 17)
        target = form.save()
        self.assertEqual(
            (target.date_from, target.date_to), (date(2025, 4, 1), date(2025, 6, 30))
        )

    def test_listed_counts_only_the_targets_moves(self):
        acc = [self._create_account(name=f"Listed {i}") for i in range(7)]
        # counted for A and the East territory: first and last second of the period
        self._move(acc[0], self.stage_listed, datetime(2025, 1, 1, 0, 0, 0))
        self._move(acc[1], self.stage_listed, datetime(2025, 3, 31, 23, 59, 59))
        # listed twice (back and forth): one account
        self._move(acc[1], self.stage_listed, datetime(2025, 2, 1))
        # another salesperson of the territory: the territory's, not A's
        self._move(acc[2], self.stage_listed, datetime(2025, 2, 1), self.salesperson_b)
        # out of the period
        self._move(acc[3], self.stage_listed, datetime(2024, 12, 31, 23, 59, 59))
        self._move(acc[4], self.stage_listed, datetime(2025, 4, 1))
        # another territory
        self._move(
            acc[5],
            self.stage_listed,
            datetime(2025, 2, 1),
            territory=self.territory_west,
        )
        # stages that count for nothing, or for conversions
        self._move(acc[6], self.stage_potential, datetime(2025, 2, 1))
        self._move(acc[6], self.stage_churned, datetime(2025, 2, 2))
        self._move(acc[6], self.stage_order, datetime(2025, 2, 3))
        self.assertEqual(self._actuals(self.target_a)[0], 2)
        self.assertEqual(self._actuals(self.target_east)[0], 3)
        self.assertEqual(self.target_a.listed_rate, 50.0)
        self.assertEqual(self.target_east.listed_rate, 30.0)

    def test_converted_counts_the_converted_stage(self):
        acc = [self._create_account(name=f"Won {i}") for i in range(4)]
        self._move(acc[0], self.stage_order, datetime(2025, 2, 1))
        self._move(acc[1], self.stage_active, datetime(2025, 2, 1))
        self._move(acc[2], self.stage_listed, datetime(2025, 2, 1))
        self._move(acc[3], self.stage_order, datetime(2025, 5, 1))
        self._move(acc[3], self.stage_order, datetime(2025, 2, 1), self.salesperson_b)
        self.assertEqual(self._actuals(self.target_a)[:2], (1, 1))
        self.assertEqual(self._actuals(self.target_east)[:2], (1, 2))
        self.assertEqual(self.target_a.converted_rate, 50.0)

    def test_measure_is_data(self):
        """What counts is the stage's flag, not its code."""
        account = self._create_account()
        self._move(account, self.stage_potential, datetime(2025, 2, 1))
        self.assertEqual(self._actuals(self.target_a)[0], 0)
        self.stage_potential.target_measure = "listed"
        self.assertEqual(self._actuals(self.target_a)[0], 1)
        self.stage_potential.target_measure = "converted"
        self.assertEqual(self._actuals(self.target_a)[:2], (0, 1))

    def test_revenue_from_won_opportunities(self):
        east = self._create_account(name="East Co")
        west = self._create_account(name="West Co", territory=self.territory_west)
        contact = self.env["res.partner"].create(
            {"name": "Buyer 采购", "parent_id": east.id}
        )
        self._won(east, 1000.0, "2025-02-01 10:00:00")
        self._won(contact, 500.0, "2025-03-31 23:00:00")  # the account's contact
        self._won(east, 300.0, "2025-02-01 10:00:00", user=self.salesperson_b)
        self._won(east, 7000.0, "2025-04-01 00:00:00")  # out of the period
        self._won(west, 9000.0, "2025-02-01 10:00:00")  # another territory
        self._opportunity(east, revenue=8000.0, user_id=self.salesperson_a.id)
        lost = self._won(east, 6000.0, "2025-02-01 10:00:00")
        lost.action_archive()
        self.assertEqual(self._actuals(self.target_a)[2], 1500.0)
        self.assertEqual(self._actuals(self.target_east)[2], 1800.0)
        self.assertEqual(self.target_a.revenue_rate, 15.0)

    def test_achievement_averages_the_set_measures(self):
        account = self._create_account()
        self._move(account, self.stage_listed, datetime(2025, 2, 1))
        self._move(account, self.stage_order, datetime(2025, 3, 1))
        self._won(account, 10000.0, "2025-03-01 10:00:00")
        self._actuals(self.target_a)
        # listed 1/4, converted 1/2, revenue 10000/10000
        self.assertEqual(self.target_a.achievement_rate, round((25 + 50 + 100) / 3, 1))
        # only the listed target is set on the territory's: 1/10
        self._actuals(self.target_east)
        self.assertEqual(self.target_east.achievement_rate, 10.0)
        empty = self.Target.create(
            {"territory_id": self.territory_west.id, "date_from": "2025-01-01"}
        )
        self.assertEqual(empty.achievement_rate, 0.0)

    def test_report_rows_match_targets(self):
        account = self._create_account()
        self._move(account, self.stage_listed, datetime(2025, 2, 1))
        self._move(account, self.stage_order, datetime(2025, 3, 1))
        self._won(account, 2500.0, "2025-03-01 10:00:00")
        targets = self.target_a | self.target_east | self.target_b_west
        targets.invalidate_recordset()
        rows = self.env["kam.target.achievement.report"].search(
            [("target_id", "in", targets.ids)]
        )
        self.assertEqual(rows.mapped("target_id"), targets)
        fields = [
            "territory_id",
            "user_id",
            "date_from",
            "date_to",
            "target_listed",
            "actual_listed",
            "listed_rate",
            "target_converted",
            "actual_converted",
            "target_revenue",
            "actual_revenue",
            "revenue_rate",
        ]
        for row in rows:
            for name in fields:
                self.assertEqual(row[name], row.target_id[name], name)
        row_a = rows.filtered(lambda r: r.target_id == self.target_a)
        self.assertEqual(row_a.scope, "salesperson")
        self.assertEqual(
            (row_a.actual_listed, row_a.actual_converted, row_a.actual_revenue),
            (1, 1, 2500.0),
        )
        self.assertEqual(
            rows.filtered(lambda r: r.target_id == self.target_east).scope, "territory"
        )
        # the pivot's totals: grouped by territory, salespeople only
        groups = self.env["kam.target.achievement.report"]._read_group(
            [("target_id", "in", targets.ids), ("scope", "=", "salesperson")],
            ["territory_id"],
            ["target_listed:sum", "actual_revenue:sum"],
        )
        self.assertEqual(
            sorted((t.id, listed, revenue) for t, listed, revenue in groups),
            sorted(
                [(self.territory_east.id, 4, 2500.0), (self.territory_west.id, 1, 0.0)]
            ),
        )

    def test_dates_in_order(self):
        with self.assertRefused(ValidationError, "ends before it starts"):
            self.Target.create(
                {
                    "territory_id": self.territory_west.id,
                    "period_type": "custom",
                    "date_from": "2025-05-01",
                    "date_to": "2025-04-30",
                }
            )
        with self.assertRefused(ValidationError, "ends before it starts"):
            self.target_a.write({"period_type": "custom", "date_to": "2024-12-01"})
        self.assertEqual(self.target_a.date_to, date(2025, 3, 31))

    def test_salesperson_of_the_territory(self):
        with self.assertRefused(
            ValidationError, "is not a salesperson of the territory"
        ):
            self.Target.create(
                {
                    "territory_id": self.territory_west.id,
                    "user_id": self.salesperson_a.id,
                    "date_from": "2025-01-01",
                }
            )
        with self.assertRefused(
            ValidationError, "is not a salesperson of the territory"
        ):
            self.target_a.territory_id = self.territory_west
        self.assertEqual(self.target_a.territory_id, self.territory_east)

    def test_one_target_per_period(self):
        for user in (self.salesperson_a, self.env["res.users"]):
            with self.assertRefused(ValidationError, "already has a target for this"):
                self.Target.create(
                    {
                        "territory_id": self.territory_east.id,
                        "user_id": user.id,
                        "period_type": "quarter",
                        "date_from": "2025-01-01",
                    }
                )
        # another period, another salesperson: fine
        self.Target.create(
            [
                {
                    "territory_id": self.territory_east.id,
                    "user_id": self.salesperson_a.id,
                    "period_type": "year",
                    "date_from": "2025-01-01",
                },
                {
                    "territory_id": self.territory_east.id,
                    "user_id": self.salesperson_b.id,
                    "period_type": "quarter",
                    "date_from": "2025-01-01",
                },
            ]
        )

    def test_actuals_query_count_is_constant(self):
        def read_actuals(count):
            targets = self.Target.create(
                [
                    {
                        "territory_id": self.territory_east.id,
                        "period_type": "month",
                        "date_from": date(2000 + count, month, 1),
                        "target_listed": 1,
                        "target_revenue": 100.0,
                    }
                    for month in range(1, 13)
                ]
                + [
                    {
                        "territory_id": self.territory_east.id,
                        "user_id": self.salesperson_a.id,
                        "period_type": "month",
                        "date_from": date(2000 + count, month, 1),
                        "target_converted": 1,
                    }
                    for month in range(1, count - 11)
                ]
            )
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            targets.mapped("achievement_rate")
            return self.env.cr.sql_log_count - before

        self.assertEqual(read_actuals(13), read_actuals(20))

    def test_territory_smart_button(self):
        self.assertEqual(self.territory_east.sales_target_count, 2)
        action = self.territory_east.action_open_sales_targets()
        self.assertEqual(
            self.Target.search(action["domain"]), self.target_a | self.target_east
        )
        self.assertEqual(
            action["context"]["default_territory_id"], self.territory_east.id
        )

    def test_migration_marks_unset_stages_only(self):
        path = (
            Path(__file__).parents[1]
            / "migrations"
            / "18.0.1.2.0"
            / "post-target-measure.py"
        )
        spec = importlib.util.spec_from_file_location("post_target_measure", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        self.stage_listed.target_measure = "none"
        self.stage_order.target_measure = "listed"  # the company's own choice
        self.env.flush_all()
        module.migrate(self.env.cr, "18.0.1.1.0")
        module.migrate(self.env.cr, "18.0.1.1.0")  # idempotent
        self.env.invalidate_all()
        self.assertEqual(self.stage_listed.target_measure, "listed")
        self.assertEqual(self.stage_order.target_measure, "listed")


@tagged("post_install", "-at_install")
class TestSalesTargetSecurity(SalesTargetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.target_b_east = cls.Target.create(
            {
                "territory_id": cls.territory_east.id,
                "user_id": cls.salesperson_b.id,
                "period_type": "quarter",
                "date_from": "2025-01-01",
            }
        )
        cls.territory_manager = mail_new_test_user(
            cls.env,
            login="kam_territory_manager",
            name="Territory Manager",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        cls.territory_west.manager_id = cls.territory_manager
        cls.portal = mail_new_test_user(
            cls.env, login="kam_portal", name="Portal", groups="base.group_portal"
        )
        cls.all_targets = (
            cls.target_a | cls.target_east | cls.target_b_west | cls.target_b_east
        )

    def _visible(self, user, model="kam.sales.target"):
        field = "id" if model == "kam.sales.target" else "target_id"
        records = (
            self.env[model]
            .with_user(user)
            .search([(field, "in", self.all_targets.ids)])
        )
        return self.Target.browse(
            records.target_id.ids if field == "target_id" else records.ids
        )

    def test_salesperson_reads_own_and_territory_targets(self):
        for model in ("kam.sales.target", "kam.target.achievement.report"):
            # A: his own and East's whole-territory target, not his colleague's
            self.assertEqual(
                self._visible(self.salesperson_a, model),
                self.target_a | self.target_east,
            )
            # B (East and West): his own two and East's
            self.assertEqual(
                self._visible(self.salesperson_b, model),
                self.target_b_east | self.target_b_west | self.target_east,
            )
        with self.assertRaises(AccessError):
            self.target_b_east.with_user(self.salesperson_a).read(["target_listed"])

    def test_territory_manager_reads_his_territory(self):
        for model in ("kam.sales.target", "kam.target.achievement.report"):
            self.assertEqual(
                self._visible(self.territory_manager, model), self.target_b_west
            )

    def test_manager_reads_and_edits_all(self):
        for model in ("kam.sales.target", "kam.target.achievement.report"):
            self.assertEqual(self._visible(self.kam_manager, model), self.all_targets)
        Target = self.Target.with_user(self.kam_manager)
        target = Target.create(
            {
                "territory_id": self.territory_west.id,
                "user_id": self.salesperson_b.id,
                "period_type": "year",
                "date_from": "2025-01-01",
                "target_revenue": 5000.0,
            }
        )
        target.target_revenue = 6000.0
        self.assertEqual(target.target_revenue, 6000.0)
        target.unlink()
        self.assertFalse(target.exists())

    def test_salesperson_cannot_set_targets(self):
        Target = self.Target.with_user(self.salesperson_a)
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.target_a.with_user(self.salesperson_a).write({"target_listed": 1})
        with self.assertRefused(AccessError, "not allowed to create"):
            Target.create(
                {
                    "territory_id": self.territory_east.id,
                    "user_id": self.salesperson_a.id,
                    "period_type": "year",
                    "date_from": "2025-01-01",
                }
            )
        with self.assertRefused(AccessError, "not allowed to delete"):
            self.target_a.with_user(self.salesperson_a).unlink()
        self.assertEqual(self.target_a.target_listed, 4)

    def test_employee_and_portal_see_nothing(self):
        for user in (self.employee, self.portal):
            for model in ("kam.sales.target", "kam.target.achievement.report"):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.target_a.with_user(user).read(["target_listed"])
