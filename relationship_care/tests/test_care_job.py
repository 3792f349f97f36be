# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestCareJob(RelationshipCareCase):
    def _run(self, policy, **kwargs):
        return self.env["rc.care.policy"]._cron_run_care(policies=policy, **kwargs)

    @freeze_time("2027-03-05")
    def test_birthday_twice_same_day_creates_once(self):
        policy = self._policy(name="Birthday once")
        self.assertEqual(self._run(policy), 1)
        activity = self._activities(self.person_a, policy)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_a)
        self.assertEqual(activity.date_deadline, date(2027, 3, 10))
        # Second run the same day: nothing new.
        self.assertEqual(self._run(policy), 0)
        self.assertEqual(len(self._activities(self.person_a, policy)), 1)
        occasion = self.env["rc.care.occasion"].search([("policy_id", "=", policy.id)])
        self.assertEqual(len(occasion), 1)
        self.assertEqual(occasion.occasion_key, "birthday:2027-03-10")
        self.assertEqual(occasion.activity_id, activity)
        # The supplier's staff is never targeted, even with the same birthday.
        self.assertFalse(self._activities(self.supplier_person))

    @freeze_time("2027-03-05")
    def test_unique_occasion_key_in_database(self):
        policy = self._policy(name="Unique")
        self._run(policy)
        occasion = self.env["rc.care.occasion"].search([("policy_id", "=", policy.id)])
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            self.env["rc.care.occasion"].create(
                {
                    "policy_id": policy.id,
                    "partner_id": occasion.partner_id.id,
                    "occasion_key": occasion.occasion_key,
                    "date": occasion.date,
                }
            )
            self.env.flush_all()

    @freeze_time("2027-03-05")
    def test_do_not_contact_and_roles(self):
        self.env["rc.care.profile"].create(
            {"partner_id": self.person_a.id, "do_not_contact": True}
        )
        policy = self._policy(name="DNC")
        self.assertEqual(self._run(policy), 0)
        # A role filter that excludes the approver finds nobody either.
        self.env["rc.care.profile"].search(
            [("partner_id", "=", self.person_a.id)]
        ).unlink()
        coach_policy = self._policy(
            name="Coaches only",
            decision_role_ids=[
                Command.set(
                    self.env.ref("relationship_care.rc_decision_role_coach").ids
                )
            ],
        )
        self.assertEqual(self._run(coach_policy), 0)

    @freeze_time("2027-03-05")
    def test_crash_between_batches_then_resume(self):
        people = self.env["res.partner"].create(
            [
                {
                    "name": f"Batch person {i}",
                    "parent_id": self.acc_a.id,
                    "kam_decision_role": "decision_maker",
                    "birthdate_date": date(1970, 3, 6 + i),
                }
                for i in range(5)
            ]
        )
        policy = self._policy(name="Crash")
        # The registry's class of the model: the job's methods come from its extensions.
        Policy = type(self.env["rc.care.policy"])
        original = Policy._care_create_activities
        calls = []

        def crash_on_second_batch(self_, new):
            calls.append(len(new))
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return original(self_, new)

        # Not self.assertRaises: it would roll back the whole block, committed batch too.
        crashed = False
        with patch.object(Policy, "_care_create_activities", crash_on_second_batch):
            try:
                self._run(policy, batch_size=2)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(calls, [2, 2])
        occasions = self.env["rc.care.occasion"].search([("policy_id", "=", policy.id)])
        # The first batch is kept, the second rolled back as a whole.
        self.assertEqual(len(occasions), 2)
        self.assertEqual(len(self._activities(people | self.person_a, policy)), 2)
        # Restart: the rest is done, nothing twice.
        self.assertEqual(self._run(policy, batch_size=2), 4)
        occasions = self.env["rc.care.occasion"].search([("policy_id", "=", policy.id)])
        self.assertEqual(len(occasions), 6)
        self.assertEqual(
            set(occasions.partner_id.ids), set((people | self.person_a).ids)
        )
        activities = self._activities(people | self.person_a, policy)
        self.assertEqual(len(activities), 6)
        self.assertEqual(len(set(activities.mapped("res_id"))), 6)
        self.assertEqual(self._run(policy, batch_size=2), 0)

    @freeze_time("2027-03-05")
    def test_greeting_email(self):
        policy = self._policy(
            name="Mail",
            send_email=True,
            mail_template_id=self.env.ref(
                "relationship_care.mail_template_birthday_greeting"
            ).id,
        )
        self._run(policy)
        occasion = self.env["rc.care.occasion"].search([("policy_id", "=", policy.id)])
        self.assertTrue(occasion.mail_sent)
        self.assertTrue(
            self.env["mail.mail"].search(
                [("email_to", "like", "a@example.com")], limit=1
            )
        )
        # Someone who prefers instant messages gets the activity, not the e-mail.
        self.env["rc.care.profile"].create(
            {"partner_id": self.person_b.id, "preferred_channel": "message"}
        )
        self.person_b.write(
            {"email": "b@example.com", "birthdate_date": date(1980, 3, 9)}
        )
        self._run(policy)
        occasion_b = self.env["rc.care.occasion"].search(
            [("policy_id", "=", policy.id), ("partner_id", "=", self.person_b.id)]
        )
        self.assertTrue(occasion_b.activity_id)
        self.assertFalse(occasion_b.mail_sent)

    def test_visit_gap_and_compliance(self):
        policy = self._policy(
            name="GM visit",
            occasion_type="frequency",
            action_type="visit",
            visit_seniority="branch_gm",
            frequency=2,
            period="year",
            lead_days=14,
            responsible_role="sales_manager",
        )
        Interaction = self.env["rc.interaction"]
        # A visit by the account manager does not count for a branch GM policy.
        Interaction.create(
            {
                "name": "AM visit",
                "account_id": self.acc_a.id,
                "date": date(2027, 5, 2),
                "user_id": self.user_a.id,
                "participant_ids": [Command.set(self.user_a.ids)],
            }
        )
        gm_visit = Interaction.create(
            {
                "name": "GM visit",
                "account_id": self.acc_a.id,
                "date": date(2027, 1, 15),
                "user_id": self.branch_gm.id,
                "participant_ids": [Command.set(self.branch_gm.ids)],
            }
        )
        self.assertEqual(gm_visit.seniority, "branch_gm")
        with freeze_time("2027-05-10"):
            self.assertEqual(self._run(policy), 1)  # only acc_b, never visited
            occasion = self.env["rc.care.occasion"].search(
                [("policy_id", "=", policy.id)]
            )
            self.assertEqual(occasion.partner_id, self.acc_b)
            self.assertEqual(occasion.date, date(2027, 1, 1))
            compliance = self.env["rc.care.compliance"].search(
                [("policy_id", "=", policy.id), ("partner_id", "=", self.acc_a.id)]
            )
            self.assertEqual((compliance.required, compliance.done), (2, 1))
            self.assertEqual(compliance.rate, 50.0)
            self.assertEqual(self.acc_a.rc_care_compliance, 50.0)
        with freeze_time("2027-07-10"):
            # 15 Jan + 182 days = 16 Jul, within the 14-day lead time.
            self.assertEqual(self._run(policy), 1)
            activity = self._activities(self.acc_a, policy)
            self.assertEqual(activity.user_id, self.branch_gm)
            self.assertEqual(
                activity.date_deadline, date(2027, 1, 15) + timedelta(days=182)
            )
            self.assertEqual(self._run(policy), 0)

    def test_log_visit_from_calendar(self):
        event = self.env["calendar.event"].create(
            {
                "name": "Quarterly review",
                "start": "2027-04-01 09:00:00",
                "stop": "2027-04-01 10:00:00",
                "user_id": self.branch_gm.id,
                "partner_ids": [
                    Command.set([self.person_a.id, self.user_a.partner_id.id])
                ],
            }
        )
        action = event.action_rc_log_visit()
        interaction = self.env["rc.interaction"].browse(action["res_id"])
        self.assertEqual(interaction.account_id, self.acc_a)
        self.assertEqual(interaction.contact_ids, self.person_a)
        self.assertEqual(interaction.interaction_type, "visit")
        self.assertEqual(interaction.participant_ids, self.user_a | self.branch_gm)
        self.assertEqual(interaction.seniority, "branch_gm")
        self.assertEqual(interaction.date, date(2027, 4, 1))
        with self.assertRaises(UserError):
            event.action_rc_log_visit()
        lonely = self.env["calendar.event"].create(
            {
                "name": "Internal",
                "start": "2027-04-02 09:00:00",
                "stop": "2027-04-02 10:00:00",
                "partner_ids": [Command.set(self.user_a.partner_id.ids)],
            }
        )
        with self.assertRaises(UserError):
            lonely.action_rc_log_visit()

    def test_interactions_count_as_sales_actions(self):
        claim = (
            self.env["kam.claim"]
            .sudo()
            .create(
                {
                    "partner_id": self.acc_a.id,
                    "user_id": self.user_a.id,
                    "date_claimed": fields.Datetime.now() - timedelta(days=30),
                    "state": "active",
                }
            )
        )
        self.env["rc.interaction"].create(
            {
                "name": "Call",
                "interaction_type": "call",
                "account_id": self.acc_a.id,
                "date": fields.Date.today() - timedelta(days=10),
                "user_id": self.manager.id,
                "participant_ids": [Command.set(self.user_a.ids)],
            }
        )
        dates = self.env["res.partner"]._kam_last_sales_action_dates(claim)
        self.assertEqual(
            dates[claim.id].date(), fields.Date.today() - timedelta(days=10)
        )

    def test_interactions_feed_freshness(self):
        day = fields.Date.today() - timedelta(days=5)
        self.env["rc.interaction"].create(
            {
                "name": "Lunch",
                "interaction_type": "meal",
                "account_id": self.acc_a.id,
                "contact_ids": [Command.set(self.person_a.ids)],
                "date": day,
            }
        )
        last = (self.acc_a | self.person_a)._kam_last_interaction_dates()
        self.assertGreaterEqual(last[self.acc_a.id].date(), day)
        self.assertGreaterEqual(last[self.person_a.id].date(), day)

    def test_bad_input_writes_nothing(self):
        Policy = self.env["rc.care.policy"]
        count = Policy.with_context(active_test=False).search_count([])
        with self.assertRaises(ValidationError):
            self._policy(
                name="Bad domain", account_domain="[('no_such_field', '=', 1)]"
            )
        with self.assertRaises(ValidationError):
            self._policy(name="Zero", frequency=0)
        with self.assertRaises(ValidationError):
            self._policy(name="Holiday without holidays", occasion_type="holiday")
        with self.assertRaises(ValidationError):
            self._policy(name="Member", responsible_role="team_member")
        self.assertEqual(Policy.with_context(active_test=False).search_count([]), count)
        policy = self._policy(name="Good")
        with self.assertRaises(ValidationError):
            policy.write({"lead_days": -3})
        self.assertEqual(policy.lead_days, 7)
        with self.assertRaises(ValidationError):
            self.env["rc.interaction"].create(
                {"name": "Bad", "account_id": self.acc_a.id, "cost": -1}
            )
        with self.assertRaises(ValidationError):
            self.env["rc.interaction"].create(
                {
                    "name": "Stranger",
                    "account_id": self.acc_a.id,
                    "contact_ids": [Command.set(self.person_b.ids)],
                }
            )

    @freeze_time("2027-03-05")
    def test_manager_runs_a_policy_now(self):
        policy = self._policy(name="Run now")
        policy.with_user(self.manager).action_run_now()
        self.assertEqual(len(self._activities(self.person_a, policy)), 1)
        self.assertEqual(policy.occasion_count, 1)
        action = policy.action_view_occasions()
        self.assertEqual(action["domain"], [("policy_id", "=", policy.id)])

    @freeze_time("2027-03-05")
    def test_done_activity_logs_the_interaction(self):
        policy = self._policy(name="Greet and log")
        self._run(policy)
        activity = self._activities(self.person_a, policy)
        activity.with_user(self.user_a).action_feedback(feedback="Sent a card and tea")
        occasion = self.env["rc.care.occasion"].search([("policy_id", "=", policy.id)])
        interaction = occasion.interaction_id
        self.assertEqual(interaction.interaction_type, "greeting")
        self.assertEqual(interaction.account_id, self.acc_a)
        self.assertEqual(interaction.contact_ids, self.person_a)
        self.assertEqual(interaction.user_id, self.user_a)
        self.assertIn("Sent a card", interaction.outcome)
        self.assertFalse(occasion.activity_id)
        # Done is done: the next run creates nothing new for this occasion.
        self.assertEqual(self._run(policy), 0)
