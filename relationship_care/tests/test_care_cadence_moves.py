# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Visit cadence: an account that leaves a policy's stage, sub-level or filter during a
period keeps its line of the period (out of scope), which no longer counts in its rate."""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import CareCadenceCase

OLD = fields.Datetime.to_datetime("2000-01-01 00:00:00")
MAY = date(2027, 5, 1)


@tagged("post_install", "-at_install")
class TestCareCadenceMoves(CareCadenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accounts = cls.acc_a | cls.acc_b
        cls.listed_phone = cls._cadence_policy(
            name="Listed calls",
            action_type="phone_visit",
            stage_ids=[Command.set(cls.stage_listed.ids)],
        )
        cls.potential_visit = cls._cadence_policy(
            name="Potential visits",
            frequency=2,
            lead_days=3,
            stage_ids=[Command.set(cls.stage_potential.ids)],
        )
        cls.policies = cls.listed_phone | cls.potential_visit
        cls.Compliance = cls.env["rc.care.compliance"]

    def _line(self, policy, account, start=MAY):
        return self.Compliance.search(
            [
                ("policy_id", "=", policy.id),
                ("partner_id", "=", account.id),
                ("period_start", "=", start),
            ]
        )

    def _update(self, today, policies=None):
        self.Compliance._update_for_policies(policies or self.policies, today)

    def _row_versions(self):
        """Physical row versions (ctid) of the policies' lines and of the accounts: an
        UPDATE, even one that writes the same values, gives a row a new one."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, ctid::text FROM rc_care_compliance WHERE policy_id IN %s",
            (tuple(self.policies.ids),),
        )
        lines = dict(self.env.cr.fetchall())
        self.env.cr.execute(
            "SELECT id, ctid::text FROM res_partner WHERE id IN %s",
            (tuple(self.accounts.ids),),
        )
        return lines, dict(self.env.cr.fetchall())

    def _rate(self, account):
        account.invalidate_recordset(["rc_care_compliance"])
        return account.rc_care_compliance

    def _stored_rate(self, account):
        """The column itself: the ORM reads NULL (no rate) as 0.0."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT rc_care_compliance FROM res_partner WHERE id = %s", (account.id,)
        )
        return self.env.cr.fetchone()[0]

    # --- an account moves Listed -> Potential -> Listed mid-period ------------------
    def test_account_leaves_and_returns_mid_period(self):
        self._place(self.acc_a, self.stage_listed)
        self._place(self.acc_b, self.stage_potential, self.level_a)
        self._interaction(self.acc_a, date(2027, 4, 20), "call")
        self._interaction(self.acc_a, date(2027, 5, 3), "call")
        self._interaction(self.acc_b, date(2027, 5, 4), "visit")
        self._update(date(2027, 4, 28))  # April: the listed line of a past period
        self._update(date(2027, 5, 6))
        listed_a = self._line(self.listed_phone, self.acc_a)
        april_a = self._line(self.listed_phone, self.acc_a, date(2027, 4, 1))
        self.assertEqual((listed_a.rate, listed_a.in_scope), (100.0, True))
        self.assertEqual(self._rate(self.acc_a), 100.0)
        self.assertEqual(self._rate(self.acc_b), 50.0)

        # Listed -> Potential on 10 May: the Listed call requirement stays on its line
        # (what was required while it was there) but leaves the account's rate, which
        # is the potential visits' only (none yet).
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._update(date(2027, 5, 10))
        potential_a = self._line(self.potential_visit, self.acc_a)
        self.assertEqual(
            (
                listed_a.in_scope,
                listed_a.stage_id,
                listed_a.done,
                listed_a.rate,
            ),
            (False, self.stage_listed, 1, 100.0),
        )
        self.assertEqual(
            (potential_a.in_scope, potential_a.stage_id, potential_a.rate),
            (True, self.stage_potential, 0.0),
        )
        self.assertEqual(self._rate(self.acc_a), 0.0)
        # The line of April (the account was listed then) and the other account's lines
        # are untouched.
        self.assertTrue(april_a.in_scope)
        self.assertTrue(self._line(self.potential_visit, self.acc_b).in_scope)
        self.assertEqual(self._rate(self.acc_b), 50.0)
        # The care job no longer counts its calls for the listed policy, but the line
        # keeps what was done while it was there.
        self._interaction(self.acc_a, date(2027, 5, 11), "call")
        self._interaction(self.acc_a, date(2027, 5, 11), "visit")
        self._update(date(2027, 5, 12))
        self.assertEqual((listed_a.done, listed_a.in_scope), (1, False))
        self.assertEqual((potential_a.done, potential_a.rate), (1, 50.0))
        self.assertEqual(self._rate(self.acc_a), 50.0)

        # Run twice with nothing new: no line and no account is written again.
        self.env.cr.execute(
            "UPDATE rc_care_compliance SET write_date = %s WHERE policy_id IN %s",
            (OLD, tuple(self.policies.ids)),
        )
        self.Compliance.invalidate_model()
        before = self._row_versions()
        self._update(date(2027, 5, 12))
        self.assertEqual(self._row_versions(), before)
        lines = self.Compliance.search([("policy_id", "in", self.policies.ids)])
        self.assertEqual(set(lines.mapped("write_date")), {OLD})

        # Back to Listed: the listed line is in scope again (with the calls done all
        # period), the potential one out; the rate is the listed policy's.
        self._place(self.acc_a, self.stage_listed)
        self._update(date(2027, 5, 13))
        self.assertEqual(
            (listed_a.in_scope, listed_a.done, listed_a.rate), (True, 2, 100.0)
        )
        self.assertNotEqual(listed_a.write_date, OLD)
        self.assertEqual(
            (potential_a.in_scope, potential_a.stage_id),
            (False, self.stage_potential),
        )
        self.assertEqual(self._rate(self.acc_a), 100.0)
        before = self._row_versions()
        self._update(date(2027, 5, 13))
        self.assertEqual(self._row_versions(), before)

        # Out of every policy (Intent has none here): no rate, as an account never
        # targeted; the lines stay for the report.
        self._place(self.acc_a, self.stage_intent)
        self._update(date(2027, 5, 14))
        self.assertFalse((listed_a | potential_a).filtered("in_scope"))
        self.assertIsNone(self._stored_rate(self.acc_a))
        self.assertEqual(self._rate(self.acc_b), 50.0)

    def test_care_job_twice_writes_nothing(self):
        """The scheduled job itself (occasions, then compliance), run twice."""
        self._place(self.acc_a, self.stage_listed)
        self._place(self.acc_b, self.stage_potential, self.level_a)
        Policy = self.env["rc.care.policy"]
        today = date(2027, 5, 10)
        Policy._cron_run_care(today=today, policies=self.policies, commit=False)
        self._place(self.acc_a, self.stage_potential, self.level_a)
        Policy._cron_run_care(today=today, policies=self.policies, commit=False)
        listed_a = self._line(self.listed_phone, self.acc_a)
        self.assertFalse(listed_a.in_scope)
        self.assertEqual(self._rate(self.acc_a), 0.0)
        before = self._row_versions()
        self.assertEqual(
            Policy._cron_run_care(today=today, policies=self.policies, commit=False), 0
        )
        self.assertEqual(self._row_versions(), before)

    # --- the account filter and the policy's period ---------------------------------
    def test_account_filter_and_period_change(self):
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._place(self.acc_b, self.stage_potential, self.level_a)
        policy = self.potential_visit
        self._update(date(2027, 5, 10), policy)
        line_a = self._line(policy, self.acc_a)
        line_b = self._line(policy, self.acc_b)
        # The filter drops acc_b: its line goes out of scope, acc_a's stays.
        policy.account_domain = f"[('id', '=', {self.acc_a.id})]"
        self._update(date(2027, 5, 10), policy)
        self.assertEqual((line_a.in_scope, line_b.in_scope), (True, False))
        self.assertIsNone(self._stored_rate(self.acc_b))
        # A filter no account passes: every line of the period goes out of scope.
        policy.account_domain = "[('id', '=', 0)]"
        self._update(date(2027, 5, 10), policy)
        self.assertFalse((line_a | line_b).filtered("in_scope"))
        self.assertIsNone(self._stored_rate(self.acc_a))
        # acc_a passes the filter again: its line is back in scope.
        policy.account_domain = f"[('id', '=', {self.acc_a.id})]"
        self._update(date(2027, 5, 10), policy)
        self.assertEqual((line_a.in_scope, line_b.in_scope), (True, False))
        self.assertEqual(self._rate(self.acc_a), 0.0)
        # Weekly from now on: the month's line is no longer the period's, the week's is.
        policy.write({"period": "week", "frequency": 1})
        self._interaction(self.acc_a, date(2027, 5, 11), "visit")
        self._update(date(2027, 5, 12), policy)
        week_a = self._line(policy, self.acc_a, date(2027, 5, 10))
        self.assertEqual(
            (week_a.period_end, week_a.in_scope, week_a.rate),
            (date(2027, 5, 16), True, 100.0),
        )
        self.assertFalse(line_a.in_scope)
        self.assertEqual(self._rate(self.acc_a), 100.0)

    # --- who changes the flag -------------------------------------------------------
    def test_flag_is_the_job_s(self):
        self._place(self.acc_a, self.stage_listed)
        self._update(date(2027, 5, 10))
        line = self._line(self.listed_phone, self.acc_a)
        with self.assertRaises(AccessError):
            line.with_user(self.user_a).write({"in_scope": False})
        self.assertTrue(line.in_scope)
        # A manager may edit lines, but the next run puts the flag back as it is.
        line.with_user(self.manager).write({"in_scope": False})
        self._update(date(2027, 5, 10))
        self.assertTrue(line.in_scope)
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._update(date(2027, 5, 10))
        line.with_user(self.manager).write({"in_scope": True})
        self._update(date(2027, 5, 10))
        self.assertFalse(line.in_scope)
        # A line without the flag (written by SQL) gets it from the next run too.
        self.env.cr.execute(
            "UPDATE rc_care_compliance SET in_scope = NULL WHERE id = %s", (line.id,)
        )
        line.invalidate_recordset()
        self._update(date(2027, 5, 10))
        self.assertIs(line.in_scope, False)
        self.env.cr.execute(
            "SELECT in_scope FROM rc_care_compliance WHERE id = %s", (line.id,)
        )
        self.assertIs(self.env.cr.fetchone()[0], False)

    def test_reports_show_lines_in_scope_by_default(self):
        self._place(self.acc_a, self.stage_listed)
        self._update(date(2027, 5, 10))
        self._place(self.acc_a, self.stage_potential, self.level_a)
        self._update(date(2027, 5, 10))
        filters = self.Compliance.get_views([(False, "search")])["views"]["search"]
        self.assertIn('name="in_scope"', filters["arch"])
        for xmlid in (
            "relationship_care.rc_care_compliance_action_visit_cadence",
            "relationship_care.rc_care_compliance_action",
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            self.assertTrue(safe_eval(action["context"]).get("search_default_in_scope"))
        # The default filter: the director sees the account under Potential only.
        groups = self.Compliance.with_user(self.manager)._read_group(
            [
                ("policy_id", "in", self.policies.ids),
                ("partner_id", "=", self.acc_a.id),
                ("in_scope", "=", True),
            ],
            ["stage_id"],
            ["__count"],
        )
        self.assertEqual(dict(groups), {self.stage_potential: 1})

    # --- cost ---------------------------------------------------------------------------
    def test_queries_do_not_grow_with_accounts_leaving(self):
        policy = self._cadence_policy(
            name="Potential bulk",
            account_domain="[('name', '=like', 'RC Moves %')]",
            stage_ids=[Command.set(self.stage_potential.ids)],
        )
        Partner = self.env["res.partner"]
        today = date(2027, 5, 10)

        def queries_for(count):
            accounts = Partner.create(
                [
                    {"name": f"RC Moves {count}-{i}", "is_company": True}
                    for i in range(count)
                ]
            )
            for account in accounts:
                self._place(account, self.stage_potential, self.level_a)
            self._update(today, policy)
            # All of them leave: one UPDATE puts their lines out of scope.
            for account in accounts:
                self._place(account, self.stage_listed)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._update(today, policy)
            return self.env.cr.sql_log_count - before

        few = queries_for(3)
        many = queries_for(30)
        self.assertEqual(few, many)
        lines = self.Compliance.search([("policy_id", "=", policy.id)])
        self.assertEqual(len(lines), 33)
        self.assertFalse(lines.filtered("in_scope"))
