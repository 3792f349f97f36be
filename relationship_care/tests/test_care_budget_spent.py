# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestCareBudgetSpent(RelationshipCareCase):
    """The budget's spent and remaining are stored (list sums, pivot, filter): every way a
    charged gift or the budget itself changes moves them, both ways."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "rc_gift_limit": 10000,
                "rc_gift_limit_year": 50000,
                "rc_gift_official_limit": 10000,
                "rc_gift_official_limit_year": 50000,
            }
        )
        cls.year = date.today().year
        Budget = cls.env["rc.care.budget"]
        cls.budget = Budget.create(
            {"account_id": cls.acc_a.id, "year": cls.year, "amount": 1000}
        )
        cls.budget_b = Budget.create(
            {"account_id": cls.acc_b.id, "year": cls.year, "amount": 500}
        )

    def _gift(self, amount, partner=None, day=None, submit=True):
        gift = self.env["rc.gift"].create(
            {
                "name": "Dinner",
                "gift_type": "hospitality",
                "partner_id": (partner or self.person_a).id,
                "amount": amount,
                "currency_id": self.company.currency_id.id,
                "date": day or date(self.year, 3, 1),
            }
        )
        if submit:
            gift.action_submit()
        return gift

    def _stored(self, budget):
        """The values in the database, not in the cache."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT spent, remaining, over_budget FROM rc_care_budget WHERE id = %s",
            [budget.id],
        )
        return self.env.cr.fetchone()

    def test_create_state_delete(self):
        gift = self._gift(300, submit=False)
        self.assertEqual(gift.budget_id, self.budget)
        self.assertEqual(self._stored(self.budget), (0, 1000, False))
        gift.action_submit()
        self.assertEqual(gift.state, "approved")
        self.assertEqual(self._stored(self.budget), (300, 700, False))
        gift.action_reset_draft()
        self.assertEqual(self._stored(self.budget), (0, 1000, False))
        gift.action_submit()
        gift.action_give()
        self.assertEqual(self._stored(self.budget), (300, 700, False))
        gift.unlink()
        self.assertEqual(self._stored(self.budget), (0, 1000, False))

    def test_value_change(self):
        gift = self._gift(300)
        # An approved gift that changes value is submitted again: charged at its new value.
        gift.with_user(self.user_a).amount = 1200
        self.assertEqual(gift.state, "to_approve")
        self.assertEqual(self._stored(self.budget), (1200, -200, True))
        self.assertEqual(
            self.env["rc.care.budget"].search(
                [("over_budget", "=", True), ("id", "in", self.budget.ids)]
            ),
            self.budget,
        )
        gift.with_user(self.user_a).amount = 100
        self.assertEqual(gift.state, "approved")
        self.assertEqual(self._stored(self.budget), (100, 900, False))

    def test_account_date_company_change(self):
        # As the server would (the team's own rules are tested elsewhere).
        gift = self._gift(300)
        # Another account's recipient: charged to that account's budget.
        gift.partner_id = self.person_b
        self.assertEqual(gift.budget_id, self.budget_b)
        self.assertEqual(self._stored(self.budget)[0], 0)
        self.assertEqual(self._stored(self.budget_b)[0], 300)
        gift.partner_id = self.person_a
        self.assertEqual(self._stored(self.budget)[0], 300)
        self.assertEqual(self._stored(self.budget_b)[0], 0)
        # Another year: no budget.
        gift.date = date(self.year + 1, 1, 5)
        self.assertFalse(gift.budget_id)
        self.assertEqual(self._stored(self.budget)[0], 0)
        gift.date = date(self.year, 6, 1)
        self.assertEqual(self._stored(self.budget)[0], 300)
        # Another company: that company's budget.
        other = self.env["res.company"].create({"name": "RC Budget Other Co"})
        budget_other = self.env["rc.care.budget"].create(
            {
                "account_id": self.acc_a.id,
                "year": self.year,
                "amount": 50,
                "company_id": other.id,
            }
        )
        gift.write({"company_id": other.id, "currency_id": other.currency_id.id})
        self.assertEqual(gift.budget_id, budget_other)
        self.assertEqual(self._stored(self.budget)[0], 0)
        self.assertEqual(self._stored(budget_other)[:2], (300, -250))
        gift.write(
            {"company_id": self.company.id, "currency_id": self.company.currency_id.id}
        )
        self.assertEqual(self._stored(self.budget)[0], 300)
        self.assertEqual(self._stored(budget_other)[0], 0)

    def test_recipient_moves_to_another_account(self):
        gift = self._gift(300)
        # The recipient joins another company: the stored account follows, the budget too.
        self.person_a.parent_id = self.acc_b
        self.assertEqual(gift.account_id, self.acc_b)
        self.assertEqual(self._stored(self.budget)[0], 0)
        self.assertEqual(self._stored(self.budget_b)[0], 300)

    def test_budget_keys_change(self):
        gift = self._gift(300)
        self._gift(200, partner=self.person_b)
        self.budget.year = self.year + 1
        self.assertFalse(gift.budget_id)
        self.assertEqual(self._stored(self.budget)[0], 0)
        self.budget.year = self.year
        self.assertEqual(gift.budget_id, self.budget)
        self.assertEqual(self._stored(self.budget)[0], 300)
        # Swapped accounts: each budget now charges the other account's gifts.
        self.budget_b.account_id = self.env["res.partner"].create(
            {"name": "RC Budget Spare", "is_company": True}
        )
        self.budget.account_id = self.acc_b
        self.budget_b.account_id = self.acc_a
        self.assertEqual(self._stored(self.budget)[:2], (200, 800))
        self.assertEqual(self._stored(self.budget_b)[:2], (300, 200))
        # The gifts point at their new budget: a later change still moves the right one.
        self.assertEqual(gift.budget_id, self.budget_b)
        gift.action_reset_draft()
        self.assertEqual(self._stored(self.budget_b)[0], 0)
        self.assertEqual(self._stored(self.budget)[0], 200)

    def test_budget_created_after_gifts(self):
        gift = self._gift(300, day=date(self.year + 1, 2, 1))
        self.assertFalse(gift.budget_id)
        budget = self.env["rc.care.budget"].create(
            {"account_id": self.acc_a.id, "year": self.year + 1, "amount": 250}
        )
        self.assertEqual(gift.budget_id, budget)
        self.assertEqual(self._stored(budget), (300, -50, True))
        budget.unlink()
        self.assertFalse(gift.budget_id)

    def test_other_year_and_account_do_not_count(self):
        self._gift(300)
        self._gift(400, day=date(self.year - 1, 12, 31))
        self._gift(450, day=date(self.year + 1, 1, 1))
        self._gift(50, partner=self.person_b)
        self.assertEqual(self._stored(self.budget)[0], 300)
        self.assertEqual(self._stored(self.budget_b)[0], 50)

    def test_pivot_sums(self):
        self._gift(300)
        self._gift(50, partner=self.person_b)
        budgets = self.budget | self.budget_b
        groups = self.env["rc.care.budget"]._read_group(
            [("id", "in", budgets.ids)],
            ["year"],
            ["amount:sum", "spent:sum", "remaining:sum"],
        )
        self.assertEqual(groups, [(self.year, 1500, 350, 1150)])
        # Sorted by what is left: the list can order by the stored field.
        self.assertEqual(
            self.env["rc.care.budget"].search(
                [("id", "in", budgets.ids)], order="remaining"
            ),
            self.budget_b | self.budget,
        )

    def test_budget_link_not_set_by_client(self):
        gift = self._gift(300, submit=False)
        Gift = self.env["rc.gift"].with_user(self.user_a)
        # Pointed at another budget (or none), an over-budget gift would escape its
        # approval: refused, the link stays computed.
        with self.assertRaises(UserError):
            gift.with_user(self.user_a).write({"budget_id": False})
        with self.assertRaises(UserError):
            gift.with_user(self.user_a).write({"budget_id": self.budget_b.id})
        self.assertEqual(gift.budget_id, self.budget)
        vals = {
            "name": "Banquet",
            "partner_id": self.person_a.id,
            "amount": 1500,
            "date": date(self.year, 3, 1),
        }
        with self.assertRaises(UserError):
            Gift.create(dict(vals, budget_id=self.budget_b.id))
        banquet = Gift.create(dict(vals, budget_id=False))
        self.assertEqual(banquet.budget_id, self.budget)
        self.assertTrue(banquet.over_budget)
        banquet.action_submit()
        self.assertEqual(banquet.state, "to_approve")
