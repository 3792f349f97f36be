# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time
from lunardate import LunarDate

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import RelationshipCareCase

POLICY_LOGGER = "odoo.addons.relationship_care.models.rc_care_policy"
OLD = fields.Datetime.to_datetime("2000-01-01 00:00:00")


def short_lunar_month(year):
    """A lunar month of ``year`` that has 29 days, with the solar date of its day 29."""
    for month in range(1, 12):
        day_29 = LunarDate(year, month, 29).to_solar_date()
        following = LunarDate.from_solar_date(
            *(day_29 + timedelta(days=1)).timetuple()[:3]
        )
        if following.day == 1:
            return month, day_29
    raise AssertionError("no lunar month of 29 days")


def born_on_lunar_day_30(month):
    """A solar birthdate (1960-1989) that is day 30 of lunar ``month``."""
    for year in range(1960, 1990):
        solar = LunarDate(year, month, 30).to_solar_date()
        lunar = LunarDate.from_solar_date(solar.year, solar.month, solar.day)
        if (lunar.month, lunar.day, lunar.is_leap_month) == (month, 30, False):
            return solar
    raise AssertionError("no lunar day 30")


@tagged("post_install", "-at_install")
class TestCareBadInput(RelationshipCareCase):
    """The care job with data it must refuse, skip or handle: it always finishes."""

    def _run(self, policies=None):
        return self.env["rc.care.policy"]._cron_run_care(policies=policies)

    def _break_filter(self, policy, domain="[('rc_field_removed', '=', 1)]"):
        """A filter that worked when saved and no longer does (its field was removed
        by an upgrade): only the database can hold it, the form refuses it."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE rc_care_policy SET account_domain = %s WHERE id = %s",
            (domain, policy.id),
        )
        policy.invalidate_recordset(["account_domain"])

    def test_invalid_filter_refused_on_save(self):
        policy = self._policy(name="Filter")
        for domain in (
            "[('rc_field_removed', '=', 1)]",  # unknown field
            "[('kam_tier', '=', ",  # not Python
            "42",  # not a list
            "[('id', '=', 'not a number')]",  # fails in the database only
        ):
            # The database refuses the last one: its error is logged, as any bad query.
            with (
                self.subTest(domain=domain),
                mute_logger("odoo.sql_db"),
                self.assertRaises(ValidationError) as caught,
            ):
                policy.write({"account_domain": domain})
            self.assertIn(
                "The account filter of Filter is not valid", str(caught.exception)
            )
        # The transaction is still usable after the database refused a filter, and a
        # working filter is kept.
        policy.write({"account_domain": "[('kam_tier', 'in', ['key', 'strategic'])]"})
        self.assertEqual(
            policy.account_domain, "[('kam_tier', 'in', ['key', 'strategic'])]"
        )

    @freeze_time("2027-03-05")
    def test_broken_policy_skipped_logged_others_run(self):
        good = self._policy(name="Good birthdays")
        broken = self._policy(name="Broken birthdays")
        self._break_filter(broken)
        with self.assertLogs(POLICY_LOGGER, "WARNING") as logs:
            self.assertEqual(self._run(), 1)
        self.assertIn("Broken birthdays", "\n".join(logs.output))
        self.assertNotIn("Good birthdays", "\n".join(logs.output))
        self.assertEqual(len(self._activities(self.person_a, good)), 1)
        self.assertFalse(
            self.env["rc.care.occasion"].search([("policy_id", "=", broken.id)])
        )
        # Twice: still skipped, nothing twice for the good one.
        with self.assertLogs(POLICY_LOGGER, "WARNING"):
            self.assertEqual(self._run(), 0)
        self.assertEqual(len(self._activities(self.person_a, good)), 1)

    @freeze_time("2027-03-05")
    @users("rc_manager")
    def test_run_now_of_a_broken_policy_tells_the_user(self):
        good = self._policy(name="Good now")
        broken = self._policy(name="Broken now")
        self._break_filter(broken)
        with self.assertRaises(UserError) as caught:
            broken.with_user(self.env.user).action_run_now()
        self.assertIn("Broken now", str(caught.exception))
        good.with_user(self.env.user).action_run_now()
        self.assertEqual(len(self._activities(self.person_a, good)), 1)

    @freeze_time("2027-03-05")
    def test_people_without_birthday_company_or_active_account(self):
        Partner = self.env["res.partner"]
        no_birthday = Partner.create(
            {
                "name": "No Birthday",
                "parent_id": self.acc_a.id,
                "kam_decision_role": "decision_maker",
            }
        )
        # A person without a company (no parent account) is nobody's key person here.
        loner = Partner.create(
            {
                "name": "Loner",
                "kam_decision_role": "approver",
                "birthdate_date": date(1970, 3, 9),
            }
        )
        archived_account = Partner.create(
            {
                "name": "RC Archived Account",
                "is_company": True,
                "kam_tier": "key",
                "kam_manager_id": self.user_a.id,
            }
        )
        in_archived = Partner.create(
            {
                "name": "In Archived Account",
                "parent_id": archived_account.id,
                "kam_decision_role": "approver",
                "birthdate_date": date(1970, 3, 8),
            }
        )
        archived_person = Partner.create(
            {
                "name": "Archived Person",
                "parent_id": self.acc_a.id,
                "kam_decision_role": "approver",
                "birthdate_date": date(1970, 3, 7),
            }
        )
        archived_account.active = False
        archived_person.active = False
        ids = [self.acc_a.id, self.acc_b.id, archived_account.id]
        policy = self._policy(
            name="Everybody",
            account_domain=f"['|', ('id', 'in', {ids}), ('id', '=', {loner.id})]",
        )
        self.assertEqual(self._run(policy), 1)
        self.assertEqual(len(self._activities(self.person_a, policy)), 1)
        self.assertFalse(
            self._activities(
                no_birthday | loner | in_archived | archived_person, policy
            )
        )
        self.assertEqual(self._run(policy), 0)

    def test_lunar_day_30_in_a_29_day_month(self):
        month, day_29 = short_lunar_month(2027)
        person = self.env["res.partner"].create(
            {
                "name": "Born on a day 30",
                "parent_id": self.acc_a.id,
                "kam_decision_role": "decision_maker",
                "birthdate_date": born_on_lunar_day_30(month),
            }
        )
        self.env["rc.care.profile"].create(
            {"partner_id": person.id, "lunar_birthday": True}
        )
        self.assertEqual(
            person.rc_care_profile_ids.birthday_key, 10000 + month * 100 + 30
        )
        policy = self._policy(name="Lunar day 30", lead_days=0)
        with freeze_time(day_29):
            self.assertEqual(self._run(policy), 1)
            self.assertEqual(self._run(policy), 0)
        occasion = self.env["rc.care.occasion"].search(
            [("policy_id", "=", policy.id), ("partner_id", "=", person.id)]
        )
        # Kept on day 29, the month's last day, once.
        self.assertEqual(occasion.date, day_29)
        self.assertEqual(len(self._activities(person, policy)), 1)


@tagged("post_install", "-at_install")
class TestCareCompliance(RelationshipCareCase):
    def test_second_run_rewrites_nothing_new_interaction_updates(self):
        policy = self._policy(
            name="Quarterly visit",
            occasion_type="frequency",
            action_type="visit",
            visit_seniority="account_manager",
            frequency=2,
            period="quarter",
        )
        Compliance = self.env["rc.care.compliance"]
        today = date(2027, 5, 10)
        self.env["rc.interaction"].create(
            {
                "name": "Visit",
                "account_id": self.acc_a.id,
                "date": date(2027, 4, 20),
                "user_id": self.user_a.id,
                "participant_ids": [(6, 0, self.user_a.ids)],
            }
        )
        Compliance._update_for_policies(policy, today)
        lines = Compliance.search([("policy_id", "=", policy.id)])
        self.assertEqual(
            {(line.partner_id, line.done, line.rate) for line in lines},
            {(self.acc_a, 1, 50.0), (self.acc_b, 0, 0.0)},
        )
        self.assertEqual(self.acc_a.rc_care_compliance, 50.0)
        # Mark the lines as old: a second run with nothing new must leave them so.
        self.env.cr.execute(
            "UPDATE rc_care_compliance SET write_date = '2000-01-01' WHERE policy_id = %s",
            (policy.id,),
        )
        Compliance.invalidate_model()
        Compliance._update_for_policies(policy, today)
        self.assertEqual(set(lines.mapped("write_date")), {OLD})
        # A second visit: only acc_a's line is rewritten.
        self.env["rc.interaction"].create(
            {
                "name": "Visit 2",
                "account_id": self.acc_a.id,
                "date": date(2027, 5, 2),
                "user_id": self.user_a.id,
                "participant_ids": [(6, 0, self.user_a.ids)],
            }
        )
        Compliance._update_for_policies(policy, today)
        line_a = lines.filtered(lambda line: line.partner_id == self.acc_a)
        self.assertEqual((line_a.done, line_a.rate), (2, 100.0))
        self.assertNotEqual(line_a.write_date, OLD)
        self.assertEqual((lines - line_a).write_date, OLD)
        self.assertEqual(self.acc_a.rc_care_compliance, 100.0)

    def test_compliance_queries_do_not_grow_with_accounts(self):
        policy = self._policy(
            name="Yearly event",
            occasion_type="frequency",
            action_type="social_event",
            account_domain="[('kam_tier', '=', 'key'), ('name', '=like', 'RC Bulk %')]",
        )
        Partner = self.env["res.partner"]
        Compliance = self.env["rc.care.compliance"]
        today = date(2027, 5, 10)

        def queries_for(count):
            Partner.create(
                [
                    {
                        "name": f"RC Bulk {count}-{i}",
                        "is_company": True,
                        "kam_tier": "key",
                    }
                    for i in range(count)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Compliance._update_for_policies(policy, today)
            return self.env.cr.sql_log_count - before

        # Accounts of one policy: searched once, counted once, upserted once, then one
        # update of the accounts' rates; 3 accounts or 30 more, the same queries.
        few = queries_for(3)
        many = queries_for(30)
        self.assertEqual(few, many)
        self.assertEqual(Compliance.search_count([("policy_id", "=", policy.id)]), 33)
