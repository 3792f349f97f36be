# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestCareBudget(RelationshipCareCase):
    """Care and hospitality budget per account and year: gifts, hospitality and event
    invitations charged to it, beyond it a manager's approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # Limits high enough that only the budget asks for an approval.
        cls.company.write(
            {
                "rc_gift_limit": 10000,
                "rc_gift_limit_year": 50000,
                "rc_gift_official_limit": 10000,
                "rc_gift_official_limit_year": 50000,
            }
        )
        cls.year = fields.Date.today().year
        cls.budget = cls.env["rc.care.budget"].create(
            {"account_id": cls.acc_a.id, "year": cls.year, "amount": 1000}
        )
        cls.portal = new_test_user(
            cls.env, login="rc_budget_portal", groups="base.group_portal"
        )
        cls.employee = new_test_user(
            cls.env, login="rc_budget_employee", groups="base.group_user"
        )

    def _gift(self, amount, gift_type="gift", user=None):
        return (
            self.env["rc.gift"]
            .with_user(user or self.user_a)
            .create(
                {
                    "name": "Dinner",
                    "gift_type": gift_type,
                    "partner_id": self.person_a.id,
                    "amount": amount,
                    "currency_id": self.company.currency_id.id,
                }
            )
        )

    def test_charged_and_remaining(self):
        dinner = self._gift(400, "hospitality")
        self.assertEqual(dinner.budget_id, self.budget)
        self.assertEqual(dinner.budget_remaining, 1000)
        dinner.action_submit()
        self.assertEqual(dinner.state, "approved")
        invitation = self._gift(350, "event")
        self.assertEqual(invitation.budget_remaining, 600)
        self.assertFalse(invitation.over_budget)
        invitation.action_submit()
        self.budget.invalidate_recordset()
        self.assertEqual(self.budget.spent, 750)
        self.assertEqual(self.budget.remaining, 250)
        # Drafts and refused gifts are not charged; another account's budget is apart.
        self._gift(100)
        self.budget.invalidate_recordset()
        self.assertEqual(self.budget.spent, 750)
        gift_b = self.env["rc.gift"].create(
            {"name": "Tea", "partner_id": self.person_b.id, "amount": 50}
        )
        self.assertFalse(gift_b.budget_id)

    def test_over_budget_needs_approval(self):
        self._gift(900).action_submit()
        gift = self._gift(300)
        self.assertTrue(gift.over_budget)
        self.assertFalse(gift.over_limit)
        gift.action_submit()
        self.assertEqual(gift.state, "to_approve")
        with self.assertRaises(UserError):
            gift.action_give()
        # Four eyes: the salesperson does not approve his own gift.
        with self.assertRaises(UserError):
            gift.with_user(self.user_a).validate_tier()
        gift.with_user(self.manager).validate_tier()
        self.assertEqual(gift.state, "approved")
        self.assertEqual(len(gift.review_ids), 1)

    def test_budget_rights(self):
        # The account team reads its budget, does not set it.
        self.assertEqual(
            self.env["rc.care.budget"].with_user(self.user_a).search([]), self.budget
        )
        with self.assertRaises(AccessError):
            self.budget.with_user(self.user_a).amount = 5000
        with self.assertRaises(AccessError):
            self.env["rc.care.budget"].with_user(self.user_a).create(
                {"account_id": self.acc_a.id, "year": self.year + 1, "amount": 1}
            )
        # Another team, an employee without key-account rights, a portal user: nothing.
        self.assertFalse(self.env["rc.care.budget"].with_user(self.user_b).search([]))
        with self.assertRaises(AccessError):
            self.budget.with_user(self.user_b).read(["amount"])
        for user in (self.employee, self.portal):
            with self.assertRaises(AccessError):
                self.budget.with_user(user).read(["amount"])
        # The manager sets budgets.
        Budget = self.env["rc.care.budget"].with_user(self.manager)
        Budget.create({"account_id": self.acc_b.id, "year": self.year, "amount": 10})
        self.budget.with_user(self.manager).amount = 1200
        self.assertEqual(self.budget.amount, 1200)

    def test_budget_bad_input(self):
        with self.assertRaises(ValidationError):
            self.budget.amount = -1
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env["rc.care.budget"].create(
                    {"account_id": self.acc_a.id, "year": self.year, "amount": 5}
                )
