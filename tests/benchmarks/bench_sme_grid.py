# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the SME grid: the customer file, the sales targets' achievement and the
visit cadence policies, at the scale benchmark's size (--scale 1.0 = 100,000 companies).

A plug-in of scale_benchmark.py: ``seed(env, scale)`` and ``measure(env, scale)`` return
rows {"name", "seconds", "orm_floor", "sql_floor", "queries", "peak_mib", "notes"}.

``seed`` builds on bench_base (100,000 companies, 10,000 key accounts in the funnel, 50
salespeople in 10 territories) and adds with set-based SQL, once:

- the customer file of every company: an address on 90 %, an industry on 75 %, a phone
  on 67 %, a business licence on half and a first visit report on two out of three; the
  key accounts (already in the funnel) have a complete file but for one in twenty;
- 1,000 companies claimed in the Target stage with a complete file (the Listed gate's
  batch move);
- a potential sub-level (A/B/C) on every Potential account, and 2 % of the companies
  listed (claimed, in the Listed stage): what the cadence policies target;
- a stage history of 100,000 lines (with the lines other seeds wrote) over the last ten
  months and 50,000 won opportunities on the key accounts;
- 500 sales targets: 50 salespeople x the last ten months.

``measure`` times, each from empty caches:

- the customer file's completeness of a list page (80 accounts, web_search_read) and of
  10,000 accounts, the search of the incomplete files over all companies (search_count),
  the Listed gate's batch move of 1,000 accounts (rolled back);
- the target achievement pivot (read_group by territory over the report) and a list
  page of 80 targets (their actuals);
- the care job with the shipped visit cadence policies activated (they are archived in
  the data): a first run and a second run, which must write nothing. The policies are
  archived again afterwards, so that bench_care_ops measures the shipped set.

Standalone (from the repository root, on a database with relationship_care):

    .venv/bin/python tests/benchmarks/bench_sme_grid.py --db h6_bench --scale 0.1
