# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of key_account_management's early-warning job at 10,000 key accounts.

``seed(env, scale)`` builds on the scale benchmark's base seed (bench_base: 100,000
companies at scale 1.0, 10 % of them key accounts with a stage, a territory, a key account
manager among 50 salespeople of whom half read Chinese, a decision maker and a coach) and
adds, with set-based SQL, what the early warning reads: an approver on every key account
and a supporter on four out of five (the fifth stays short of the four people a key
account needs: single-threaded), notes by the manager spread over the last three months
(the interaction freshness), attitude drops of decision makers inside and outside the
warning window, coaches who left, falling won revenue, VIP service breaches and poor
ratings. Idempotent.

``measure(env, scale)`` times the job as the scheduler runs it (default batch size,
commits):

  - "early warning first run": every rating cleared, then the job rates every key account
    (a first rating logs no tracking message) and schedules the red-warning activities;
  - "early warning second run": the same day, nothing changed: nothing to write.

Each row gives the seconds, the SQL queries, the process's peak memory (ru_maxrss: the
peak since the process started), and for the first run the floors of its own writes: one
plain ORM batch in the job's contexts (a grouped ``write`` per distinct rating without
tracking, one ``mail.activity`` create without assignment notices, as the job, what a
commit would write) and raw SQL (one UPDATE ... FROM unnest, one INSERT ... SELECT),
both rolled back.

Usage (from the repository root; ``--create`` makes the database with relationship_care):

    .venv/bin/python tests/benchmarks/bench_early_warning.py --db ew_bench --create
    .venv/bin/python tests/benchmarks/bench_early_warning.py --db ew_bench --scale 0.1
    .venv/bin/python tests/benchmarks/bench_early_warning.py --db ew_bench --profile /tmp/ew
