# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo data that XML cannot express, run by the post-init hook. Without the demo
records (a production database) it does nothing."""

import random
from datetime import timedelta

from lunardate import LunarDate

from odoo import fields

# Days an account typically spends in a stage before the next move (low, high), by the
# code of the stage it leaves.
STAGE_DAYS = {
    "target": (15, 60),
    "listed": (20, 75),
    "potential": (30, 90),
    "intent": (40, 120),
    "order": (30, 100),
    "active": (120, 220),
}


DEMO_USER_LANGS = {
    "user_kam_wang": "zh_CN",
    "user_kam_li": "zh_CN",
    "user_kam_zhao": "zh_CN",
    "user_kam_chen": "zh_CN",
    "user_kam_lin": "zh_TW",
}


def load_demo(env):
    """Guangzhou Airport's decision maker celebrates his birthday on the lunar calendar:
    give him a birthday whose lunar anniversary is in four days (47 years ago), and
    let the birthday policy find it, as the care job does every day. Then spread the
    demo accounts' lifecycle over the past eighteen months."""
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
    _backdate_account_lifecycle(env)
    _demo_users_language(env)


def _demo_users_language(env):
    """The salespeople of the demo work in Chinese, Taipei's in Traditional: when the
    database has those languages (scripts/start.sh loads them), they log in in it."""
    active = set(env["res.lang"].search([]).mapped("code"))
    for login, lang in DEMO_USER_LANGS.items():
        user = env.ref(f"key_account_management.{login}", raise_if_not_found=False)
        if user and lang in active:
            user.lang = lang


def _backdate_account_lifecycle(env):
    """The demo accounts walk the funnel while the module installs, all in one second.
    Date each account's moves back over the past eighteen months, with stage durations
    that vary by account, so that the funnel report shows conversions and days per
    stage; a customer enters Order when its first deal was won. The stage history is
    an audit trail no user may write: the superuser dates it here, as the migration of
    a real history would."""
    data = (
        env["ir.model.data"]
        .sudo()
        .search(
            [
                ("module", "=", "key_account_management"),
                ("model", "=", "res.partner"),
                ("name", "=like", "acc\\_%"),
            ]
        )
    )
    partners = env["res.partner"].sudo().browse(data.mapped("res_id")).exists()
    partners = partners.filtered("is_company")
    now = fields.Datetime.now()
    History = env["kam.stage.history"].sudo()
    lines_by_partner = {}
    for line in History.search([("partner_id", "in", partners.ids)], order="id"):
        lines_by_partner.setdefault(line.partner_id, History)
        lines_by_partner[line.partner_id] |= line
    first_won = {}
    won_leads = (
        env["crm.lead"]
        .sudo()
        .search(
            [("partner_id", "in", partners.ids), ("stage_id.is_won", "=", True)],
            order="date_closed",
        )
    )
    for lead in won_leads:
        first_won.setdefault(lead.partner_id, lead.date_closed)
    for partner, lines in lines_by_partner.items():
        dates = _story_dates(partner, lines, first_won.get(partner), now)
        previous = None
        for line, date in zip(lines, dates, strict=True):
            line.write(
                {
                    "date": date,
                    "days_in_previous": (date - previous).total_seconds() / 86400
                    if previous
                    else 0.0,
                    "user_id": (
                        line.salesperson_id
                        or partner.kam_manager_id
                        or line.territory_id.manager_id
                        or line.user_id
                    ).id,
                }
            )
            previous = date
        partner.kam_stage_date = dates[-1]
    _backdate_walk_claims(env, lines_by_partner)


def _fit(gaps, room):
    """Shrink the day gaps to fit in ``room`` days (a week at least each)."""
    total = sum(gaps)
    if total <= room or not total:
        return gaps
    return [max(7, gap * room // total) for gap in gaps]


def _story_dates(partner, lines, won_date, now):
    """One date per history line of ``partner``, oldest first."""
    rng = random.Random(partner.name)  # the same story on every install
    # gaps[i]: the days between move i and move i + 1, by the stage move i entered
    gaps = [
        rng.randint(*STAGE_DAYS.get(line.stage_to_id.code, (30, 90)))
        for line in lines[:-1]
    ]
    earliest = now - timedelta(days=540)
    latest = now - timedelta(days=rng.randint(10, 60), hours=rng.randint(0, 8))
    codes = [line.stage_to_id.code for line in lines]
    if won_date and "order" in codes:
        # the first won deal made the account a customer
        pivot = codes.index("order")
        anchor = max(won_date + timedelta(hours=rng.randint(1, 30)), earliest)
    else:
        pivot = len(lines) - 1
        anchor = latest
    before = _fit(gaps[:pivot], (anchor - earliest).days)
    after = _fit(gaps[pivot:], max((now - timedelta(days=5) - anchor).days, 0))
    dates = [anchor]
    for gap in reversed(before):
        dates.insert(0, dates[0] - timedelta(days=gap))
    for gap in after:
        dates.append(dates[-1] + timedelta(days=gap))
    return dates


def _backdate_walk_claims(env, lines_by_partner):
    """The claims the customers had on their way (ended when their opportunity
    opened) start and end with the moves they served."""
    Claim = env["kam.claim"].sudo()
    for partner, lines in lines_by_partner.items():
        claims = Claim.search(
            [("partner_id", "=", partner.id), ("state", "=", "released")]
        )
        listed = lines.filtered(lambda h: h.stage_to_id.require_claim)[:1]
        released = lines.filtered(lambda h: h.stage_to_id.require_opportunity)[:1]
        if claims and listed and released:
            claims.write(
                {
                    "date_claimed": listed.date - timedelta(days=2),
                    "date_released": released.date,
                }
            )
