# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import holidays
from freezegun import freeze_time
from lunardate import LunarDate

from odoo import Command
from odoo.tests import tagged

from odoo.addons.relationship_care.models.rc_care_policy import (
    birthday_key,
    birthday_keys_by_date,
)

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestLunarHolidays(RelationshipCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Born on the first day of the first lunar month (16 Feb 1980).
        cls.lunar_person = cls.env["res.partner"].create(
            {
                "name": "Lunar Person",
                "parent_id": cls.acc_a.id,
                "kam_decision_role": "decision_maker",
                "birthdate_date": LunarDate(1980, 1, 1).to_solar_date(),
            }
        )
        cls.env["rc.care.profile"].create(
            {"partner_id": cls.lunar_person.id, "lunar_birthday": True}
        )

    def test_library_dates(self):
        self.assertEqual(LunarDate(2027, 1, 1).to_solar_date(), date(2027, 2, 6))
        self.assertEqual(LunarDate(2028, 1, 1).to_solar_date(), date(2028, 1, 26))
        for year, first_day in ((2027, date(2027, 2, 6)), (2028, date(2028, 1, 26))):
            for country in ("CN", "TW"):
                calendar = holidays.country_holidays(
                    country, years=year, language="en_US"
                )
                self.assertIn("Chinese New Year", calendar.get(first_day))

    def test_birthday_keys(self):
        # A key person's birthday is private: in the care profile, not in OCA's
        # shared Birthdate.
        self.assertFalse(self.lunar_person.birthdate_date)
        profile = self.lunar_person.rc_care_profile_ids
        self.assertEqual(profile.birthdate, date(1980, 2, 16))
        self.assertEqual(profile.birthday_key, 10101)
        self.assertEqual(birthday_key(date(1975, 3, 10)), 310)
        keys = birthday_keys_by_date(date(2027, 2, 5), date(2027, 2, 7))
        self.assertEqual(keys[10101], date(2027, 2, 6))
        self.assertEqual(keys[206], date(2027, 2, 6))
        # Feb 29 birthdays are kept on Feb 28 in common years.
        self.assertEqual(
            birthday_keys_by_date(date(2027, 2, 28), date(2027, 2, 28))[229],
            date(2027, 2, 28),
        )
        self.assertNotIn(
            229, birthday_keys_by_date(date(2028, 2, 28), date(2028, 2, 28))
        )

    def _run(self, policy):
        return self.env["rc.care.policy"]._cron_run_care(policies=policy)

    def _occasion(self, policy, partner):
        return self.env["rc.care.occasion"].search(
            [("policy_id", "=", policy.id), ("partner_id", "=", partner.id)]
        )

    def test_lunar_birthday_two_years(self):
        policy = self._policy(name="Lunar birthdays", lead_days=10)
        with freeze_time("2027-01-30"):
            self._run(policy)
        self.assertEqual(
            self._occasion(policy, self.lunar_person).date, date(2027, 2, 6)
        )
        with freeze_time("2028-01-20"):
            self._run(policy)
        occasions = self._occasion(policy, self.lunar_person)
        self.assertEqual(
            sorted(occasions.mapped("date")), [date(2027, 2, 6), date(2028, 1, 26)]
        )
        # The solar anniversary (16 Feb) does not count for a lunar birthday.
        with freeze_time("2027-02-12"):
            self._run(policy)
        self.assertEqual(len(self._occasion(policy, self.lunar_person)), 2)

    def test_spring_festival_cn_and_tw_two_years(self):
        policy = self._policy(
            name="Spring Festival",
            occasion_type="holiday",
            lead_days=10,
            holiday_ids=[
                Command.set(
                    [
                        self.env.ref(
                            "relationship_care.rc_care_holiday_spring_festival"
                        ).id,
                        self.env.ref(
                            "relationship_care.rc_care_holiday_national_day"
                        ).id,
                    ]
                )
            ],
        )
        with freeze_time("2027-01-30"):
            self._run(policy)
            self._run(policy)
        for person in (self.person_a, self.person_b, self.lunar_person):
            occasion = self._occasion(policy, person)
            self.assertEqual(
                occasion.occasion_key, "holiday:spring_festival:2027-02-06"
            )
            self.assertEqual(occasion.date, date(2027, 2, 6))
        self.assertEqual(len(self._activities(self.person_b, policy)), 1)
        self.assertEqual(self._activities(self.person_b, policy).user_id, self.user_b)
        self.assertFalse(self._occasion(policy, self.supplier_person))
        with freeze_time("2028-01-20"):
            self._run(policy)
        self.assertEqual(
            sorted(self._occasion(policy, self.person_b).mapped("date")),
            [date(2027, 2, 6), date(2028, 1, 26)],
        )
        # National Day is 1 October in CN and 10 October in TW.
        with freeze_time("2027-09-28"):
            self._run(policy)
        self.assertIn(
            date(2027, 10, 1), self._occasion(policy, self.person_a).mapped("date")
        )
        self.assertNotIn(
            date(2027, 10, 1), self._occasion(policy, self.person_b).mapped("date")
        )
        with freeze_time("2027-10-05"):
            self._run(policy)
        self.assertIn(
            date(2027, 10, 10), self._occasion(policy, self.person_b).mapped("date")
        )

    def test_lunar_day_30_in_a_short_month(self):
        # lunardate does not refuse day 30 of a short month: find one by its length.
        for month in range(1, 13):
            first = LunarDate(2027, month, 1).to_solar_date()
            following = (
                LunarDate(2027, month + 1, 1).to_solar_date() if month < 12 else None
            )
            if following and (following - first).days == 29:
                break
        day = LunarDate(2027, month, 29).to_solar_date()
        keys = birthday_keys_by_date(day, day)
        self.assertEqual(keys[10000 + month * 100 + 29], day)
        self.assertEqual(keys[10000 + month * 100 + 30], day)
