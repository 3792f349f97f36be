# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import KamChainCommon


@tagged("post_install", "-at_install")
class TestEarlyWarning(KamChainCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(
            "key_account_management.mail_activity_type_kam_warning"
        )

    def setUp(self):
        super().setUp()
        # A fresh interaction: the healthy account has no signal at all.
        self._note(self.approver)

    def _rate(self):
        self.env["res.partner"]._cron_kam_early_warning()
        return self.account.kam_warning_level

    def _codes(self):
        return [
            code
            for code, _l, _m in self.account._kam_warning_signals()[self.account.id]
        ]

    def _warning_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.account.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_healthy_account_is_green(self):
        self.assertEqual(self._codes(), [])
        self.assertEqual(self._rate(), "green")
        self.assertFalse(self.account.kam_warning_summary)
        self.assertEqual(
            self.account.kam_warning_date, fields.Date.context_today(self.account)
        )

    def test_no_interaction_amber_then_red(self):
        self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.approver.id)]
        ).unlink()
        self.assertEqual(self._codes(), ["no_interaction"])
        self.assertEqual(self._rate(), "amber")
        self.assertIn("No interaction recorded yet", self.account.kam_warning_summary)
        self._note(self.coach, days_ago=45)  # key tier gap: 30 days
        self.assertEqual(self._rate(), "amber")
        self.assertIn(
            "No interaction for 45 days (limit 30)", self.account.kam_warning_summary
        )
        self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.coach.id)]
        ).sudo().date = fields.Datetime.now() - timedelta(days=61)
        self.assertEqual(self._rate(), "red")

    def test_past_meeting_counts_as_interaction(self):
        self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.approver.id)]
        ).unlink()
        self.env["calendar.event"].create(
            {
                "name": "Lunch",
                "start": fields.Datetime.now() - timedelta(days=3),
                "stop": fields.Datetime.now() - timedelta(days=3, hours=-1),
                "partner_ids": [(6, 0, self.coach.ids)],
            }
        )
        self.assertEqual(self._codes(), [])
        self.assertTrue(self.account.kam_last_interaction_date)
        self.assertEqual(self.coach.kam_interaction_age, 3)

    def test_falling_revenue_is_amber(self):
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead = self.env["crm.lead"].create(
            {
                "name": "Last year's deal",
                "type": "opportunity",
                "partner_id": self.account.id,
                "expected_revenue": 5000,
                "stage_id": won.id,
            }
        )
        lead.date_closed = fields.Datetime.now() - timedelta(days=400)
        self.account.invalidate_recordset()
        self.assertEqual(self.account.kam_revenue_trend, "down")
        self.assertEqual(self._codes(), ["revenue_down"])
        self.assertEqual(self._rate(), "amber")

    def test_decision_maker_attitude_drop_is_red(self):
        self.decision_maker.with_user(self.member).kam_attitude = "contact"
        self.assertEqual(self._codes(), ["attitude_drop"])
        self.assertEqual(self._rate(), "red")
        self.assertIn(
            "dropped from Supportive to Contact", self.account.kam_warning_summary
        )

    def test_influencer_attitude_drop_is_no_signal(self):
        self.influencer.kam_attitude = "opposed"
        self.assertEqual(self._codes(), [])

    def test_key_person_leaving_is_amber(self):
        self.supporter.kam_has_left = True
        self.assertEqual(self._codes(), ["key_person_left"])
        self.assertEqual(self._rate(), "amber")
        self.supporter.kam_has_left = False
        self.assertFalse(self.supporter.kam_left_date)
        self.assertEqual(self._codes(), [])
        self.influencer.kam_is_key_person = True
        self.influencer.active = False
        self.assertIn("key_person_left", self._codes())

    def test_single_threaded_is_amber(self):
        self.coach.kam_decision_role = "supporter"
        self.assertEqual(self._codes(), ["single_threaded"])
        self.assertEqual(self._rate(), "amber")
        self.assertIn("No known Coach", self.account.kam_warning_summary)

    def test_three_amber_signals_are_red(self):
        self.coach.kam_decision_role = "supporter"
        self.supporter.kam_has_left = True
        self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.approver.id)]
        ).unlink()
        self.assertEqual(len(self._codes()), 3)
        self.assertEqual(self._rate(), "red")

    def test_cron_twice_schedules_one_activity_and_changes_nothing(self):
        self.decision_maker.kam_attitude = "opposed"
        self.assertEqual(self._rate(), "red")
        activity = self._warning_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.member)
        messages = self.account.message_ids
        write_date = self.account.write_date
        self.assertEqual(self._rate(), "red")
        self.assertEqual(self._warning_activities(), activity)
        self.assertEqual(self.account.message_ids, messages)
        self.assertEqual(self.account.write_date, write_date)
        # Back to green, then red again: a new red rating, one more activity once the
        # previous one is done.
        activity.action_feedback(feedback="Called the CTO")
        self.decision_maker.kam_attitude = "supportive"
        self.env["kam.attitude.history"].search(
            [("partner_id", "=", self.decision_maker.id)]
        ).unlink()
        self.assertEqual(self._rate(), "green")
        self.decision_maker.kam_attitude = "opposed"
        self.assertEqual(self._rate(), "red")
        self.assertEqual(len(self._warning_activities()), 1)
        self.assertEqual(self._rate(), "red")
        self.assertEqual(len(self._warning_activities()), 1)

    def test_account_leaving_the_key_tier_loses_its_rating(self):
        self.decision_maker.kam_attitude = "opposed"
        self._rate()
        self.account.write({"kam_tier": "regular"})
        self.env["res.partner"]._cron_kam_early_warning()
        self.assertFalse(self.account.kam_warning_level)

    def test_hook_can_add_signals(self):
        Partner = type(self.env["res.partner"])
        original = Partner._kam_warning_signals

        def extended(records):
            signals = original(records)
            for account_id in signals:
                signals[account_id].append(
                    ("sla_breach", "red", "VIP request breached")
                )
            return signals

        Partner._kam_warning_signals = extended
        try:
            self.assertEqual(self._rate(), "red")
        finally:
            Partner._kam_warning_signals = original
        self.assertIn("VIP request breached", self.account.kam_warning_summary)

    def test_batches_give_the_same_ratings(self):
        other = self._create_chain_account("第二客户 Second Co")
        other.kam_person_ids.filtered(lambda p: p.kam_decision_role == "coach").unlink()
        self.env["res.partner"]._cron_kam_early_warning(batch_size=1)
        self.assertEqual(self.account.kam_warning_level, "green")
        self.assertEqual(other.kam_warning_level, "amber")
        self.assertEqual(
            self.env["res.partner"]._cron_kam_early_warning(batch_size=1), 0
        )

    def test_signal_queries_do_not_grow_with_the_accounts(self):
        accounts = self.account
        for i in range(9):
            accounts |= self._create_chain_account(f"批量客户 Batch Co {i}")
        for person in accounts.kam_person_ids.filtered(
            lambda p: p.kam_decision_role == "decision_maker"
        ):
            person.kam_attitude = "contact"

        def count(records):
            self.env.invalidate_all()
            records = records.browse(records.ids)
            before = self.env.cr.sql_log_count
            signals = records._kam_warning_signals()
            self.assertTrue(all(signals[a.id] for a in records))
            return self.env.cr.sql_log_count - before

        # Counts the queries of the signal computation (_kam_warning_signals) for ten
        # accounts against one: grouped queries only, so ten accounts cost no more than
        # one plus a constant.
        self.assertLessEqual(count(accounts), count(self.account) + 2)