"""

import argparse
import json
import os
import sys
import time
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import bench_base  # noqa: E402
import bench_common  # noqa: E402

SEED_PARAM = "bench.early_warning.seed"


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        (table,),
    )
    return {row[0] for row in cr.fetchall()}


def seed(env, scale):
    """Seed the base (bench_base) and the early warning's sources, once."""
    bench_base.seed(env, scale)
    cr = env.cr
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (SEED_PARAM,))
    if cr.fetchone():
        return
    started = time.perf_counter()
    tag = bench_base.SEED_TAG
    now = cr.now()
    key_accounts = "a.ref = %(tag)s AND a.is_company AND a.kam_tier = 'key'"
    # An approver on every key account, a supporter on four out of five.
    cr.execute(
        f"""
        INSERT INTO res_partner (name, complete_name, ref, is_company, active, type,
               parent_id, commercial_partner_id, company_id, country_id, lang,
               kam_decision_role, kam_is_key_person, partner_share, create_date,
               write_date, create_uid, write_uid)
        SELECT 'Scale ' || r.role || ' ' || a.id, a.name || ', Scale ' || r.role,
               %(tag)s, false, a.active, 'contact', a.id, a.id, a.company_id,
               a.country_id, 'zh_CN', r.role, r.role = 'approver', true, %(now)s,
               %(now)s, 1, 1
          FROM res_partner a
          JOIN (VALUES ('approver'), ('supporter')) AS r(role)
            ON r.role = 'approver' OR a.id %% 5 <> 0
         WHERE {key_accounts}
        """,
        {"tag": tag, "now": now},
    )
    cr.execute(
        """
        UPDATE res_partner SET kam_attitude = 'supportive'
         WHERE ref = %s AND NOT is_company AND kam_decision_role IS NOT NULL
        """,
        (tag,),
    )
    # Interactions: one note per key account by its manager; 65 % within the key tier's
    # 30 days, 30 % between 31 and 60 days (amber), 5 % older (red).
    cr.execute(
        f"""
        INSERT INTO mail_message (model, res_id, record_name, message_type, subtype_id,
               body, author_id, date, create_date, write_date, create_uid, write_uid)
        SELECT 'res.partner', a.id, a.name, 'comment', %(note)s, '<p>Scale call</p>',
               u.partner_id,
               %(now)s - make_interval(days => CASE WHEN a.id %% 20 < 13 THEN a.id %% 30
                                                    WHEN a.id %% 20 < 19
                                                    THEN 31 + a.id %% 29
                                                    ELSE 61 + a.id %% 30 END),
               %(now)s, %(now)s, 1, 1
          FROM res_partner a JOIN res_users u ON u.id = a.kam_manager_id
         WHERE {key_accounts}
        """,
        {"tag": tag, "note": env.ref("mail.mt_note").id, "now": now},
    )
    # Attitude history: a decision maker's drop inside the 90-day window on 2 % of the
    # key accounts (red), an old drop outside it on another 2 % (no signal).
    cr.execute(
        f"""
        INSERT INTO kam_attitude_history (partner_id, account_id, company_id,
               decision_role, old_attitude, new_attitude, date, user_id, is_drop,
               create_date, write_date, create_uid, write_uid)
        SELECT p.id, a.id, p.company_id, 'decision_maker', 'supportive', 'contact',
               %(now)s - make_interval(days => CASE WHEN a.id %% 50 = 0
                                                    THEN 1 + a.id %% 60
                                                    ELSE 200 END),
               COALESCE(a.kam_manager_id, 1), true, %(now)s, %(now)s, 1, 1
          FROM res_partner a
          JOIN res_partner p ON p.parent_id = a.id
                            AND p.kam_decision_role = 'decision_maker'
         WHERE {key_accounts} AND a.id %% 50 IN (0, 1)
        """,
        {"tag": tag, "now": now},
    )
    cr.execute(
        """
        UPDATE res_partner p SET kam_attitude = 'contact'
          FROM kam_attitude_history h
         WHERE h.partner_id = p.id AND p.ref = %s
        """,
        (tag,),
    )
    # The coach left on 3 % of the key accounts, within the last 80 days (amber).
    cr.execute(
        """
        UPDATE res_partner p
           SET kam_has_left = true,
               kam_left_date = %(today)s::date - (p.parent_id %% 80)
         WHERE p.ref = %(tag)s AND p.kam_decision_role = 'coach'
           AND p.parent_id %% 33 = 0
        """,
        {"tag": tag, "today": now.date()},
    )
    # VIP channel: an SLA breach on 1 % of the key accounts (red), a poor rating on
    # another 1.4 % (amber).
    cr.execute(
        f"""
        UPDATE res_partner a
           SET rc_sla_breach_date = CASE WHEN a.id %% 100 = 0
                                         THEN %(now)s - interval '10 days' END,
               rc_poor_rating_date = CASE WHEN a.id %% 70 = 3
                                          THEN %(now)s - interval '20 days' END
         WHERE {key_accounts} AND (a.id %% 100 = 0 OR a.id %% 70 = 3)
        """,
        {"tag": tag, "now": now},
    )
    # Falling won revenue on 2.5 % of the key accounts: a deal won 13 months ago and
    # nothing since.
    cr.execute(
        f"SELECT a.id, a.kam_manager_id FROM res_partner a"
        f" WHERE {key_accounts} AND a.active AND a.id %% 40 = 7",
        {"tag": tag},
    )
    rows = cr.fetchall()
    won = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    if rows and won:
        leads = (
            env["crm.lead"]
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Scale deal {partner_id}",
                        "type": "opportunity",
                        "partner_id": partner_id,
                        "user_id": user_id,
                        "expected_revenue": 100000,
                        "stage_id": won.id,
                    }
                    for partner_id, user_id in rows
                ]
            )
        )
        env.flush_all()
        cr.execute(
            "UPDATE crm_lead SET date_closed = %s, create_date = %s WHERE id = ANY(%s)",
            (now - timedelta(days=400), now - timedelta(days=420), leads.ids),
        )
    cr.execute(
        "INSERT INTO ir_config_parameter (key, value, create_date, write_date,"
        " create_uid, write_uid) VALUES (%s, %s, %s, %s, 1, 1)",
        (SEED_PARAM, str(scale), now, now),
    )
    for table in ("res_partner", "mail_message", "kam_attitude_history", "crm_lead"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - fixed names
    cr.commit()
    env.invalidate_all()
    print(
        f"Seeded the early warning's sources in {time.perf_counter() - started:.1f} s"
    )


def _warning_type(env):
    return env.ref("key_account_management.mail_activity_type_kam_warning")


def reset_ratings(env):
    """Forget every rating, warning activity and rating tracking message (committed)."""
    cr = env.cr
    env.flush_all()
    columns = _columns(cr, "res_partner")
    stored = [
        name
        for name in (
            "kam_warning_level",
            "kam_warning_date",
            "kam_warning_summary",
            "kam_warning_signals",
        )
        if name in columns
    ]
    cr.execute(
        "UPDATE res_partner SET {} WHERE kam_warning_level IS NOT NULL".format(
            ", ".join(f"{name} = NULL" for name in stored)
        )
    )
    cr.execute(
        "DELETE FROM mail_activity WHERE activity_type_id = %s",
        (_warning_type(env).id,),
    )
    field = env["ir.model.fields"]._get("res.partner", "kam_warning_level")
    cr.execute(
        """
        DELETE FROM mail_message WHERE id IN (
            SELECT mail_message_id FROM mail_tracking_value WHERE field_id = %s)
        """,
        (field.id,),
    )
    cr.commit()
    env.invalidate_all()
    vacuum(env, ("res_partner", "mail_message", "mail_activity", "mail_tracking_value"))


def vacuum(env, tables):
    """VACUUM ANALYZE (outside a transaction), as a production database is kept: the
    benchmark's own resets leave a dead version of every rated account behind."""
    connection = env.cr._cnx
    connection.commit()
    autocommit, connection.autocommit = connection.autocommit, True
    try:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {table}")  # noqa: S608 - fixed names
    finally:
        connection.autocommit = autocommit


def _count(cr, query, params=()):
    cr.execute(query, params)
    return cr.fetchone()[0]


def timed_run(env, name, profile=None):
    """Run the job as the scheduler does (default batch size, commits) and time it."""
    cr = env.cr
    count_activities = (
        "SELECT count(*) FROM mail_activity WHERE activity_type_id = %s",
        (_warning_type(env).id,),
    )
    activities = _count(cr, *count_activities)
    with bench_common.measure(env) as measured:
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            changed = profiler.runcall(env["res.partner"]._cron_kam_early_warning)
            profiler.dump_stats(f"{profile}.{name.split()[-2]}")
        else:
            changed = env["res.partner"]._cron_kam_early_warning()
        cr.commit()
    created = _count(cr, *count_activities) - activities
    levels = _read(
        cr,
        "SELECT kam_warning_level, count(*) FROM res_partner"
        " WHERE kam_warning_level IS NOT NULL GROUP BY 1 ORDER BY 1",
    )
    return bench_common.row(
        name,
        measured,
        notes=f"{changed} ratings changed, {created} activities; "
        + ", ".join(f"{level} {count}" for level, count in levels),
    )


def _read(cr, query, params=()):
    cr.execute(query, params)
    return cr.fetchall()


def write_floors(env):
    """Time the first run's own writes, plain ORM then raw SQL, each rolled back.

    The writes: every key account's rating (level, stored signal columns, date) and one
    activity per red account with a manager.
    """
    cr = env.cr
    env.flush_all()
    columns = _columns(cr, "res_partner")
    stored = [
        name
        for name in ("kam_warning_summary", "kam_warning_signals")
        if name in columns
    ]
    ratings = _read(
        cr,
        "SELECT id, kam_warning_level, kam_warning_date{} FROM res_partner"
        " WHERE kam_warning_level IS NOT NULL".format(
            "".join(f", {name}" for name in stored)
        ),
    )
    activities = _read(
        cr,
        """
        SELECT res_model_id, res_id, user_id, activity_type_id, date_deadline, summary,
               note
          FROM mail_activity WHERE activity_type_id = %s
        """,
        (_warning_type(env).id,),
    )
    # The job's contexts: a first rating logs no tracking message; the activities notify
    # their users through the mail queue.
    Partner = env["res.partner"].with_context(tracking_disable=True)
    fields_ = ["kam_warning_level", "kam_warning_date", *stored]

    def clear():
        cr.execute(
            "UPDATE res_partner SET {} WHERE kam_warning_level IS NOT NULL".format(
                ", ".join(f"{name} = NULL" for name in fields_)
            )
        )
        cr.execute(
            "DELETE FROM mail_activity WHERE activity_type_id = %s",
            (_warning_type(env).id,),
        )
        env.invalidate_all()

    clear()
    started = time.perf_counter()
    groups = {}
    for row in ratings:
        values = dict(zip(fields_, row[1:], strict=True))
        key = json.dumps(values, default=str, sort_keys=True)
        groups.setdefault(key, (values, []))[1].append(row[0])
    for values, ids in groups.values():
        Partner.browse(ids).write(values)
    # the job's context: no assignment notice per activity (it sends one per manager)
    env["mail.activity"].with_context(mail_activity_quick_update=True).create(
        [
            {
                "res_model_id": model_id,
                "res_id": res_id,
                "user_id": user_id,
                "activity_type_id": type_id,
                "date_deadline": deadline,
                "summary": summary,
                "note": note,
            }
            for model_id, res_id, user_id, type_id, deadline, summary, note in activities
        ]
    )
    env.flush_all()
    cr.precommit.run()  # what a commit would write (tracking)
    orm = time.perf_counter() - started
    cr.rollback()
    env.invalidate_all()
    clear()
    started = time.perf_counter()
    kinds = {"kam_warning_summary": "text", "kam_warning_signals": "jsonb"}
    columns = [
        ("kam_warning_level", "varchar", [r[1] for r in ratings]),
        ("kam_warning_date", "date", [r[2] for r in ratings]),
    ] + [
        (
            name,
            kinds[name],
            [
                json.dumps(r[position])
                if kinds[name] == "jsonb" and r[position] is not None
                else r[position]
                for r in ratings
            ],
        )
        for position, name in enumerate(stored, start=3)
    ]
    # One UPDATE of every column from unnest(): each row is rewritten once.
    cr.execute(
        "UPDATE res_partner p SET {} FROM unnest(%s::int[], {}) AS v(id, {})"
        " WHERE p.id = v.id".format(
            ", ".join(f"{name} = v.{name}" for name, _kind, _values in columns),
            ", ".join(f"%s::{kind}[]" for _name, kind, _values in columns),
            ", ".join(name for name, _kind, _values in columns),
        ),
        [[r[0] for r in ratings], *[values for _name, _kind, values in columns]],
    )
    if activities:
        cr.execute(
            """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
                   activity_type_id, date_deadline, summary, note, automated, active,
                   create_date, write_date, create_uid, write_uid)
            SELECT v.model_id, 'res.partner', v.res_id, v.user_id, v.type_id, v.deadline,
                   v.summary, v.note, true, true, now() at time zone 'utc',
                   now() at time zone 'utc', 1, 1
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[], %s::date[],
                          %s::varchar[], %s::text[])
                   AS v(model_id, res_id, user_id, type_id, deadline, summary, note)
            """,
            [list(column) for column in zip(*activities, strict=True)],
        )
    sql = time.perf_counter() - started
    cr.rollback()
    env.invalidate_all()
    return round(orm, 2), round(sql, 3)


def measure(env, scale, profile=None):
    """Seed if needed, then time the first and the second run. Returns the table rows."""
    seed(env, scale)
    reset_ratings(env)
    first = timed_run(env, "early warning first run", profile)
    first["orm_floor"], first["sql_floor"] = write_floors(env)
    second = timed_run(env, "early warning second run", profile)
    second["notes"] += "; its writes: none (floors 0)"
    second["orm_floor"] = second["sql_floor"] = 0.0
    return [first, second]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_common.add_common_arguments(parser, "ew_bench", "bench_early_warning.json")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 100,000 companies"
    )
    parser.add_argument(
        "--create", action="store_true", help="create the database first"
    )
    parser.add_argument(
        "--profile", help="cProfile each run into <PROFILE>.first / <PROFILE>.second"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    if args.create:
        print(f"Creating database {args.db} with relationship_care (no demo data)...")
        bench_common.create_database(args, "relationship_care")
    registry = bench_common.open_registry(args)
    with registry.cursor() as cr:
        rows = measure(bench_common.superuser_env(cr), args.scale, args.profile)
    print()
    print(
        f"{'name':<28}{'seconds':>9}{'ORM floor':>11}{'SQL floor':>11}{'queries':>9}"
        f"{'peak MiB':>10}  notes"
    )
    for row in rows:
        print(
            f"{row['name']:<28}{row['seconds']:>9}{row['orm_floor']!s:>11}"
            f"{row['sql_floor']!s:>11}{row['queries']:>9}{row['peak_mib']:>10}"
            f"  {row['notes']}"
        )
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(
            {"machine": bench_common.machine(), "scale": args.scale, "rows": rows},
            handle,
            indent=2,
        )
    print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
