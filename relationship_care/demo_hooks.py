# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data that XML cannot express, run by the post-init hook. Without the demo
records (a production database) it does nothing."""

from datetime import timedelta

from lunardate import LunarDate

from odoo import fields


def load_demo(env):
    """Guangzhou Airport's decision maker celebrates his birthday on the lunar calendar:
    give him a birthday whose lunar anniversary is in four days (47 years ago), and
    let the birthday policy find it, as the care job does every day."""
    profile = env.ref(
        "relationship_care.rc_care_profile_gz_airport", raise_if_not_found=False
    )
    if not profile:
        return
    day = fields.Date.context_today(profile) + timedelta(days=4)
    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    born = LunarDate(lunar.year - 47, lunar.month, min(lunar.day, 29)).to_solar_date()
    profile.partner_id.rc_birthdate = born
    env.ref("relationship_care.rc_care_policy_birthday").action_run_now()
