# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import os
from datetime import timedelta
from unittest.mock import patch

from lxml import etree

from odoo import fields
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

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

    def _red_notices(self):
        """The run's notices to the account's manager (one per run, not per account)."""
        return self.env["mail.message"].search(
            [
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.member.partner_id.ids),
                ("body", "ilike", self.account.name),
            ]
        )

    def test_cron_twice_schedules_one_activity_and_changes_nothing(self):
        self.decision_maker.kam_attitude = "opposed"
        self.assertEqual(self._rate(), "red")
        activity = self._warning_activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.member)
        messages = self.account.message_ids
        write_date = self.account.write_date
        notices = self._red_notices()
        self.assertEqual(len(notices), 1, "one notice for the manager")
        self.assertIn(self.account.name, str(notices.body))
        self.assertEqual(self._rate(), "red")
        self.assertEqual(self._warning_activities(), activity)
        self.assertEqual(self._red_notices(), notices, "no second notice")
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
        original_signals = Partner._kam_warning_signals
        original_message = Partner._kam_warning_message

        def signals(records):
            found = original_signals(records)
            for account_id in found:
                found[account_id].append(("sla_breach", "red", {"hours": 4}))
            return found

        def message(records, code, params):
            if code == "sla_breach":
                return f"VIP request breached after {params['hours']} hours"
            return original_message(records, code, params)

        Partner._kam_warning_signals = signals
        Partner._kam_warning_message = message
        try:
            self.assertEqual(self._rate(), "red")
            self.account.invalidate_recordset(["kam_warning_summary"])
            self.assertEqual(
                self.account.kam_warning_summary,
                "• VIP request breached after 4 hours",
            )
        finally:
            Partner._kam_warning_signals = original_signals
            Partner._kam_warning_message = original_message
        self.assertEqual(
            self.account.kam_warning_signals, [["sla_breach", "red", {"hours": 4}]]
        )

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

    # --- scale: set-based, nothing written when nothing changed ------------------------
    def _run_statements(self):
        """Run the job (and flush); return the first word of each SQL statement."""
        statements = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)).split(None, 1)[0])
            return execute(cr, query, params, log_exceptions)

        self.env.invalidate_all()
        with patch.object(Cursor, "execute", spy):
            self.env["res.partner"]._cron_kam_early_warning()
            self.env.flush_all()
        return statements

    def test_second_run_writes_nothing(self):
        for i in range(3):
            self._create_chain_account(f"批量客户 Batch Co {i}")
        self.decision_maker.kam_attitude = "opposed"
        self.assertGreaterEqual(self._run_statements().count("UPDATE"), 1)
        messages = self.env["mail.message"].search_count([])
        activities = self.env["mail.activity"].search_count([])
        # Counts the statements of a second run on the same day that change data: none
        # (no UPDATE, INSERT or DELETE: no rating, tracking message or activity).
        statements = self._run_statements()
        self.assertEqual(
            [s for s in statements if s.upper() in ("UPDATE", "INSERT", "DELETE")], []
        )
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)

    def test_run_queries_do_not_grow_with_the_accounts(self):
        self._run_statements()
        one = len(self._run_statements())
        for i in range(9):
            self._create_chain_account(f"批量客户 Batch Co {i}")
        # Nine new accounts with the same signals (no interaction yet): one write, one
        # batch of tracking messages.
        changed = len(self._run_statements())
        nine = len(self._run_statements())
        # Counts every query of a run in which nothing changed: nine more key accounts
        # cost no query more (grouped queries over all the accounts at once).
        self.assertLessEqual(nine, one)
        # Counts every query of the run that rates the nine new accounts: the reads
        # above plus a constant number of grouped writes, not nine of each.
        self.assertLessEqual(changed, one + 25)

    # --- the reader's language ----------------------------------------------------------
    def _load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["key_account_management"], ["zh_CN"], overwrite=True
        )

    def test_reasons_in_the_readers_language(self):
        self._load_chinese()
        self.coach.kam_decision_role = "supporter"
        self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.approver.id)]
        ).unlink()
        self.assertEqual(self._rate(), "amber")
        self.assertEqual(
            self.account.kam_warning_signals,
            [
                ["no_interaction", "amber", {}],
                [
                    "single_threaded",
                    "amber",
                    {"roles": ["coach"], "people": 5, "required": 4, "tier": "key"},
                ],
            ],
        )
        self.member.lang = "zh_CN"
        chinese = self.account.with_user(self.member).with_context(lang="zh_CN")
        english = self.account.with_user(self.outsider).with_context(lang="en_US")
        # One line per reason, the same account in each reader's language.
        self.assertEqual(
            chinese.kam_warning_summary.split("\n"),
            ["• 尚无互动记录", "• 单线联系：没有已知的内线/教练"],
        )
        self.assertEqual(
            english.kam_warning_summary.split("\n"),
            ["• No interaction recorded yet", "• Single-threaded: No known Coach"],
        )

    def test_interaction_days_are_counted_when_read(self):
        self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.approver.id)]
        ).unlink()
        self._note(self.coach, days_ago=45)
        self.assertEqual(self._rate(), "amber")
        self.assertIn("No interaction for 45 days", self.account.kam_warning_summary)
        later = fields.Datetime.now() + timedelta(days=3)
        with patch.object(fields.Datetime, "now", return_value=later):
            self.account.invalidate_recordset(["kam_warning_summary"])
            self.assertIn(
                "No interaction for 48 days", self.account.kam_warning_summary
            )

    def test_red_activity_in_the_managers_language(self):
        self._load_chinese()
        self.member.lang = "zh_CN"
        self.assertEqual(self._rate(), "green")
        level_changes = self.account.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "kam_warning_level"
        )
        self.assertFalse(level_changes, "a first rating is no change of colour")
        self.decision_maker.kam_attitude = "opposed"
        self.assertEqual(self._rate(), "red")
        activity = self._warning_activities()
        self.assertEqual(activity.user_id, self.member)
        self.assertEqual(activity.summary, f"红色预警：{self.account.name}")
        self.assertIn("的关系程度从 支持不排他 降为 反对", str(activity.note))
        # One notice for the manager, in his language, naming the account.
        notices = self._red_notices()
        self.assertEqual(len(notices), 1)
        self.assertIn(self.account.name, str(notices.body))
        self.assertNotIn("turned red", str(notices.body))
        # The chatter says the level changed, as field tracking would.
        tracking = self.account.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "kam_warning_level"
        )
        self.assertEqual(tracking.mapped("old_value_char"), ["Green"])
        self.assertEqual(tracking.mapped("new_value_char"), ["Red"])

    # --- the risk board -----------------------------------------------------------------
    def test_risk_board_is_a_report_worst_first(self):
        view = self.env.ref("key_account_management.res_partner_view_kanban_kam_risk")
        arch = etree.fromstring(
            self.env["res.partner"].get_view(view.id, "kanban")["arch"]
        )
        self.assertEqual(arch.get("create"), "0")
        self.assertEqual(arch.get("quick_create"), "false")
        self.assertEqual(arch.get("records_draggable"), "false")
        action = self.env.ref("key_account_management.res_partner_action_kam_risk")
        self.decision_maker.kam_attitude = "opposed"
        self._rate()
        groups = (
            self.env["res.partner"]
            .with_user(self.member)
            .web_read_group(
                safe_eval(action.domain),
                ["kam_warning_level"],
                ["kam_warning_level"],
            )["groups"]
        )
        # Red, amber, green, each column shown even when empty.
        self.assertEqual(
            [g["kam_warning_level"] for g in groups][:3], ["red", "amber", "green"]
        )

    def test_risk_board_shows_a_salesperson_their_accounts(self):
        other = self._create_account(
            "别队客户 Other Team Co",
            territory=self.territory_west,
            kam_tier="key",
            kam_manager_id=self.outsider.id,
        )
        self._rate()
        self.assertTrue(other.kam_warning_level)
        action = self.env.ref("key_account_management.res_partner_action_kam_risk")
        domain = safe_eval(action.domain)
        seen = self.env["res.partner"].with_user(self.member).search(domain)
        self.assertIn(self.account, seen)
        self.assertNotIn(other, seen)
        self.assertIn(
            other, self.env["res.partner"].with_user(self.manager).search(domain)
        )

    # --- upgrade from 18.0.1.0.0 --------------------------------------------------------
    def test_migration_keeps_the_stored_text_as_legacy_lines(self):
        path = os.path.join(
            os.path.dirname(os.path.dirname(__file__)),
            "migrations",
            "18.0.1.1.0",
            "post-early-warning-signals.py",
        )
        spec = importlib.util.spec_from_file_location("kam_ew_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cr = self.env.cr
        self.env.flush_all()
        # The column of 18.0.1.0.0 (dropped with the test's transaction).
        cr.execute("ALTER TABLE res_partner ADD COLUMN kam_warning_summary text")
        cr.execute(
            "UPDATE res_partner SET kam_warning_level = 'amber',"
            " kam_warning_signals = NULL, kam_warning_summary = %s WHERE id = %s",
            ("No interaction recorded yet\nKey person Li left", self.account.id),
        )
        migration.migrate(cr, "18.0.1.0.0")
        self.account.invalidate_recordset()
        self.assertEqual(
            self.account.kam_warning_signals,
            [
                ["legacy", "amber", "No interaction recorded yet"],
                ["legacy", "amber", "Key person Li left"],
            ],
        )
        self.assertEqual(
            self.account.kam_warning_summary,
            "• No interaction recorded yet\n• Key person Li left",
        )
        # The next run replaces the legacy lines without a new level or message.
        messages = self.account.message_ids
        self._note(self.approver)
        self.supporter.kam_has_left = True
        self.assertEqual(self._rate(), "amber")
        self.assertEqual(
            [code for code, _level, _params in self.account.kam_warning_signals],
            ["key_person_left"],
        )
        self.assertEqual(self.account.message_ids - messages, messages.browse())
