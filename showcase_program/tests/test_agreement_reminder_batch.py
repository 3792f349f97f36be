# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestAgreementReminderBatch(ShowcaseCommon):
    """The expiry reminder job is set-based: its queries do not grow with agreements."""

    def _agreements(self, count, **vals):
        agreements = self.env["sc.agreement"]
        for i in range(count):
            showcase = self._create_showcase(name=f"Reminder {len(self._made)}-{i}")
            agreements |= self._create_agreement(
                showcase, date_start="2026-01-01", date_end="2026-12-31", **vals
            )
        self._made.append(agreements)
        return agreements

    def setUp(self):
        super().setUp()
        self._made = []

    def _reminders(self, agreements):
        return self.env["mail.activity"].search(
            [("res_model", "=", "sc.agreement"), ("res_id", "in", agreements.ids)]
        )

    def _run_counted(self):
        """Run the job on cold caches; return the queries it ran."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.env["sc.agreement"]._cron_expiry_reminders()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_agreements(self):
        warm, two, six = self._agreements(1), self._agreements(2), self._agreements(6)
        with freeze_time("2026-12-27"):
            self._run_counted()  # warm-up (caches), reminds all 9
            self.assertEqual(len(self._reminders(warm | two | six)), 9)
        # Re-arm the two groups one at a time, so that each run reminds only them.
        (two | six)._workflow_write({"reminder_sent": False})
        self._reminders(two | six).unlink()
        six._workflow_write({"reminder_sent": "60,30,7"})
        with freeze_time("2026-12-27"):
            queries_2 = self._run_counted()
            six._workflow_write({"reminder_sent": False})
            queries_6 = self._run_counted()
        self.assertEqual(len(self._reminders(two)), 2)
        self.assertEqual(len(self._reminders(six)), 6)
        # Covers the whole run: the lock, expiring the past agreements, the selection,
        # one write per distinct stamp and one batch of activities (followers are
        # subscribed per signatory). Three times the agreements, the same queries.
        self.assertEqual(queries_6, queries_2)

    def test_second_run_does_nothing_and_is_cheap(self):
        agreements = self._agreements(3)
        with freeze_time("2026-12-27"):
            self._run_counted()
            self.assertEqual(len(self._reminders(agreements)), 3)
            activities = self.env["mail.activity"].search_count([])
            queries = self._run_counted()
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)
        self.assertEqual(set(agreements.mapped("reminder_sent")), {"60,30,7"})
        # Nothing to do: the lock, two searches and the log, no more.
        self.assertLessEqual(queries, 10)

    def test_reminder_in_the_signatorys_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["showcase_program"], ["zh_CN"], overwrite=True
        )
        self.manager.lang = "zh_CN"
        chinese = self._agreements(1)
        english = self._agreements(1, company_signatory_id=self.salesperson_b.id)
        with freeze_time("2026-12-27"):
            self.env["sc.agreement"]._cron_expiry_reminders()
        self.assertIn("天后到期", self._reminders(chinese).summary)
        self.assertEqual(self._reminders(chinese).user_id, self.manager)
        self.assertIn("expires in 4 days", self._reminders(english).summary)
        self.assertEqual(self._reminders(english).user_id, self.salesperson_b)
