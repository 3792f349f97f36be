# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of relationship_care's daily care job (issue 5, "Scale").

Seeds 100,000 companies (10 % key accounts) and 300,000 contacts with set-based SQL
(INSERT ... SELECT generate_series): the three people of each key account are key persons
(approver, decision maker, coach), birthdays are spread over the year and a fifth of the key
persons celebrate a lunar birthday. Then it times the care job with the shipped policies:

  (a) an ordinary day (2027-04-20, after the run of the day before),
  (b) the day Spring Festival 2027 (6 Feb) enters the greeting look-ahead window
      (2027-01-27, after the run of the day before): a greeting per key person,
  (c) a second run on day (b),

and, for the activities of day (b), one plain ORM batch ``create`` of the same activities
and one raw SQL INSERT ... SELECT (the floor), both rolled back. Prints a table, writes
JSON and reports the peak memory (resource.getrusage).

Usage (from the repository root, with relationship_care installed in the database, or
``--create`` to make one):

    .venv/bin/python tests/benchmarks/care_job_benchmark.py --db care_bench --create
    .venv/bin/python tests/benchmarks/care_job_benchmark.py --db care_bench --scale 0.1
"""

import argparse
import json
import time
from datetime import date, timedelta

from bench_common import (
    add_common_arguments,
    create_database,
    machine,
    maxrss_mib,
    open_registry,
    superuser_env,
)

HOLIDAY_DAY = date(2027, 1, 27)
ORDINARY_DAY = date(2027, 4, 20)
SEED_TAG = "care-bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_common_arguments(parser, "care_bench", "care_job_benchmark.json")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="1.0 = 100,000 companies, 300,000 contacts",
    )
    parser.add_argument(
        "--create",
        action="store_true",
        help="create the database with relationship_care",
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    return parser.parse_args()


def lunar_keys_table(cr):
    """Temporary table birthdate -> lunar birthday key, for every date the seed uses."""
    from lunardate import LunarDate

    cr.execute("CREATE TEMP TABLE bench_lunar (day date PRIMARY KEY, lkey int)")
    rows = []
    day = date(1960, 1, 1)
    while day < date(1990, 1, 1):
        lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
        rows.append((day, 10000 + lunar.month * 100 + lunar.day))
        day += timedelta(days=1)
    cr.execute(
        "INSERT INTO bench_lunar SELECT * FROM unnest(%s::date[], %s::int[])",
        ([r[0] for r in rows], [r[1] for r in rows]),
    )


def seed(env, scale):
    """Set-based seed: companies, contacts, profiles, past interactions. Returns counts."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM res_partner WHERE ref = %s", (SEED_TAG,))
    if cr.fetchone()[0]:
        print("Seed already present: reusing it.")
        cr.execute(
            "SELECT count(*) FROM res_partner WHERE ref = %s AND is_company",
            (SEED_TAG,),
        )
        companies = cr.fetchone()[0]
        return {"companies": companies, "contacts": companies * 3}
    companies = int(100_000 * scale)
    users = env["res.users"].search([("login", "like", "care.bench.%")])
    if not users:
        group = env.ref("key_account_management.group_kam_user")
        users = env["res.users"].create(
            [
                {
                    "name": f"Bench Salesperson {i}",
                    "login": f"care.bench.{i}",
                    "groups_id": [(6, 0, group.ids)],
                    "rc_seniority": "branch_gm" if i % 10 == 0 else "account_manager",
                }
                for i in range(50)
            ]
        )
    env.flush_all()
    cn, tw = env.ref("base.cn").id, env.ref("base.tw").id
    company = env.company.id
    started = time.perf_counter()
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, ref, is_company, active, type,
               company_id, country_id, kam_tier, kam_manager_id, kam_sales_manager_id,
               rc_vip_level, partner_share, create_date, write_date, create_uid, write_uid)
        SELECT 'Bench Account ' || g, 'Bench Account ' || g, %(tag)s, true, true, 'contact',
               %(company)s, CASE WHEN g %% 5 = 0 THEN %(tw)s ELSE %(cn)s END,
               CASE WHEN g %% 10 = 0 THEN 'key' ELSE 'regular' END,
               (%(users)s::int[])[1 + g %% %(nusers)s],
               (%(users)s::int[])[1 + (g / 7) %% %(nusers)s],
               CASE WHEN g %% 10 = 0 THEN 'vip' ELSE 'standard' END, true,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM generate_series(1, %(n)s) g
        """,
        {
            "tag": SEED_TAG,
            "company": company,
            "tw": tw,
            "cn": cn,
            "users": users.ids,
            "nusers": len(users),
            "n": companies,
        },
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE ref = %s AND is_company",
        (SEED_TAG,),
    )
    lunar_keys_table(cr)
    # Three people per company; those of key accounts are approver, decision maker and
    # coach, all key persons. Birthdays spread over 1960-1989.
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, ref, is_company, active, type,
               parent_id, commercial_partner_id, company_id, country_id, kam_decision_role,
               kam_is_key_person, birthdate_date, rc_birthday_key, rc_vip_level,
               partner_share, email, create_date, write_date, create_uid, write_uid)
        SELECT 'Bench Person ' || a.id || '-' || k, a.name || ', Bench Person ' || k,
               %(tag)s, false, true, 'contact', a.id, a.id, a.company_id, a.country_id,
               CASE WHEN a.kam_tier = 'key' THEN
                    (ARRAY['approver', 'decision_maker', 'coach'])[k]
                    ELSE (ARRAY['influencer', 'supporter', NULL])[k] END,
               a.kam_tier = 'key',
               DATE '1960-01-01' + ((a.id * 37 + k * 101) %% 10957),
               0, a.rc_vip_level, true, 'p' || a.id || '-' || k || '@bench.example.com',
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner a, generate_series(1, 3) k
         WHERE a.ref = %(tag)s AND a.is_company
        """,
        {"tag": SEED_TAG},
    )
    cr.execute(
        """
        UPDATE res_partner p SET rc_birthday_key =
               EXTRACT(MONTH FROM birthdate_date) * 100 + EXTRACT(DAY FROM birthdate_date)
         WHERE ref = %s AND NOT is_company
        """,
        (SEED_TAG,),
    )
    # Key persons' birthdays are private (issue 9): they live in the care profile, with
    # their day key, and the shared birthdate_date stays empty. A fifth of the key persons
    # celebrate a lunar birthday.
    cr.execute(
        """
        INSERT INTO rc_care_profile (partner_id, account_id, company_id, lunar_birthday,
               birthdate, birthday_key, create_date, write_date, create_uid, write_uid)
        SELECT p.id, p.commercial_partner_id, p.company_id, p.id %% 5 = 0,
               p.birthdate_date, CASE WHEN p.id %% 5 = 0 THEN l.lkey
                                      ELSE p.rc_birthday_key END,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner p JOIN bench_lunar l ON l.day = p.birthdate_date
         WHERE p.ref = %s AND p.kam_is_key_person
        """,
        (SEED_TAG,),
    )
    cr.execute(
        """
        UPDATE res_partner SET birthdate_date = NULL, rc_birthday_key = 0
         WHERE ref = %s AND kam_is_key_person
        """,
        (SEED_TAG,),
    )
    # Past interactions of the key accounts, spread over the last half-year.
    for kind, seniority, spread in (
        ("visit", "branch_gm", 170),
        ("event", "account_manager", 170),
        ("publication", "account_manager", 85),
    ):
        cr.execute(
            """
            INSERT INTO rc_interaction (name, interaction_type, date, account_id, user_id,
                   seniority, currency_id, company_id, create_date, write_date, create_uid,
                   write_uid)
            SELECT 'Bench ' || %(kind)s, %(kind)s,
                   %(start)s::date - (id %% %(spread)s), id, kam_manager_id, %(seniority)s,
                   %(currency)s, company_id, now() at time zone 'utc',
                   now() at time zone 'utc', 1, 1
              FROM res_partner WHERE ref = %(tag)s AND is_company AND kam_tier = 'key'
            """,
            {
                "kind": kind,
                "seniority": seniority,
                "spread": spread,
                "start": HOLIDAY_DAY - timedelta(days=1),
                "currency": env.company.currency_id.id,
                "tag": SEED_TAG,
            },
        )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE rc_interaction")
    cr.execute("ANALYZE rc_care_profile")
    cr.commit()
    print(
        f"Seeded {companies} companies, {companies * 3} contacts in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return {"companies": companies, "contacts": companies * 3}


def count_activities(cr):
    # People's care activities are on their private care profiles (issue 9).
    cr.execute(
        "SELECT count(*) FROM mail_activity"
        " WHERE res_model IN ('res.partner', 'rc.care.profile')"
    )
    return cr.fetchone()[0]


def timed_job(env, day, batch_size, label, results):
    env.invalidate_all()
    before = count_activities(env.cr)
    rss = maxrss_mib()
    started = time.perf_counter()
    env["rc.care.policy"]._cron_run_care(batch_size=batch_size, today=day)
    env.cr.commit()
    seconds = time.perf_counter() - started
    created = count_activities(env.cr) - before
    results.append(
        {
            "run": label,
            "day": day.isoformat(),
            "seconds": round(seconds, 2),
            "activities": created,
            "rows_per_s": round(created / seconds, 1) if seconds and created else None,
            "maxrss_mib_before": round(rss, 1),
            "maxrss_mib_after": round(maxrss_mib(), 1),
        }
    )
    print(f"{label:<40} {seconds:8.2f} s {created:8d} activities")
    return created


def pending_activity_vals(env, day):
    """The activity values the job would create on `day` (nothing is written)."""
    Policy = env["rc.care.policy"]
    candidates = []
    for policy in Policy.search([]):
        candidates.extend(policy._care_candidates(day))
    todo = Policy._care_filter_new(candidates)
    partners = env["res.partner"].browse({row[1] for row in todo})
    partners.fetch(["commercial_partner_id", "name"])
    policies = Policy.browse({row[0] for row in todo})
    users = Policy._care_responsible_users(policies, partners.commercial_partner_id)
    # Where the job puts each activity (people: their care profile; accounts: the account).
    targets = Policy._care_activity_targets(
        [
            (0, policy_id, partner_id, key, day, 0)
            for policy_id, partner_id, key, day in todo
        ]
    )
    todo_type = env.ref("mail.mail_activity_data_todo")
    vals_list = []
    for policy_id, partner_id, _key, occasion_day in todo:
        partner = partners.browse(partner_id)
        user_id = users.get((policy_id, partner.commercial_partner_id.id))
        if not user_id:
            continue
        policy = policies.browse(policy_id)
        target = targets[policy_id, partner_id]
        vals_list.append(
            {
                "res_model_id": env["ir.model"]._get_id(target._name),
                "res_model": target._name,
                "res_id": target.id,
                "user_id": user_id,
                "activity_type_id": (policy.activity_type_id or todo_type).id,
                "date_deadline": occasion_day,
                "summary": policy.name,
                "note": f"{policy.name} for {partner.name}",
            }
        )
    return vals_list


def time_orm_create(env, vals_list, results):
    """One plain ORM batch create of the same activities, rolled back.

    Users are subscribed per (user, record) first, as mail.activity.create() would
    otherwise insert duplicate followers when one user gets two activities on a record.
    """
    env.invalidate_all()
    started = time.perf_counter()
    by_user = {}
    for vals in vals_list:
        by_user.setdefault((vals["user_id"], vals["res_model"]), set()).add(
            vals["res_id"]
        )
    for (user_id, model), res_ids in by_user.items():
        env[model].browse(sorted(res_ids)).message_subscribe(
            partner_ids=env["res.users"].browse(user_id).partner_id.ids
        )
    env["mail.activity"].with_context(
        mail_activity_quick_update=True, tracking_disable=True
    ).create(
        [{k: v for k, v in vals.items() if k != "res_model"} for vals in vals_list]
    )
    env.flush_all()
    seconds = time.perf_counter() - started
    env.cr.rollback()
    env.invalidate_all()
    results.append(
        {
            "run": "plain ORM batch create (same activities)",
            "seconds": round(seconds, 2),
            "activities": len(vals_list),
            "rows_per_s": round(len(vals_list) / seconds, 1) if seconds else None,
        }
    )
    print(
        f"{'plain ORM batch create':<40} {seconds:8.2f} s {len(vals_list):8d} activities"
    )
    return seconds


def time_sql_floor(env, vals_list, results):
    """One raw INSERT ... SELECT of the same activities, rolled back."""
    started = time.perf_counter()
    env.cr.execute(
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
               activity_type_id, date_deadline, summary, note, automated, active,
               create_date, write_date, create_uid, write_uid)
        SELECT v.model_id, v.model, v.res_id, v.user_id, v.type_id, v.deadline,
               v.summary, v.note, true, true, now() at time zone 'utc',
               now() at time zone 'utc', 1, 1
          FROM unnest(%s::int[], %s::varchar[], %s::int[], %s::int[], %s::int[], %s::date[],
                      %s::varchar[], %s::text[])
               AS v(model_id, model, res_id, user_id, type_id, deadline, summary, note)
        """,
        [
            [v["res_model_id"] for v in vals_list],
            [v["res_model"] for v in vals_list],
            [v["res_id"] for v in vals_list],
            [v["user_id"] for v in vals_list],
            [v["activity_type_id"] for v in vals_list],
            [v["date_deadline"] for v in vals_list],
            [v["summary"] for v in vals_list],
            [v["note"] for v in vals_list],
        ],
    )
    seconds = time.perf_counter() - started
    env.cr.rollback()
    results.append(
        {
            "run": "raw SQL INSERT ... SELECT (floor)",
            "seconds": round(seconds, 3),
            "activities": len(vals_list),
            "rows_per_s": round(len(vals_list) / seconds, 1) if seconds else None,
        }
    )
    print(
        f"{'raw SQL INSERT ... SELECT (floor)':<40} {seconds:8.3f} s "
        f"{len(vals_list):8d} activities"
    )
    return seconds


def main():
    args = parse_args()
    if args.create:
        print(f"Creating database {args.db} with relationship_care (no demo data)...")
        create_database(args, "relationship_care")
    registry = open_registry(args)
    results = []
    with registry.cursor() as cr:
        env = superuser_env(cr)
        counts = seed(env, args.scale)
        # The run of the day before each measured day (warm-up, also timed).
        timed_job(
            env,
            HOLIDAY_DAY - timedelta(days=1),
            args.batch_size,
            "warm-up: day before (b), catch-up",
            results,
        )
        vals_list = pending_activity_vals(env, HOLIDAY_DAY)
        env.cr.rollback()
        orm_seconds = time_orm_create(env, vals_list, results)
        sql_seconds = time_sql_floor(env, vals_list, results)
        timed_job(
            env,
            HOLIDAY_DAY,
            args.batch_size,
            "(b) Spring Festival enters the window",
            results,
        )
        timed_job(
            env, HOLIDAY_DAY, args.batch_size, "(c) second run, same day", results
        )
        timed_job(
            env,
            ORDINARY_DAY - timedelta(days=1),
            args.batch_size,
            "warm-up: day before (a)",
            results,
        )
        timed_job(env, ORDINARY_DAY, args.batch_size, "(a) ordinary day", results)
    by_run = {r["run"]: r for r in results}
    holiday = by_run["(b) Spring Festival enters the window"]
    summary = {
        "machine": machine(),
        "scale": args.scale,
        "batch_size": args.batch_size,
        "seed": counts,
        "runs": results,
        "holiday_job_vs_orm_create": round(holiday["seconds"] / orm_seconds, 2)
        if orm_seconds
        else None,
        "orm_vs_sql_floor": round(orm_seconds / sql_seconds, 1)
        if sql_seconds
        else None,
        "peak_memory_mib": round(maxrss_mib(), 1),
    }
    print()
    print(f"{'run':<45}{'seconds':>10}{'activities':>12}{'rows/s':>10}")
    for r in results:
        print(
            f"{r['run']:<45}{r['seconds']:>10}{r['activities']:>12}"
            f"{r['rows_per_s'] or '-':>10}"
        )
    print(
        f"holiday job / plain ORM create: {summary['holiday_job_vs_orm_create']}x; "
        f"plain ORM create / SQL floor: {summary['orm_vs_sql_floor']}x; "
        f"peak memory {summary['peak_memory_mib']} MiB"
    )
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
