# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestAgreement(ShowcaseCommon):
    def _activities(self, agreement):
        return self.env["mail.activity"].search(
            [("res_model", "=", "sc.agreement"), ("res_id", "=", agreement.id)]
        )

    def test_states_and_signing_requirements(self):
        showcase = self._create_showcase()
        agreement = self._create_agreement(
            showcase, sign=False, company_signatory_id=False
        )
        self.assertTrue(agreement.name.startswith("SCA/"))
        self.assertEqual(agreement.level, "city")
        agreement.action_negotiate()
        self.assertEqual(agreement.state, "negotiation")
        with self.assertRaisesRegex(
            UserError, "cannot be signed without our signatory"
        ):
            agreement.action_sign()
        self.assertEqual(agreement.state, "negotiation")
        agreement.company_signatory_id = self.manager
        agreement.action_sign()
        self.assertEqual(agreement.state, "signed")
        self.assertTrue(agreement.date_signed)
        self.assertEqual(showcase.current_agreement_id, agreement)
        with self.assertRaisesRegex(UserError, "cannot be negotiated"):
            agreement.action_negotiate()
        agreement.action_activate()
        agreement.action_terminate()
        self.assertEqual(agreement.state, "terminated")
        self.assertFalse(showcase.current_agreement_id)

    def test_bad_dates_write_nothing(self):
        showcase = self._create_showcase()
        count = self.env["sc.agreement"].search_count([])
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._create_agreement(
                showcase, date_start="2027-01-01", date_end="2026-01-01"
            )
        self.assertEqual(self.env["sc.agreement"].search_count([]), count)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._create_agreement(showcase, visits=-1)

    def test_expiry_reminders_once_per_threshold(self):
        showcase = self._create_showcase()
        agreement = self._create_agreement(
            showcase, date_start="2026-01-01", date_end="2026-12-31"
        )
        Agreement = self.env["sc.agreement"]
        with freeze_time("2026-10-01"):  # 91 days left: nothing yet
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            self.assertFalse(self._activities(agreement))
        with freeze_time("2026-11-01"):  # 60 days left
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            self.assertEqual(len(self._activities(agreement)), 1)
            self.assertEqual(agreement.reminder_sent, "60")
        with freeze_time("2026-12-05"):  # 26 days left: the 30-day reminder only
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            activities = self._activities(agreement)
            self.assertEqual(len(activities), 2)
            self.assertEqual(agreement.reminder_sent, "60,30")
            self.assertIn("30-day reminder", activities.sorted("id")[-1].summary)
        with freeze_time("2026-12-28"):
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            self.assertEqual(len(self._activities(agreement)), 3)
            self.assertEqual(agreement.reminder_sent, "60,30,7")
        with freeze_time("2027-01-02"):
            Agreement._cron_expiry_reminders(thresholds=[60, 30, 7])
            self.assertEqual(agreement.state, "expired")
            self.assertEqual(len(self._activities(agreement)), 3)

    def test_late_start_sends_only_tightest_reminder(self):
        showcase = self._create_showcase()
        agreement = self._create_agreement(
            showcase, date_start="2026-01-01", date_end="2026-12-31"
        )
        with freeze_time("2026-12-27"):
            self.env["sc.agreement"]._cron_expiry_reminders()  # company setting
            self.env["sc.agreement"]._cron_expiry_reminders()
        self.assertEqual(len(self._activities(agreement)), 1)
        self.assertEqual(agreement.reminder_sent, "60,30,7")

    def test_renewal(self):
        showcase = self._create_showcase()
        agreement = self._create_agreement(
            showcase, date_start="2026-01-01", date_end="2026-12-31"
        )
        action = agreement.action_renew()
        renewal = self.env["sc.agreement"].browse(action["res_id"])
        self.assertEqual(renewal.renewed_from_id, agreement)
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.date_start, date(2027, 1, 1))
        self.assertEqual(renewal.date_end, date(2027, 12, 31))
        self.assertEqual(len(renewal.obligation_ids), 2)
        self.assertNotEqual(renewal.name, agreement.name)
        self.assertFalse(renewal.reminder_sent)

    def test_reward_on_signing(self):
        showcase = self._create_showcase()
        agreement = self._create_agreement(showcase)
        entries = self.env["sc.reward.entry"].search(
            [("showcase_id", "=", showcase.id)]
        )
        self.assertEqual(entries.rule_id.milestone, "agreement_signed")
        self.assertEqual(entries.team_id, self.team_a)
        self.assertEqual(entries.points, 50)
        self.env["sc.reward.rule"]._award("agreement_signed", showcase, agreement)
        self.assertEqual(
            self.env["sc.reward.entry"].search_count(
                [("showcase_id", "=", showcase.id)]
            ),
            1,
        )

    def test_reminders_in_batches_without_query_per_agreement(self):
        showcases = self.env["sc.showcase"]
        for i in range(4):
            showcases |= self._create_showcase(name=f"Batch {i}")
        agreements = self.env["sc.agreement"]
        for showcase in showcases:
            agreements |= self._create_agreement(
                showcase, date_start="2026-01-01", date_end="2026-12-31"
            )
        with freeze_time("2026-12-27"):
            self.env["sc.agreement"]._cron_expiry_reminders(batch_size=3)
            self.env["sc.agreement"]._cron_expiry_reminders(batch_size=3)
        self.assertEqual(set(agreements.mapped("reminder_sent")), {"60,30,7"})
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "sc.agreement"), ("res_id", "in", agreements.ids)]
            ),
            4,
        )
