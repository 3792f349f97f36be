# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestGift(RelationshipCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tracking on: the chatter is the audit trail.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.write(
            {
                "rc_gift_limit": 500,
                "rc_gift_limit_year": 2000,
                "rc_gift_official_limit": 200,
                "rc_gift_official_limit_year": 200,
            }
        )
        cls.official = cls.env["res.partner"].create(
            {"name": "Official", "parent_id": cls.acc_a.id, "rc_public_official": True}
        )

    def _gift(self, partner, amount, user=None):
        Gift = self.env["rc.gift"].with_user(user or self.user_a)
        return Gift.create(
            {
                "name": "Tea",
                "partner_id": partner.id,
                "amount": amount,
                "currency_id": self.company.currency_id.id,
            }
        )

    def test_within_limit_goes_straight(self):
        gift = self._gift(self.person_a, 300)
        self.assertFalse(gift.over_limit)
        gift.action_submit()
        self.assertEqual(gift.state, "approved")
        gift.action_give()
        self.assertEqual(gift.state, "given")
        self.assertEqual(gift.interaction_id.interaction_type, "gift")
        self.assertEqual(gift.interaction_id.account_id, self.acc_a)

    def test_over_limit_needs_approval(self):
        gift = self._gift(self.person_a, 800)
        self.assertTrue(gift.over_limit)
        gift.action_submit()
        self.assertEqual(gift.state, "to_approve")
        self.assertIn(gift.validation_status, ("waiting", "pending"))
        with self.assertRaises(UserError):
            gift.action_give()
        with self.assertRaises(UserError):
            gift.write({"state": "given"})
        # No context key grants the transition any more (issue 9).
        with self.assertRaises(UserError):
            gift.with_context(rc_gift_transition=True).write({"state": "approved"})
        # The salesperson asked for the approval: he cannot give it (four eyes).
        with self.assertRaises(UserError):
            gift.with_user(self.user_a).validate_tier()
        self.assertEqual(gift.state, "to_approve")
        gift.with_user(self.manager).validate_tier()
        self.assertEqual(gift.state, "approved")
        gift.action_give()
        self.assertEqual(gift.state, "given")
        # Audit trail: the state changes are tracked in the chatter.
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = gift.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertTrue(tracked)
        review = gift.sudo().review_ids
        self.assertEqual((review.status, review.done_by), ("approved", self.manager))
        with self.assertRaises(UserError):
            gift.write({"amount": 10})

    def test_refused_stays_refused(self):
        gift = self._gift(self.person_a, 900)
        gift.action_submit()
        gift.with_user(self.manager).reject_tier()
        self.assertEqual(gift.state, "refused")
        self.assertEqual(gift.validation_status, "rejected")
        self.assertTrue(gift.review_ids)
        for action in (gift.action_give, gift.action_submit, gift.action_reset_draft):
            with self.assertRaises(UserError):
                action()
        with self.assertRaises(UserError):
            gift.write({"amount": 100})
        self.assertEqual(gift.state, "refused")

    def test_public_official_strict_rule(self):
        small = self._gift(self.official, 150)
        self.assertFalse(small.over_limit)
        small.action_submit()
        self.assertEqual(small.state, "approved")
        normal = self._gift(self.person_a, 300)
        official = self._gift(self.official, 300)
        self.assertFalse(normal.over_limit)
        self.assertTrue(official.over_limit)
        official.action_submit()
        self.assertEqual(official.state, "to_approve")
        # The yearly rule for officials counts every gift of the year.
        second = self._gift(self.official, 40)
        self.assertTrue(second.over_limit)
        self.assertIn("yearly", second.limit_message)

    def test_yearly_limit_per_recipient(self):
        self.company.rc_gift_limit_year = 700
        first = self._gift(self.person_a, 400)
        first.action_submit()
        second = self._gift(self.person_a, 400)
        self.assertEqual(second.year_total, 800)
        self.assertTrue(second.over_limit)

    def test_bad_input(self):
        count = self.env["rc.gift"].search_count([])
        with self.assertRaises(ValidationError):
            self._gift(self.person_a, -5)
        with self.assertRaises(ValidationError):
            self._gift(self.acc_a, 50)
        with self.assertRaises(UserError):
            self.env["rc.gift"].with_user(self.user_a).create(
                {
                    "name": "X",
                    "partner_id": self.person_a.id,
                    "amount": 10,
                    "state": "given",
                }
            )
        with self.assertRaises(ValidationError):
            self.company.rc_gift_official_limit = 900
        self.assertEqual(self.env["rc.gift"].search_count([]), count)

    def test_form_has_tier_buttons(self):
        view = self.env["rc.gift"].with_user(self.manager).get_view(view_type="form")
        arch = view["arch"]
        arch = arch.decode() if isinstance(arch, bytes) else arch
        self.assertIn("validate_tier", arch)
        self.assertIn("reject_tier", arch)
        self.assertIn("request_validation", arch)

    def test_limits_in_company_currency(self):
        foreign = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search(
                [
                    ("id", "!=", self.company.currency_id.id),
                    ("name", "in", ["EUR", "USD", "CNY"]),
                ],
                limit=1,
            )
        )
        foreign.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": foreign.id,
                "rate": 0.5,
                "name": "2020-01-01",
                "company_id": self.company.id,
            }
        )
        gift = self.env["rc.gift"].create(
            {
                "name": "Wine",
                "partner_id": self.person_a.id,
                "amount": 300,
                "currency_id": foreign.id,
            }
        )
        # 300 foreign = 600 in company currency: above the 500 limit.
        self.assertAlmostEqual(gift.amount_company, 600, places=2)
        self.assertTrue(gift.over_limit)

    def test_yearly_totals_in_one_query_per_batch(self):
        gifts = self.env["rc.gift"].create(
            [
                {
                    "name": f"Mooncake {i}",
                    "partner_id": person.id,
                    "amount": 100,
                    "currency_id": self.company.currency_id.id,
                }
                for i in range(10)
                for person in (self.person_a, self.official)
            ]
        )
        # Each recipient's yearly total counts the other gifts of the batch.
        to_person = gifts.filtered(lambda g: g.partner_id == self.person_a)
        self.assertEqual(set(to_person.mapped("year_total")), {1000})
        to_official = gifts - to_person
        self.assertTrue(all(to_official.mapped("over_limit")))
        # Recomputing the batch costs the same queries for 20 gifts as for 2.
        fields_ = [
            self.env["rc.gift"]._fields[name]
            for name in ("amount_company", "year_total")
        ]

        def recompute(records):
            self.env.flush_all()
            self.env.invalidate_all()
            for field in fields_:
                self.env.add_to_compute(field, records)
            self.env.flush_all()

        recompute(gifts)  # warm-up
        # Counts the recomputation of the compliance fields (amount_company, year_total,
        # over_limit) for a batch: reading the gifts and their recipients, the currency
        # conversion, the one search of the recipients' other gifts of those years, and
        # the update of the stored values: the same 5 for 20 gifts as for 2.
        with self.assertQueryCount(5):
            recompute(gifts)
        with self.assertQueryCount(5):
            recompute(gifts[:2])
        self.assertEqual(set(to_person.mapped("year_total")), {1000})
