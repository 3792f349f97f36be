# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Visit cadence (seed 003): care policies per lifecycle stage and potential sub-level,
on-site (走访) and phone visits (电访), weekly periods, compliance by stage x sub-level."""

import importlib.util
from datetime import date
from pathlib import Path

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CareCadenceCase

OLD = fields.Datetime.to_datetime("2000-01-01 00:00:00")


@tagged("post_install", "-at_install")
class TestCareCadence(CareCadenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A funnel account without a key account manager, claimed by Sales A.
        cls.acc_c = cls.env["res.partner"].create(
            {"name": "RC Account C", "is_company": True, "country_id": cls.cn.id}
        )
        cls._place(cls.acc_c, cls.stage_listed, claimer=cls.user_a)
        cls.accounts = cls.acc_a | cls.acc_b | cls.acc_c
        cls.employee = new_test_user(
            cls.env, login="rc_cadence_employee", groups="base.group_user"
        )

    def _run(self, policy):
        return self.env["rc.care.policy"]._cron_run_care(policies=policy)

    def _lines(self, policy):
        return self.env["rc.care.compliance"].search([("policy_id", "in", policy.ids)])

    # --- targeting ----------------------------------------------------------------------
    @freeze_time("2027-03-02")
    def test_stage_and_sub_level_targeting(self):
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._place(self.acc_b, self.stage_potential, self.level_b)
        self._place(self.acc_c, self.stage_listed, self.level_a)
        policy = self._cadence_policy(
            name="Potential A visits",
            frequency=2,
            stage_ids=[Command.set(self.stage_potential.ids)],
            potential_level_ids=[Command.set(self.level_a.ids)],
        )
        self.assertEqual(self._run(policy), 1)
        activity = self._activities(self.acc_a, policy)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_a)
        self.assertEqual(activity.date_deadline, date(2027, 3, 1))
        self.assertIn("On-site Visit", activity.summary)
        # Potential B (right stage, other level) and listed A (other stage): nothing.
        self.assertFalse(self._activities(self.acc_b | self.acc_c, policy))
        self.assertEqual(self._lines(policy).partner_id, self.acc_a)
        # Stage only: every sub-level of the stage; the claimed account without a key
        # account manager goes to its salesperson.
        listed = self._cadence_policy(
            name="Listed calls",
            action_type="phone_visit",
            stage_ids=[Command.set(self.stage_listed.ids)],
        )
        self.assertEqual(self._run(listed), 1)
        self.assertEqual(self._activities(self.acc_c, listed).user_id, self.user_a)
        self.assertFalse(self._activities(self.acc_a | self.acc_b, listed))
        # Run again the same day: nothing new, nothing rewritten.
        self.env.cr.execute(
            "UPDATE rc_care_compliance SET write_date = '2000-01-01' "
            "WHERE policy_id IN %s",
            ((policy.id, listed.id),),
        )
        self.env.invalidate_all()
        self.assertEqual(self._run(policy | listed), 0)
        self.assertEqual(len(self._activities(self.accounts, policy)), 1)
        self.assertEqual(len(self._activities(self.accounts, listed)), 1)
        self.assertEqual(
            set((self._lines(policy | listed)).mapped("write_date")), {OLD}
        )

    @freeze_time("2027-03-05")
    def test_birthday_policy_targets_people_of_the_stage(self):
        self._place(self.acc_a, self.stage_potential)
        self._place(self.acc_b, self.stage_intent)
        # Born on 8 March, like Person A's 10 March within the week's look-ahead.
        person_b2 = self.env["res.partner"].create(
            {
                "name": "Person B2",
                "parent_id": self.acc_b.id,
                "kam_decision_role": "decision_maker",
                "birthdate_date": date(1980, 3, 8),
            }
        )
        policy = self._policy(
            name="Potential birthdays",
            stage_ids=[Command.set(self.stage_potential.ids)],
        )
        self.assertEqual(self._run(policy), 1)
        self.assertTrue(self._activities(self.person_a, policy))
        self.assertFalse(self._activities(person_b2, policy))
        # Without the stage restriction both are greeted.
        policy.stage_ids = False
        self.assertEqual(self._run(policy), 1)
        self.assertTrue(self._activities(person_b2, policy))

    # --- on-site and phone visits -------------------------------------------------------
    @freeze_time("2027-03-05")
    def test_phone_visit_counts_calls_only(self):
        self._interaction(self.acc_a, date(2027, 3, 2), "call")
        self._interaction(self.acc_b, date(2027, 3, 2), "visit")
        # The seniority of on-site visits does not apply to calls.
        phone = self._cadence_policy(
            name="Monthly call",
            action_type="phone_visit",
            visit_seniority="executive",
            account_domain=f"[('id', 'in', {(self.acc_a | self.acc_b).ids})]",
        )
        onsite = self._cadence_policy(
            name="Monthly visit",
            account_domain=f"[('id', 'in', {(self.acc_a | self.acc_b).ids})]",
        )
        self._run(phone | onsite)
        # A call fulfils the phone visit, not the on-site one; a visit the other way.
        self.assertFalse(self._activities(self.acc_a, phone))
        self.assertTrue(self._activities(self.acc_b, phone))
        self.assertIn("Phone Visit", self._activities(self.acc_b, phone).summary)
        self.assertTrue(self._activities(self.acc_a, onsite))
        self.assertFalse(self._activities(self.acc_b, onsite))
        done = {
            (line.policy_id, line.partner_id): line.done
            for line in self._lines(phone | onsite)
        }
        self.assertEqual(
            done,
            {
                (phone, self.acc_a): 1,
                (phone, self.acc_b): 0,
                (onsite, self.acc_a): 0,
                (onsite, self.acc_b): 1,
            },
        )
        self.assertEqual(set(self._lines(phone).mapped("action_type")), {"phone_visit"})
        # Marking the phone visit's activity done logs a call.
        occasion = self.env["rc.care.occasion"].search([("policy_id", "=", phone.id)])
        occasion.activity_id.action_feedback(feedback="Called the buyer")
        self.assertEqual(occasion.interaction_id.interaction_type, "call")

    # --- weekly cadence -----------------------------------------------------------------
    def test_week_period_boundaries(self):
        policy = self._cadence_policy(name="Weekly", period="week", lead_days=1)
        period = policy._care_period
        monday = date(2027, 3, 1)
        self.assertEqual(period(monday), (monday, date(2027, 3, 8)))
        self.assertEqual(period(date(2027, 3, 7)), (monday, date(2027, 3, 8)))
        self.assertEqual(
            period(date(2027, 3, 8)), (date(2027, 3, 8), date(2027, 3, 15))
        )
        # Across the new year: the week belongs to both years, from its Monday.
        self.assertEqual(
            period(date(2027, 1, 1)), (date(2026, 12, 28), date(2027, 1, 4))
        )
        accounts = f"[('id', 'in', {(self.acc_a | self.acc_b).ids})]"
        policy.account_domain = accounts
        self._interaction(self.acc_a, date(2027, 2, 28))  # Sunday: the week before
        self._interaction(self.acc_a, monday)
        self._interaction(self.acc_a, date(2027, 3, 8))  # next Monday: not yet
        with freeze_time("2027-03-06"):
            # acc_b never visited: due since Monday; acc_a visited Monday, due the next.
            self.assertEqual(self._run(policy), 1)
            self.assertTrue(self._activities(self.acc_b, policy))
            line = self._lines(policy).filtered(lambda c: c.partner_id == self.acc_a)
            self.assertEqual(
                (line.period_start, line.period_end, line.done, line.rate),
                (monday, date(2027, 3, 7), 1, 100.0),
            )
        with freeze_time("2027-03-07"):
            # One day of lead time: Sunday brings Monday's visit of acc_a.
            self.assertEqual(self._run(policy), 1)
            self.assertEqual(
                self._activities(self.acc_a, policy).date_deadline, date(2027, 3, 8)
            )
            self.assertEqual(self._run(policy), 0)
        with freeze_time("2027-03-08"):
            self._run(policy)
            lines = self._lines(policy).filtered(
                lambda c: c.period_start == date(2027, 3, 8)
            )
            self.assertEqual(
                {(c.partner_id, c.done) for c in lines},
                {(self.acc_a, 1), (self.acc_b, 0)},
            )

    # --- compliance snapshots -----------------------------------------------------------
    def test_compliance_lines_follow_the_account(self):
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._place(self.acc_b, self.stage_listed)
        policy = self._cadence_policy(
            name="Everyone monthly",
            account_domain=f"[('id', 'in', {(self.acc_a | self.acc_b).ids})]",
        )
        Compliance = self.env["rc.care.compliance"]
        today = date(2027, 5, 10)
        Compliance._update_for_policies(policy, today)
        lines = self._lines(policy)
        line_a = lines.filtered(lambda c: c.partner_id == self.acc_a)
        line_b = lines - line_a
        self.assertEqual(
            (line_a.stage_id, line_a.potential_level_id, line_a.action_type),
            (self.stage_potential, self.level_a, "visit"),
        )
        self.assertEqual(
            (line_b.stage_id, line_b.potential_level_id.id), (self.stage_listed, False)
        )
        self.env.cr.execute(
            "UPDATE rc_care_compliance SET write_date = '2000-01-01' WHERE policy_id = %s",
            (policy.id,),
        )
        Compliance.invalidate_model()
        Compliance._update_for_policies(policy, today)
        self.assertEqual(set(lines.mapped("write_date")), {OLD})
        # The account moves on: its line of the current period follows, the other not.
        self._place(self.acc_a, self.stage_intent)
        Compliance._update_for_policies(policy, today)
        self.assertEqual(
            (line_a.stage_id, line_a.potential_level_id.id), (self.stage_intent, False)
        )
        self.assertNotEqual(line_a.write_date, OLD)
        self.assertEqual(line_b.write_date, OLD)
        # The report reads rate by stage x sub-level.
        groups = Compliance._read_group(
            [("policy_id", "=", policy.id)],
            ["stage_id", "potential_level_id"],
            ["rate:avg"],
        )
        self.assertEqual(
            {(stage, level.id) for stage, level, _rate in groups},
            {(self.stage_intent, False), (self.stage_listed, False)},
        )

    @freeze_time("2027-05-10")
    def test_migration_fills_current_lines_only(self):
        self._place(self.acc_a, self.stage_potential, self.level_a)
        policy = self._cadence_policy(
            name="Migrated", account_domain=f"[('id', '=', {self.acc_a.id})]"
        )
        Compliance = self.env["rc.care.compliance"]
        Compliance._update_for_policies(policy, date(2027, 4, 10))  # a past period
        Compliance._update_for_policies(policy, date(2027, 5, 10))
        lines = self._lines(policy)
        self.assertEqual(len(lines), 2)
        # As a database of 18.0.1.1.0 has them: no snapshots yet.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE rc_care_compliance SET stage_id = NULL, potential_level_id = NULL "
            "WHERE id IN %s",
            (tuple(lines.ids),),
        )
        path = (
            Path(__file__).parents[1]
            / "migrations/18.0.1.2.0/post-care-compliance-cadence.py"
        )
        spec = importlib.util.spec_from_file_location("rc_mig_cadence", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.1.0")
        lines.invalidate_recordset()
        current = lines.filtered(lambda c: c.period_start == date(2027, 5, 1))
        self.assertEqual(
            (current.stage_id, current.potential_level_id),
            (self.stage_potential, self.level_a),
        )
        self.assertFalse((lines - current).stage_id)

    def test_compliance_queries_do_not_grow_with_stage_accounts(self):
        policy = self._cadence_policy(
            name="Potential bulk",
            account_domain="[('name', '=like', 'RC Cadence %')]",
            stage_ids=[Command.set(self.stage_potential.ids)],
        )
        Partner = self.env["res.partner"]
        Compliance = self.env["rc.care.compliance"]
        today = date(2027, 5, 10)

        def queries_for(count):
            accounts = Partner.create(
                [
                    {"name": f"RC Cadence {count}-{i}", "is_company": True}
                    for i in range(count)
                ]
            )
            for account in accounts:
                self._place(account, self.stage_potential, self.level_b)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Compliance._update_for_policies(policy, today)
            return self.env.cr.sql_log_count - before

        few = queries_for(3)
        many = queries_for(30)
        self.assertEqual(few, many)
        lines = self._lines(policy)
        self.assertEqual(len(lines), 33)
        self.assertEqual(set(lines.mapped("potential_level_id")), {self.level_b})

    # --- bad input ----------------------------------------------------------------------
    def _assert_refused(self, message, func, *args, **kwargs):
        """The call raises a ValidationError saying ``message``, and changes nothing
        (Odoo's assertRaises rolls back to a savepoint)."""
        with self.assertRaises(ValidationError) as caught:
            func(*args, **kwargs)
        self.assertIn(message, str(caught.exception))

    def test_cadence_bad_input_refused(self):
        Policy = self.env["rc.care.policy"]
        count = Policy.with_context(active_test=False).search_count([])
        self._assert_refused(
            "8 actions per period: at most 7, one a day",
            self._cadence_policy,
            name="Too often",
            period="week",
            frequency=8,
            lead_days=0,
        )
        self._assert_refused(
            "(7 days) must be shorter than the time between two actions (7 days)",
            self._cadence_policy,
            name="Weekly, long lead",
            period="week",
            lead_days=7,
        )
        self._assert_refused(
            "(15 days) must be shorter",
            self._cadence_policy,
            name="Twice a month",
            frequency=2,
            lead_days=15,
        )
        self.assertEqual(Policy.with_context(active_test=False).search_count([]), count)
        policy = self._cadence_policy(name="Twice a month", frequency=2, lead_days=14)
        self._assert_refused(
            "shorter than the time between two actions",
            policy.write,
            {"period": "week", "frequency": 1},
        )
        self._assert_refused(
            "at least one action per period", policy.write, {"frequency": 0}
        )
        policy.invalidate_recordset()
        self.assertEqual((policy.period, policy.frequency), ("month", 2))
        # Birthdays and holidays have no gap: their lead time is not limited by it.
        self._policy(name="Birthday, long lead", lead_days=30, period="week")

    def test_form_suggests_a_lead_time_that_fits(self):
        form = Form(self.env["rc.care.policy"])
        form.name = "Weekly visit"
        form.occasion_type = "frequency"
        form.action_type = "visit"
        self.assertEqual(form.lead_days, 7)
        form.period = "week"
        self.assertLess(form.lead_days, 7)
        policy = form.save()
        self.assertEqual(policy._care_gap_days(), 7)

    def test_shipped_cadence_grid(self):
        ref = self.env.ref
        grid = {
            "listed_phone": ("phone_visit", 1, "month", "listed", ""),
            "potential_a_visit": ("visit", 2, "month", "potential", "A"),
            "potential_b_visit": ("visit", 1, "month", "potential", "B"),
            "potential_c_phone": ("phone_visit", 2, "month", "potential", "C"),
            "potential_c_visit": ("visit", 1, "quarter", "potential", "C"),
            "intent_visit": ("visit", 1, "week", "intent", ""),
            "active_visit": ("visit", 1, "quarter", "active", ""),
        }
        for name, expected in grid.items():
            policy = ref(f"relationship_care.rc_care_policy_cadence_{name}")
            self.assertEqual(
                (
                    policy.action_type,
                    policy.frequency,
                    policy.period,
                    policy.stage_ids.code,
                    ",".join(policy.potential_level_ids.mapped("code")),
                ),
                expected,
                name,
            )
            policy._check_cadence()

    # --- security of the visit cadence report -------------------------------------------
    def test_visit_cadence_report_visibility(self):
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._place(self.acc_b, self.stage_potential, self.level_b)
        policy = self._cadence_policy(
            name="Potential visits",
            stage_ids=[Command.set(self.stage_potential.ids)],
        )
        self.env["rc.care.compliance"]._update_for_policies(policy, date(2027, 5, 10))
        lines = self._lines(policy)
        line_b = lines.filtered(lambda c: c.partner_id == self.acc_b)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_care.rc_care_compliance_action_visit_cadence"
        )
        domain = safe_eval(action["domain"]) + [("policy_id", "=", policy.id)]

        def seen(user):
            Compliance = self.env["rc.care.compliance"].with_user(user)
            groups = Compliance._read_group(domain, ["potential_level_id"], ["__count"])
            return Compliance.search(domain).partner_id, dict(groups)

        # Sales A: own team's account only, in the list and in the pivot.
        partners, groups = seen(self.user_a)
        self.assertEqual(partners, self.acc_a)
        self.assertEqual(groups, {self.level_a: 1})
        with self.assertRaises(AccessError):
            line_b.with_user(self.user_a).read(["rate"])
        line_a = lines - line_b
        with self.assertRaises(AccessError):
            line_a.with_user(self.user_a).write({"done": 5})
        self.assertEqual(line_a.done, 0)
        # The salesperson who claimed a listed account (no key account manager yet)
        # follows its cadence too.
        listed = self._cadence_policy(
            name="Listed calls",
            action_type="phone_visit",
            stage_ids=[Command.set(self.stage_listed.ids)],
        )
        self.env["rc.care.compliance"]._update_for_policies(listed, date(2027, 5, 10))
        listed_domain = safe_eval(action["domain"]) + [("policy_id", "=", listed.id)]
        self.assertEqual(
            self.env["rc.care.compliance"]
            .with_user(self.user_a)
            .search(listed_domain)
            .partner_id,
            self.acc_c,
        )
        self.assertFalse(
            self.env["rc.care.compliance"].with_user(self.user_b).search(listed_domain)
        )
        # Sales B the other way round; the manager sees both.
        self.assertEqual(seen(self.user_b)[0], self.acc_b)
        self.assertEqual(seen(self.manager)[0], self.acc_a | self.acc_b)
        # A plain employee does not read compliance, nor targets policies.
        with self.assertRaises(AccessError):
            self.env["rc.care.compliance"].with_user(self.employee).search(domain)
        with self.assertRaises(AccessError):
            policy.with_user(self.user_a).write(
                {"stage_ids": [Command.set(self.stage_listed.ids)]}
            )
        self.assertEqual(policy.stage_ids, self.stage_potential)
