# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Base data of the scale benchmark, seeded once with set-based SQL (generate_series).

At --scale 1.0: 100,000 companies (ref ``scale-bench``), 10,000 of them key accounts in
the lifecycle (stage, territory, one of 50 salespeople as key account manager: 200 each),
two contacts per company, and bad input the jobs must survive:

- companies without a company (``company_id`` empty), every 97th;
- archived key accounts, every 1,000th company;
- contacts without a birthday (every third);
- care profiles with a lunar birthday on day 30 of a month that has 29 days that year;
- a care policy whose account filter names a field that does not exist (written by SQL:
  the form refuses it).

Other benchmark modules find the accounts by ``SEED_TAG`` and the salespeople by
``USER_LOGIN``.
"""

import logging
import time
from datetime import date, timedelta

_logger = logging.getLogger("scale_benchmark")

SEED_TAG = "scale-bench"
USER_LOGIN = "scale.bench.%s"
USERS = 50
TERRITORIES = 10
BROKEN_POLICY = "Bench policy with an invalid account filter"


def users(env):
    return env["res.users"].search([("login", "=like", USER_LOGIN % "%")], order="id")


def _seed_users(env):
    found = users(env)
    if found:
        return found
    if not env["res.lang"]._lang_get("zh_CN"):
        # The reader's language: half the salespeople read Chinese.
        env["res.lang"]._activate_lang("zh_CN")
        env["ir.module.module"].search(
            [("state", "=", "installed")]
        )._update_translations("zh_CN")
    group = env.ref("key_account_management.group_kam_user")
    found = (
        env["res.users"]
        .with_context(no_reset_password=True, tracking_disable=True)
        .create(
            [
                {
                    "name": "Bench Wang" if i == 0 else f"Bench Salesperson {i}",
                    "login": USER_LOGIN % i,
                    "lang": "zh_CN" if i % 2 else "en_US",
                    "groups_id": [(6, 0, group.ids)],
                }
                for i in range(USERS)
            ]
        )
    )
    territories = env["kam.territory"].create(
        [
            {
                "name": f"Bench Territory {t}",
                "code": f"SB-{t}",
                "user_ids": [(6, 0, found[t::TERRITORIES].ids)],
            }
            for t in range(TERRITORIES)
        ]
    )
    env.flush_all()
    _logger.info("Created %d salespeople, %d territories", len(found), len(territories))
    return found


def lunar_day30_dates(year_from=1960, year_to=1990):
    """Solar dates whose lunar date is day 30 of a regular month (not a leap month)."""
    from lunardate import LunarDate

    result = []
    day = date(year_from, 1, 1)
    while day < date(year_to, 1, 1):
        lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
        if lunar.day == 30 and not lunar.is_leap_month:
            result.append((day, 10000 + lunar.month * 100 + 30))
        day += timedelta(days=1)
    return result


def seed(env, scale):
    cr = env.cr
    cr.execute("SELECT count(*) FROM res_partner WHERE ref = %s", (SEED_TAG,))
    if cr.fetchone()[0]:
        _logger.info("Base seed already present: reusing it")
        return
    started = time.perf_counter()
    salespeople = _seed_users(env)
    territories = env["kam.territory"].search([("code", "=like", "SB-%")], order="id")
    stage = env.ref
    stages = [
        stage(f"key_account_management.kam_account_stage_{code}").id
        for code in ("potential", "intent", "order", "active", "active", "active")
    ]
    companies = int(100_000 * scale)
    cn, tw = env.ref("base.cn").id, env.ref("base.tw").id
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, ref, is_company, active, type, lang,
               company_id, country_id, kam_tier, kam_stage_id, kam_territory_id,
               kam_manager_id, partner_share, create_date, write_date, create_uid,
               write_uid)
        SELECT 'Scale Account ' || g, 'Scale Account ' || g, %(tag)s, true,
               g %% 1000 <> 0, 'contact', 'zh_CN',
               CASE WHEN g %% 97 = 0 THEN NULL ELSE %(company)s END,
               CASE WHEN g %% 5 = 0 THEN %(tw)s ELSE %(cn)s END,
               CASE WHEN g %% 10 = 0 THEN 'key' WHEN g %% 10 < 4 THEN 'regular'
                    ELSE 'potential' END,
               CASE WHEN g %% 10 = 0 THEN (%(stages)s::int[])[1 + (g / 10) %% 6] END,
               CASE WHEN g %% 10 = 0 THEN
                    (%(territories)s::int[])[1 + ((g / 10) %% %(nusers)s) %% %(nterr)s] END,
               CASE WHEN g %% 10 = 0 THEN
                    (%(users)s::int[])[1 + (g / 10) %% %(nusers)s] END,
               true, now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM generate_series(1, %(n)s) g
        """,
        {
            "tag": SEED_TAG,
            "company": env.company.id,
            "tw": tw,
            "cn": cn,
            "stages": stages,
            "territories": territories.ids,
            "nterr": len(territories),
            "users": salespeople.ids,
            "nusers": len(salespeople),
            "n": companies,
        },
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE ref = %s AND is_company",
        (SEED_TAG,),
    )
    # Two contacts per company; every third has no birthday.
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, ref, is_company, active, type,
               parent_id, commercial_partner_id, company_id, country_id, lang,
               kam_is_key_person, kam_decision_role, birthdate_date, partner_share, email,
               create_date, write_date, create_uid, write_uid)
        SELECT 'Scale Person ' || a.id || '-' || k, a.name || ', Scale Person ' || k,
               %(tag)s, false, a.active, 'contact', a.id, a.id, a.company_id,
               a.country_id, 'zh_CN', a.kam_tier = 'key',
               CASE WHEN a.kam_tier = 'key' THEN
                    (ARRAY['decision_maker', 'coach'])[k] END,
               CASE WHEN (a.id + k) %% 3 <> 0 THEN
                    DATE '1960-01-01' + ((a.id * 37 + k * 101) %% 10957) END,
               true, 'p' || a.id || '-' || k || '@scale.example.com',
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner a, generate_series(1, 2) k
         WHERE a.ref = %(tag)s AND a.is_company
        """,
        {"tag": SEED_TAG},
    )
    _seed_bad_care_input(env, scale)
    for table in ("res_partner", "rc_care_profile"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - fixed names
    cr.commit()
    _logger.info(
        "Seeded %d companies, %d contacts in %.1f s",
        companies,
        2 * companies,
        time.perf_counter() - started,
    )


def _seed_bad_care_input(env, scale):
    """Lunar day-30 birthdays in 29-day months; a policy with an invalid filter."""
    cr = env.cr
    dates = lunar_day30_dates()
    count = max(int(2_000 * scale), len(dates))
    cr.execute(
        """
        INSERT INTO rc_care_profile (partner_id, account_id, company_id, lunar_birthday,
               birthdate, birthday_key, create_date, write_date, create_uid, write_uid)
        SELECT p.id, p.commercial_partner_id, p.company_id, true, d.day, d.lkey,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM (SELECT id, commercial_partner_id, company_id,
                       row_number() OVER (ORDER BY id) AS n
                  FROM res_partner
                 WHERE ref = %(tag)s AND kam_is_key_person
                   AND NOT EXISTS (SELECT 1 FROM rc_care_profile c
                                    WHERE c.partner_id = res_partner.id)
                 LIMIT %(count)s) p
          JOIN unnest(%(days)s::date[], %(keys)s::int[]) WITH ORDINALITY
               AS d(day, lkey, n) ON d.n = 1 + (p.n - 1) %% %(ndays)s
        """,
        {
            "tag": SEED_TAG,
            "count": count,
            "days": [d for d, _k in dates],
            "keys": [k for _d, k in dates],
            "ndays": len(dates),
        },
    )
    cr.execute(
        """
        UPDATE res_partner SET birthdate_date = NULL
         WHERE id IN (SELECT partner_id FROM rc_care_profile) AND ref = %s
        """,
        (SEED_TAG,),
    )
    cr.execute(
        "SELECT 1 FROM rc_care_policy WHERE name->>'en_US' = %s", (BROKEN_POLICY,)
    )
    if cr.fetchone():
        return
    cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'rc_care_policy'
           AND column_name NOT IN ('id', 'name', 'account_domain')
        """
    )
    columns = ", ".join(f'"{row[0]}"' for row in cr.fetchall())
    # The form refuses this filter; written by SQL, as an old database may carry it.
    cr.execute(
        f"""
        INSERT INTO rc_care_policy ({columns}, name, account_domain)
        SELECT {columns}, jsonb_build_object('en_US', %s::text),
               '[(''no_such_field'', ''='', 1)]'
          FROM rc_care_policy WHERE active ORDER BY id LIMIT 1
        """,  # noqa: S608 - column names from the catalog
        (BROKEN_POLICY,),
    )


