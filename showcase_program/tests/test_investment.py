# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestInvestment(ShowcaseCommon):
    """Investment level and yearly support budget per showcase level, actual spend per
    showcase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = mail_new_test_user(
            cls.env, login="sc_invest_portal", name="Portal", groups="base.group_portal"
        )
        cls.employee = mail_new_test_user(
            cls.env,
            login="sc_invest_employee",
            name="Employee",
            groups="base.group_user",
        )
        cls.team_a.member_ids = cls.salesperson_a
        cls.showcase = cls._create_showcase(level="city")
        cls.env["sc.level.investment"].search([("level", "=", "city")]).write(
            {"budget": 1000, "investment_level": "medium"}
        )

    def _spend(self, amount, user=None, days_ago=0):
        return (
            self.env["sc.showcase.expense"]
            .with_user(user or self.salesperson_a)
            .create(
                {
                    "showcase_id": self.showcase.id,
                    "name": "Booth",
                    "category": "marketing",
                    "amount": amount,
                    "date": fields.Date.today() - timedelta(days=days_ago),
                }
            )
        )

    def test_budget_and_spend_by_level(self):
        showcase = self.showcase.with_user(self.salesperson_a)
        self.assertEqual(showcase.investment_level, "medium")
        self.assertEqual(showcase.investment_budget, 1000)
        self._spend(300)
        self._spend(900, days_ago=400)  # last year: not this year's spend
        showcase.invalidate_recordset()
        self.assertEqual(showcase.investment_spent, 300)
        self.assertEqual(showcase.investment_remaining, 700)
        # Next year's setting does not apply yet.
        self.env["sc.level.investment"].create(
            {
                "level": "city",
                "year": fields.Date.today().year + 1,
                "investment_level": "high",
                "budget": 9000,
            }
        )
        showcase.invalidate_recordset()
        self.assertEqual(showcase.investment_budget, 1000)
        # Promoted to national: the national level's investment applies.
        self.showcase.level = "national"
        national = self.env["sc.level.investment"].search([("level", "=", "national")])
        self.assertEqual(self.showcase.investment_level, national.investment_level)
        self.assertEqual(self.showcase.investment_budget, national.budget)

    def test_spend_rights(self):
        expense = self._spend(100)
        # Another branch's salesperson, an employee, a portal user: no access.
        with self.assertRaises(AccessError):
            expense.with_user(self.salesperson_b).read(["amount"])
        with self.assertRaises(AccessError):
            self._spend(50, user=self.salesperson_b)
        for user in (self.employee, self.portal):
            with self.assertRaises(AccessError):
                expense.with_user(user).read(["amount"])
        # The branch does not delete spend; a manager does.
        with self.assertRaises(AccessError):
            expense.with_user(self.salesperson_a).unlink()
        expense.with_user(self.manager).unlink()
        self.assertFalse(expense.exists())

    def test_level_settings_rights_and_input(self):
        setting = self.env["sc.level.investment"].search([("level", "=", "city")])
        self.assertEqual(
            setting.with_user(self.salesperson_a).read(["budget"])[0]["budget"], 1000
        )
        with self.assertRaises(AccessError):
            setting.with_user(self.salesperson_a).budget = 5
        setting.with_user(self.manager).budget = 2000
        self.assertEqual(self.showcase.investment_budget, 2000)
        with self.assertRaises(ValidationError):
            setting.budget = -1
        with self.assertRaises(ValidationError):
            self._spend(0)
