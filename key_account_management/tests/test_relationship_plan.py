# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamChainCommon


@tagged("post_install", "-at_install")
class TestRelationshipPlan(KamChainCommon):
    """Relationship development plans per key person, rising stars in the early
    warning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = mail_new_test_user(
            cls.env, login="kam_rel_portal", name="Portal", groups="base.group_portal"
        )

    def _plan(self, user=None, **vals):
        today = fields.Date.today()
        return (
            self.env["kam.relationship.plan"]
            .with_user(user or self.member)
            .create(
                dict(
                    {
                        "person_id": self.influencer.id,
                        "attitude_target": "supportive",
                        "level_current": "acquainted",
                        "level_target": "trusted",
                        "date_start": today - timedelta(days=10),
                        "date_end": today + timedelta(days=80),
                    },
                    **vals,
                )
            )
        )

    def _signals(self, account=None):
        account = account or self.account
        return {
            code: params
            for code, _level, params in account._kam_warning_signals()[account.id]
        }

    # --- plan, gap, evaluation ------------------------------------------------------
    def test_gap_and_evaluation_from_attitude_history(self):
        plan = self._plan()
        self.assertEqual(plan.account_id, self.account)
        self.assertEqual(plan.attitude_start, "contact")
        self.assertEqual(plan.attitude_current, "contact")
        # contact -> supportive: two steps; acquainted -> trusted: two steps
        self.assertEqual((plan.attitude_gap, plan.level_gap), (2, 2))
        self.assertEqual(plan.evaluation, "not_moved")
        before = plan.attitude_history_ids
        self.influencer.with_user(self.member).kam_attitude = "favorable"
        plan.invalidate_recordset()
        self.assertEqual(plan.evaluation, "moved")
        self.assertEqual(plan.attitude_gap, 1)
        self.assertEqual(
            (plan.attitude_history_ids - before).mapped("new_attitude"), ["favorable"]
        )
        self.influencer.with_user(self.member).kam_attitude = "supportive"
        plan.invalidate_recordset()
        self.assertEqual(plan.evaluation, "achieved")
        self.assertEqual(plan.attitude_gap, 0)
        self.assertEqual(len(plan.attitude_history_ids - before), 2)
        # a change after the period end is no evidence of this period
        past = fields.Date.today() - timedelta(days=40)
        plan.write({"date_start": past, "date_end": past})
        self.assertFalse(plan.attitude_history_ids)

    def test_plan_is_for_a_person_of_an_account(self):
        with self.assertRaisesRegex(Exception, "not a person of an account"):
            self._plan(user=self.manager, person_id=self.account.id)

    # --- security: both sides -----------------------------------------------------
    def test_team_and_manager_allowed_others_refused(self):
        plan = self._plan()
        plan.action_ids.create(
            {"plan_id": plan.id, "name": "Visit", "date_deadline": "2030-01-01"}
        )
        # own team and manager read and write
        self.assertEqual(plan.with_user(self.member).evaluation, "not_moved")
        plan.with_user(self.member).needs = "Career: promotion to CTO"
        plan.with_user(self.manager).level_target = "partner"
        Plan = self.env["kam.relationship.plan"]
        self.assertIn(plan, Plan.with_user(self.manager).search([]))
        # another team: sees nothing, cannot read, cannot create for the account
        self.assertFalse(Plan.with_user(self.outsider).search([]))
        self.assertFalse(
            self.env["kam.relationship.plan.action"].with_user(self.outsider).search([])
        )
        with self.assertRaises(AccessError):
            plan.with_user(self.outsider).read(["needs"])
        with self.assertRaises(AccessError):
            self._plan(user=self.outsider)
        # employees without key-account rights and portal users: no access at all
        for user in (self.employee, self.portal):
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["needs"])
            with self.assertRaises(AccessError):
                Plan.with_user(user).create(
                    {
                        "person_id": self.influencer.id,
                        "attitude_target": "supportive",
                        "level_target": "trusted",
                    }
                )

    # --- actions ------------------------------------------------------------------
    def test_actions_create_meetings_and_activities(self):
        plan = self._plan()
        deadline = fields.Date.today() + timedelta(days=7)
        Action = self.env["kam.relationship.plan.action"].with_user(self.member)
        dinner, gift = Action.create(
            [
                {
                    "plan_id": plan.id,
                    "name": "Dinner after the fair",
                    "action_type": "dinner",
                    "date_deadline": deadline,
                },
                {
                    "plan_id": plan.id,
                    "name": "Book on rail signalling",
                    "action_type": "gift",
                    "date_deadline": deadline,
                },
            ]
        )
        (dinner | gift).action_schedule()
        event = dinner.calendar_event_id
        self.assertTrue(event)
        self.assertIn(self.influencer, event.partner_ids)
        self.assertEqual(event.start_date, deadline)
        self.assertFalse(dinner.activity_id)
        self.assertEqual(gift.activity_id.res_id, plan.id)
        self.assertEqual(gift.activity_id.user_id, self.member)
        self.assertFalse(gift.calendar_event_id)
        # scheduling again creates nothing new
        (dinner | gift).action_schedule()
        self.assertEqual(
            self.env["calendar.event"].search_count(
                [("res_model", "=", "kam.relationship.plan"), ("res_id", "=", plan.id)]
            ),
            1,
        )
        dinner.action_done()
        self.assertEqual(dinner.state, "done")

    # --- early warning ------------------------------------------------------------
    def test_overdue_actions_raise_a_signal(self):
        plan = self._plan()
        self.assertNotIn("relationship_plan_overdue", self._signals())
        Action = self.env["kam.relationship.plan.action"].with_user(self.member)
        late = Action.create(
            {
                "plan_id": plan.id,
                "name": "Technical exchange",
                "action_type": "technical_exchange",
                "date_deadline": fields.Date.today() - timedelta(days=3),
            }
        )
        Action.create(
            {
                "plan_id": plan.id,
                "name": "Visit",
                "date_deadline": fields.Date.today() + timedelta(days=3),
            }
        )
        self.assertTrue(late.is_late)
        self.assertEqual(plan.overdue_count, 1)
        self.assertEqual(self._signals()["relationship_plan_overdue"], {"count": 1})
        self.assertIn(
            "1 relationship plan actions overdue",
            self.account._kam_warning_message(
                "relationship_plan_overdue", {"count": 1}
            ),
        )
        late.action_done()
        self.assertNotIn("relationship_plan_overdue", self._signals())

    def test_rising_star_without_owner_or_interaction(self):
        star = self.env["res.partner"].create(
            {"name": "Rising Star Zhou", "parent_id": self.account.id}
        )
        self.assertNotIn("rising_star_neglected", self._signals())
        star.kam_is_rising_star = True
        self.assertEqual(
            self._signals()["rising_star_neglected"],
            {"people": [{"person": "Rising Star Zhou", "reason": "no_owner"}]},
        )
        star.kam_relationship_owner_id = self.member
        self.assertEqual(
            self._signals()["rising_star_neglected"]["people"][0]["reason"],
            "no_interaction",
        )
        message = self.account._kam_warning_message(
            "rising_star_neglected", self._signals()["rising_star_neglected"]
        )
        self.assertIn(
            "no recent interaction with rising star Rising Star Zhou", message
        )
        self._note(star)
        self.assertNotIn("rising_star_neglected", self._signals())

    def test_coverage_rule_can_require_a_rising_star(self):
        self.assertNotIn("single_threaded", self._signals())
        self.env.company.kam_coverage_rising_star = True
        self.account.invalidate_recordset()
        self.assertIn("No rising star identified", self.account.kam_coverage_gaps)
        self.assertTrue(self._signals()["single_threaded"]["rising_star"])
        self.coach.kam_is_rising_star = True
        self.account.invalidate_recordset()
        self.assertFalse(self.account.kam_coverage_gaps)
        self.assertNotIn("single_threaded", self._signals())

    # --- relationship map ---------------------------------------------------------
    def test_map_shows_target_and_current(self):
        plan = self._plan()
        data = (
            self.env["res.partner"]
            .with_user(self.member)
            .kam_relationship_map_data(self.account.id)
        )
        person = next(p for p in data["people"] if p["id"] == self.influencer.id)
        self.assertEqual(person["plan"]["id"], plan.id)
        self.assertEqual(
            (person["plan"]["level"], person["plan"]["level_target"]),
            ("Acquainted", "Trusted"),
        )
        self.assertEqual(person["plan"]["gap"], 4)
        other = next(p for p in data["people"] if p["id"] == self.approver.id)
        self.assertFalse(other["plan"])

    def test_account_plan_pdf_prints_relationship_plans(self):
        self._plan()
        account_plan = (
            self.env["kam.account.plan"]
            .with_user(self.member)
            .create({"partner_id": self.account.id})
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.member)
            ._render_qweb_html(
                "key_account_management.kam_account_plan_report", account_plan.ids
            )[0]
            .decode()
        )
        self.assertIn("Relationship Development Plans", html)
        self.assertIn(self.influencer.name, html)