def measure(env, scale):
    """The bad input really is in the database (the other modules measure the jobs)."""
    cr = env.cr
    cr.execute(
        """
        SELECT count(*) FILTER (WHERE company_id IS NULL AND is_company),
               count(*) FILTER (WHERE NOT active AND is_company),
               count(*) FILTER (WHERE NOT is_company AND birthdate_date IS NULL)
          FROM res_partner WHERE ref = %s
        """,
        (SEED_TAG,),
    )
    no_company, archived, no_birthday = cr.fetchone()
    cr.execute(
        "SELECT count(*) FROM rc_care_profile WHERE lunar_birthday"
        " AND birthday_key % 100 = 30"
    )
    day30 = cr.fetchone()[0]
    cr.execute(
        "SELECT count(*) FROM rc_care_policy WHERE name->>'en_US' = %s",
        (BROKEN_POLICY,),
    )
    broken = cr.fetchone()[0]
    return [
        {
            "name": "seed: bad input present",
            "seconds": None,
            "orm_floor": None,
            "sql_floor": None,
            "queries": None,
            "peak_mib": None,
            "notes": f"{no_company} companies without company, {archived} archived "
            f"accounts, {no_birthday} contacts without birthday, {day30} lunar day-30 "
            f"birthdays, {broken} policy with an invalid filter",
        }
    ]