"""

import argparse
import json
import os
import sys
import time
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import bench_base  # noqa: E402
import bench_common  # noqa: E402

SEED_PARAM = "bench.sme_grid.seed"
TARGET_MONTHS = 10
GATE_ACCOUNTS = 1_000
FILE_ACCOUNTS = 10_000
PAGE = 80
CADENCE_POLICIES = [
    "cadence_listed_phone",
    "cadence_potential_a_visit",
    "cadence_potential_b_visit",
    "cadence_potential_c_phone",
    "cadence_potential_c_visit",
    "cadence_intent_visit",
    "cadence_active_visit",
]


def _ref(env, xmlid):
    return env.ref(f"key_account_management.{xmlid}").id


def _months(today, count):
    """First days of the ``count`` months ending with the month of ``today``."""
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def _month_end(day):
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


# --- seed -------------------------------------------------------------------------------
def seed(env, scale):
    bench_base.seed(env, scale)
    cr = env.cr
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", (SEED_PARAM,))
    if cr.fetchone():
        return
    started = time.perf_counter()
    _seed_customer_file(env)
    _seed_funnel(env, scale)
    _seed_history_and_leads(env, scale)
    _seed_targets(env)
    now = cr.now()
    cr.execute(
        "INSERT INTO ir_config_parameter (key, value, create_date, write_date,"
        " create_uid, write_uid) VALUES (%s, %s, %s, %s, 1, 1)",
        (SEED_PARAM, str(scale), now, now),
    )
    for table in (
        "res_partner",
        "kam_account_document",
        "kam_stage_history",
        "crm_lead",
        "kam_sales_target",
    ):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - fixed names
    cr.commit()
    env.invalidate_all()
    print(f"Seeded the SME grid in {time.perf_counter() - started:.1f} s")


def _seed_customer_file(env):
    cr = env.cr
    industry = env["res.partner.industry"].search([], limit=1).id
    # Companies: address, industry, phone by id; the key accounts complete but 1 in 20.
    cr.execute(
        """
        UPDATE res_partner a
           SET city = CASE WHEN a.id %% 10 <> 1 OR complete THEN 'Hefei' END,
               industry_id = CASE WHEN a.id %% 4 <> 0 OR complete THEN %(industry)s END,
               phone = CASE WHEN a.id %% 3 <> 0 OR complete
                            THEN '+86 551 ' || a.id END
          FROM (SELECT id, kam_tier = 'key' AND id %% 20 <> 0 AS complete
                  FROM res_partner WHERE ref = %(tag)s AND is_company) c
         WHERE a.id = c.id
        """,
        {"tag": bench_base.SEED_TAG, "industry": industry},
    )
    licence = _ref(env, "kam_customer_file_item_business_licence")
    report = _ref(env, "kam_customer_file_item_visit_report")
    cr.execute(
        """
        INSERT INTO kam_account_document (partner_id, item_id, file_name, date,
               company_id, create_date, write_date, create_uid, write_uid)
        SELECT a.id, d.item, 'scan.pdf', CURRENT_DATE - (a.id %% 300), a.company_id,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner a
          JOIN (VALUES (%(licence)s, 2, 0), (%(report)s, 3, 2)) AS d(item, mod, skip)
            ON (a.kam_tier = 'key' AND a.id %% 20 <> 0) OR a.id %% d.mod <> d.skip
         WHERE a.ref = %(tag)s AND a.is_company
        """,
        {"tag": bench_base.SEED_TAG, "licence": licence, "report": report},
    )


def _seed_funnel(env, scale):
    """Claimed Target accounts for the gate, sub-levels, listed accounts."""
    cr = env.cr
    users = bench_base.users(env).ids
    territories = (
        env["kam.territory"].search([("code", "=like", "SB-%")], order="id").ids
    )
    # 1,000 companies (not key accounts) claimed in Target, with a complete file.
    cr.execute(
        """
        WITH picked AS (
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM res_partner
             WHERE ref = %(tag)s AND is_company AND active AND kam_tier = 'regular'
               AND company_id IS NOT NULL AND kam_stage_id IS NULL
             ORDER BY id LIMIT %(count)s)
        UPDATE res_partner a
           SET kam_stage_id = %(target)s, kam_claim_user_id = u.id,
               kam_territory_id = (%(territories)s::int[])[1 + p.n %% %(nterr)s],
               city = 'Hefei', industry_id = COALESCE(a.industry_id, %(industry)s),
               phone = COALESCE(a.phone, '+86 551 ' || a.id)
          FROM picked p, res_users u
         WHERE a.id = p.id
           AND u.id = (%(users)s::int[])[1 + p.n %% %(nusers)s]
        """,
        {
            "tag": bench_base.SEED_TAG,
            "count": GATE_ACCOUNTS,
            "target": _ref(env, "kam_account_stage_target"),
            "territories": territories,
            "nterr": len(territories),
            "users": users,
            "nusers": len(users),
            "industry": env["res.partner.industry"].search([], limit=1).id,
        },
    )
    cr.execute(
        """
        INSERT INTO kam_account_document (partner_id, item_id, file_name, date,
               company_id, create_date, write_date, create_uid, write_uid)
        SELECT a.id, i.id, 'scan.pdf', CURRENT_DATE, a.company_id,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner a CROSS JOIN kam_customer_file_item i
         WHERE a.ref = %(tag)s AND a.kam_stage_id = %(target)s AND i.kind = 'document'
           AND NOT EXISTS (SELECT 1 FROM kam_account_document d
                            WHERE d.partner_id = a.id AND d.item_id = i.id)
        """,
        {"tag": bench_base.SEED_TAG, "target": _ref(env, "kam_account_stage_target")},
    )
    # Listed: 2 % of the companies, claimed by a salesperson of their territory.
    cr.execute(
        """
        UPDATE res_partner a
           SET kam_stage_id = %(listed)s,
               kam_claim_user_id = (%(users)s::int[])[1 + a.id %% %(nusers)s],
               kam_territory_id = (%(territories)s::int[])
                                  [1 + (a.id %% %(nusers)s) %% %(nterr)s],
               kam_stage_date = now() at time zone 'utc' - interval '20 days'
         WHERE a.ref = %(tag)s AND a.is_company AND a.kam_stage_id IS NULL
           AND a.id %% 50 = 7
        """,
        {
            "tag": bench_base.SEED_TAG,
            "listed": _ref(env, "kam_account_stage_listed"),
            "users": users,
            "nusers": len(users),
            "territories": territories,
            "nterr": len(territories),
        },
    )
    # Potential accounts: sub-levels A 20 %, B 30 %, C 50 %.
    levels = [_ref(env, f"kam_potential_level_{c}") for c in ("a", "b", "c")]
    cr.execute(
        """
        UPDATE res_partner
           SET kam_potential_level_id = CASE WHEN id %% 10 < 2 THEN %(a)s
                                             WHEN id %% 10 < 5 THEN %(b)s
                                             ELSE %(c)s END
         WHERE ref = %(tag)s AND is_company AND kam_stage_id = %(potential)s
        """,
        {
            "tag": bench_base.SEED_TAG,
            "potential": _ref(env, "kam_account_stage_potential"),
            "a": levels[0],
            "b": levels[1],
            "c": levels[2],
        },
    )


def _seed_history_and_leads(env, scale):
    """Stage history up to 100,000 lines (with the others' seeds), 50,000 won leads."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM kam_stage_history")
    lines = max(0, int(100_000 * scale) - cr.fetchone()[0])
    cr.execute(
        "SELECT array_agg(id ORDER BY id) FROM res_partner"
        " WHERE ref = %s AND is_company AND kam_tier = 'key' AND active",
        (bench_base.SEED_TAG,),
    )
    accounts = cr.fetchone()[0]
    stages = [
        _ref(env, f"kam_account_stage_{code}")
        for code in ("listed", "potential", "intent", "order", "active")
    ]
    days = TARGET_MONTHS * 30
    # Line g: account g mod n, stage g mod 5, a date in the last ten months.
    cr.execute(
        """
        INSERT INTO kam_stage_history (partner_id, stage_from_id, stage_to_id, date,
               days_in_previous, territory_id, salesperson_id, company_id, user_id,
               create_date, write_date, create_uid, write_uid)
        SELECT a.id, NULL, (%(stages)s::int[])[1 + g %% 5],
               now() at time zone 'utc' - make_interval(days => (g * 7) %% %(days)s),
               (g %% 90)::float, a.kam_territory_id, a.kam_manager_id, a.company_id, 1,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM generate_series(1, %(lines)s) g
          JOIN res_partner a
            ON a.id = (%(accounts)s::int[])[1 + g %% %(naccounts)s]
        """,
        {
            "stages": stages,
            "days": days,
            "lines": lines,
            "accounts": accounts,
            "naccounts": len(accounts),
        },
    )
    won = env["crm.stage"].search([("is_won", "=", True)], limit=1).id
    cr.execute(
        """
        INSERT INTO crm_lead (name, type, active, partner_id, user_id, stage_id,
               expected_revenue, probability, date_closed, company_id, create_date,
               write_date, create_uid, write_uid)
        SELECT 'SME grid deal ' || g, 'opportunity', true, a.id, a.kam_manager_id,
               %(won)s, 10000 + (g %% 50) * 1000, 100,
               now() at time zone 'utc' - make_interval(days => (g * 11) %% %(days)s),
               a.company_id, now() at time zone 'utc' - interval '400 days',
               now() at time zone 'utc', 1, 1
          FROM generate_series(1, %(leads)s) g
          JOIN res_partner a
            ON a.id = (%(accounts)s::int[])[1 + (g * 7) %% %(naccounts)s]
        """,
        {
            "won": won,
            "days": days,
            "leads": int(50_000 * scale),
            "accounts": accounts,
            "naccounts": len(accounts),
        },
    )


def _seed_targets(env):
    """50 salespeople x the last ten months (500 targets), each in its territory."""
    cr = env.cr
    months = _months(date.today(), TARGET_MONTHS)
    cr.execute(
        """
        INSERT INTO kam_sales_target (territory_id, user_id, period_type, date_from,
               date_to, company_id, target_listed, target_converted, target_revenue,
               create_date, write_date, create_uid, write_uid)
        SELECT r.territory_id, r.user_id, 'month', m.day, m.last,
               t.company_id, 5 + r.user_id %% 5, 2 + r.user_id %% 3,
               200000, now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM kam_territory_user_rel r
          JOIN kam_territory t ON t.id = r.territory_id
          JOIN unnest(%(days)s::date[], %(lasts)s::date[]) AS m(day, last) ON true
         WHERE t.code LIKE 'SB-%%'
        """,
        {"days": months, "lasts": [_month_end(m) for m in months]},
    )


# --- measure ----------------------------------------------------------------------------
def _timed_sql(cr, query, params=None):
    started = time.perf_counter()
    cr.execute(query, params)
    cr.fetchall()
    return time.perf_counter() - started


def _file_sql(env, where, params):
    """The customer file's completeness in one plain query (the SQL floor)."""
    spec = env["kam.customer.file.item"]._kam_file_spec()
    checks = []
    for item_id, kind, _company, fnames in spec:
        if kind == "field":
            checks.append(
                "(" + " OR ".join(f'a."{f}" IS NOT NULL' for f in fnames) + ")"
            )
        else:
            checks.append(
                "EXISTS (SELECT 1 FROM kam_account_document d WHERE"
                f" d.partner_id = a.id AND d.item_id = {int(item_id)})"
            )
    return (
        f"SELECT a.id, {' AND '.join(checks)} FROM res_partner a WHERE {where}",
        params,
    )


def _measure_customer_file(env, scale):
    cr = env.cr
    Partner = env["res.partner"]
    rows = []
    companies = [
        ("ref", "=", bench_base.SEED_TAG),
        ("is_company", "=", True),
    ]
    spec = {
        "display_name": {},
        "kam_customer_file_complete": {},
        "kam_customer_file_missing_ids": {"fields": {"display_name": {}}},
    }
    Partner.web_search_read(companies, spec, limit=PAGE)  # warm the registry caches
    with bench_common.measure(env) as measured:
        page = Partner.web_search_read(companies, spec, limit=PAGE)
    ids = [record["id"] for record in page["records"]]
    sql = _timed_sql(cr, *_file_sql(env, "a.id = ANY(%s)", [ids]))
    complete = sum(
        1 for record in page["records"] if record["kam_customer_file_complete"]
    )
    rows.append(
        bench_common.row(
            f"customer file: list page ({PAGE} accounts)",
            measured,
            sql_floor=sql,
            notes=f"web_search_read of completeness and missing items; {complete} "
            "complete; SQL floor: one query with an EXISTS per document item",
        )
    )
    many = Partner.search(companies, limit=FILE_ACCOUNTS, order="id")
    with bench_common.measure(env) as measured:
        complete = sum(many.mapped("kam_customer_file_complete"))
    fnames = list(
        {f for item in env["kam.customer.file.item"]._kam_file_spec() for f in item[3]}
    )
    env.invalidate_all()
    started = time.perf_counter()
    many.fetch(fnames)
    env["kam.account.document"]._read_group(
        [("partner_id", "in", many.ids)], ["partner_id", "item_id"], ["__count"]
    )
    orm = time.perf_counter() - started
    sql = _timed_sql(cr, *_file_sql(env, "a.id = ANY(%s)", [many.ids]))
    rows.append(
        bench_common.row(
            f"customer file: {len(many):,} accounts",
            measured,
            orm_floor=orm,
            sql_floor=sql,
            notes=f"{complete} complete; ORM floor: fetch of the file's fields and one "
            "grouped read of the documents",
        )
    )
    incomplete = companies + [("kam_customer_file_complete", "=", False)]
    with bench_common.measure(env) as measured:
        count = Partner.search_count(incomplete)
    query, params = _file_sql(
        env, "a.ref = %s AND a.is_company AND a.active", [bench_base.SEED_TAG]
    )
    per_row = _timed_sql(
        cr,
        f"SELECT count(*) FROM ({query}) f(id, complete) WHERE NOT f.complete",
        params,
    )
    cr.execute(
        "SELECT count(*) FROM res_partner WHERE ref = %s AND is_company",
        (bench_base.SEED_TAG,),
    )
    total = cr.fetchone()[0]
    rows.append(
        bench_common.row(
            "customer file: search incomplete (count)",
            measured,
            notes=f"{count:,} of {total:,} companies incomplete, one query (the "
            "search method's domain: NOT IN subselects of the documents); floors: none "
            f"(the same count with an EXISTS per row takes {per_row:.3f} s)",
        )
    )
    rows.append(_measure_gate(env))
    return rows


def _measure_gate(env):
    """The Listed gate of a batch move of claimed Target accounts, rolled back."""
    cr = env.cr
    target = _ref(env, "kam_account_stage_target")
    listed = env.ref("key_account_management.kam_account_stage_listed")
    accounts = env["res.partner"].search(
        [
            ("ref", "=", bench_base.SEED_TAG),
            ("kam_stage_id", "=", target),
            ("kam_claim_user_id", "!=", False),
        ],
        limit=GATE_ACCOUNTS,
        order="id",
    )
    cr.commit()
    with bench_common.measure(env) as gate:
        accounts._stage_check_entry(listed)
    with bench_common.measure(env) as measured:
        accounts.write({"kam_stage_id": listed.id})
    cr.execute(
        "SELECT count(*) FROM kam_stage_history WHERE stage_to_id = %s"
        " AND partner_id = ANY(%s)",
        (listed.id, accounts.ids),
    )
    moved = cr.fetchone()[0]
    cr.rollback()
    env.invalidate_all()
    started = time.perf_counter()
    cr.execute(
        """
        UPDATE res_partner SET kam_stage_id = %(listed)s,
               kam_stage_date = now() at time zone 'utc' WHERE id = ANY(%(ids)s)
        """,
        {"listed": listed.id, "ids": accounts.ids},
    )
    cr.execute(
        """
        INSERT INTO kam_stage_history (partner_id, stage_from_id, stage_to_id, date,
               days_in_previous, territory_id, salesperson_id, company_id, user_id,
               create_date, write_date, create_uid, write_uid)
        SELECT id, %(target)s, %(listed)s, now() at time zone 'utc', 0,
               kam_territory_id, kam_claim_user_id, company_id, 1,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner WHERE id = ANY(%(ids)s)
        """,
        {"target": target, "listed": listed.id, "ids": accounts.ids},
    )
    sql = time.perf_counter() - started
    cr.rollback()
    result = bench_common.row(
        f"Listed gate: batch move of {len(accounts):,}",
        measured,
        sql_floor=sql,
        notes=f"{moved} history lines (rolled back); the gate alone "
        f"(_stage_check_entry): {gate.seconds:.3f} s, {gate.queries} queries; SQL "
        "floor: UPDATE + INSERT of the history; ORM floor: none (the move is the "
        "ORM write)",
    )
    return result


def _measure_targets(env, scale):
    cr = env.cr
    Report = env["kam.target.achievement.report"]
    Target = env["kam.sales.target"]
    measures = [
        "target_listed:sum",
        "actual_listed:sum",
        "listed_rate:avg",
        "target_converted:sum",
        "actual_converted:sum",
        "converted_rate:avg",
        "target_revenue:sum",
        "actual_revenue:sum",
        "revenue_rate:avg",
    ]
    cr.execute("SELECT count(*) FROM kam_sales_target")
    targets = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM kam_stage_history")
    history = cr.fetchone()[0]
    cr.execute(
        "SELECT count(*) FROM crm_lead l JOIN crm_stage s ON s.id = l.stage_id"
        " WHERE s.is_won AND l.active"
    )
    won = cr.fetchone()[0]
    with bench_common.measure(env) as measured:
        groups = Report.read_group([], measures, ["territory_id"], lazy=False)
    sql = _timed_sql(
        cr,
        "SELECT territory_id, sum(actual_listed), sum(actual_converted),"
        " sum(actual_revenue) FROM kam_target_achievement_report GROUP BY 1",
    )
    cr.execute(
        "EXPLAIN (ANALYZE, FORMAT JSON) SELECT territory_id, sum(actual_listed),"
        " sum(actual_revenue) FROM kam_target_achievement_report GROUP BY 1"
    )
    nodes = _plan_nodes(cr.fetchone()[0][0]["Plan"])
    scans = sorted(
        {
            f"{node['Node Type'].lower()} "
            f"{node.get('Index Name') or node['Relation Name']}"
            f" x{node['Actual Loops']}"
            for node in nodes
            if "Scan" in node["Node Type"]
            and (node.get("Relation Name") or node.get("Index Name", "")).startswith(
                ("kam_stage_history", "crm_lead", "res_partner")
            )
        }
    )
    rows = [
        bench_common.row(
            f"target achievement pivot ({targets} targets)",
            measured,
            sql_floor=sql,
            notes=f"read_group by territory ({len(groups)} groups) over {history:,} "
            f"stage history lines and {won:,} won leads; SQL floor: the same GROUP BY "
            f"on the view (the view is the cost); plan: {'; '.join(scans)}",
        )
    ]
    page = Target.search([], limit=PAGE)
    spec = {
        name: {}
        for name in (
            "territory_id",
            "user_id",
            "date_from",
            "date_to",
            "target_listed",
            "actual_listed",
            "target_converted",
            "actual_converted",
            "target_revenue",
            "actual_revenue",
            "achievement_rate",
        )
    }
    with bench_common.measure(env) as measured:
        Target.web_search_read([], spec, limit=PAGE)
    sql = _timed_sql(
        cr,
        "SELECT id, actual_listed, actual_converted, actual_revenue"
        " FROM kam_target_achievement_report WHERE id = ANY(%s)",
        [page.ids],
    )
    rows.append(
        bench_common.row(
            f"target list page ({len(page)} targets)",
            measured,
            sql_floor=sql,
            notes="web_search_read of the list's columns (actuals computed from the "
            "report in one query); SQL floor: that query alone",
        )
    )
    return rows


def _plan_nodes(node):
    """The nodes of an EXPLAIN (FORMAT JSON) plan, depth first."""
    nodes = [node]
    for child in node.get("Plans", []):
        nodes.extend(_plan_nodes(child))
    return nodes


def _cadence(env):
    Policy = env["rc.care.policy"].with_context(active_test=False)
    return Policy.browse(
        [
            env.ref(f"relationship_care.rc_care_policy_{name}").id
            for name in CADENCE_POLICIES
        ]
    )


def _measure_care(env, scale):
    from odoo import fields

    cr = env.cr
    policies = _cadence(env)
    Policy = env["rc.care.policy"]
    today = fields.Date.context_today(Policy)
    policies.write({"active": True})
    # From nothing recorded for these policies: the first run catches up.
    cr.execute(
        "DELETE FROM mail_activity WHERE id IN (SELECT activity_id FROM rc_care_occasion"
        " WHERE policy_id = ANY(%s) AND activity_id IS NOT NULL)",
        (policies.ids,),
    )
    cr.execute(
        "DELETE FROM rc_care_occasion WHERE policy_id = ANY(%s)", (policies.ids,)
    )
    cr.execute(
        "DELETE FROM rc_care_compliance WHERE policy_id = ANY(%s)", (policies.ids,)
    )
    cr.commit()
    env.invalidate_all()
    cr.execute("SELECT COALESCE(max(id), 0) FROM mail_activity")
    last_activity = cr.fetchone()[0]
    try:
        with bench_common.measure(env) as first:
            created = Policy._cron_run_care(today=today, policies=policies)
            cr.commit()
        cr.execute(
            "SELECT count(*), count(stage_id), count(potential_level_id)"
            " FROM rc_care_compliance WHERE policy_id = ANY(%s)",
            (policies.ids,),
        )
        lines, staged, levelled = cr.fetchone()
        cr.execute(
            """
            SELECT count(*) FROM mail_activity a
             WHERE a.id > %s
            """,
            (last_activity,),
        )
        activities = cr.fetchone()[0]
        orm, sql = _care_floors(env, last_activity)
        cr.commit()
        cr.execute("SELECT now() at time zone 'utc'")
        since = cr.fetchone()[0]
        cr.execute("SELECT COALESCE(max(id), 0) FROM mail_activity")
        before_second = cr.fetchone()[0]
        with bench_common.measure(env) as second:
            again = Policy._cron_run_care(today=today, policies=policies)
            cr.commit()
        cr.execute(
            "SELECT count(*) FROM rc_care_compliance WHERE write_date >= %s",
            (since,),
        )
        rewritten = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM res_partner WHERE write_date >= %s", (since,))
        partners = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM mail_activity WHERE id > %s", (before_second,))
        new_activities = cr.fetchone()[0]
    finally:
        cr.rollback()
        # back to the shipped set: archived (bench_care_ops measures those)
        _cadence(env).write({"active": False})
        cr.commit()
    return [
        bench_common.row(
            "care job + cadence: first run",
            first,
            orm_floor=orm,
            sql_floor=sql,
            notes=f"{len(policies)} cadence policies on {today}: {created} activities "
            f"({activities} in the table), {lines:,} compliance lines ({staged:,} with a "
            f"stage, {levelled:,} with a sub-level); floors: the same activities "
            "created again (ORM batch / raw SQL)",
        ),
        bench_common.row(
            "care job + cadence: second run",
            second,
            notes=f"idempotent: {again} activities created, {new_activities} new "
            f"activity rows, {rewritten} compliance lines and {partners} accounts "
            "rewritten",
        ),
    ]


def _care_floors(env, last_activity):
    cr = env.cr
    fields_ = "res_model_id res_id user_id activity_type_id date_deadline summary note"
    fields_ = fields_.split()
    activities = env["mail.activity"].search([("id", ">", last_activity)])
    if not activities:
        return None, None
    vals_list = [
        {
            name: value[0] if isinstance(value, tuple) else value
            for name, value in vals.items()
            if name in fields_
        }
        for vals in activities.read(fields_)
    ]
    cr.commit()
    env.invalidate_all()
    started = time.perf_counter()
    env["mail.activity"].with_context(
        mail_activity_quick_update=True, tracking_disable=True
    ).create(vals_list)
    env.flush_all()
    orm = time.perf_counter() - started
    cr.rollback()
    env.invalidate_all()
    started = time.perf_counter()
    cr.execute(
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
               activity_type_id, date_deadline, summary, note, automated, active,
               create_date, write_date, create_uid, write_uid)
        SELECT res_model_id, res_model, res_id, user_id, activity_type_id,
               date_deadline, summary, note, true, true, now() at time zone 'utc',
               now() at time zone 'utc', 1, 1
          FROM mail_activity WHERE id > %s
        """,
        (last_activity,),
    )
    sql = time.perf_counter() - started
    cr.rollback()
    env.invalidate_all()
    return orm, sql


def measure(env, scale):
    """Rows of the customer file, the targets and the cadence (module docstring)."""
    seed(env, scale)
    return (
        _measure_customer_file(env, scale)
        + _measure_targets(env, scale)
        + _measure_care(env, scale)
    )


# --- standalone -------------------------------------------------------------------------
def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    bench_common.add_common_arguments(parser, "h6_bench", "bench_sme_grid.json")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1.0 = 100,000 companies"
    )
    parser.add_argument(
        "--create", action="store_true", help="create the database first"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    if args.create:
        print(f"Creating database {args.db} with relationship_care (no demo data)...")
        bench_common.create_database(args, "relationship_care")
    registry = bench_common.open_registry(args)
    with registry.cursor() as cr:
        env = bench_common.superuser_env(cr)
        rows = measure(env, args.scale)
        cr.commit()
    for row in rows:
        print(
            f"{row['name'][:44]:<45}{row['seconds']!s:>9}{row['orm_floor']!s:>9}"
            f"{row['sql_floor']!s:>9}{row['queries']!s:>8}{row['peak_mib']!s:>8}"
        )
        print(f"    {row['notes']}")
    # one file for every scale measured: {"machine", "runs": {scale: rows}}
    summary = {"runs": {}}
    if os.path.exists(args.json):
        with open(args.json, encoding="utf-8") as handle:
            summary = json.load(handle)
    summary["machine"] = bench_common.machine()
    summary["runs"][str(args.scale)] = rows
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, ensure_ascii=False)
    print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
