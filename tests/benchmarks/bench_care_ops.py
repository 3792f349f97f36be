# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of relationship_care's scheduled jobs: the VIP SLA escalation, the care
compliance update and the daily care job (whose holiday peak care_job_benchmark.py
measures in detail).

A plug-in of scale_benchmark.py: ``seed(env, scale)`` and ``measure(env, scale)`` return
rows {"name", "seconds", "orm_floor", "sql_floor", "queries", "peak_mib", "notes"}.

At --scale 1.0 the seed adds, with INSERT ... SELECT generate_series, 50,000 open VIP
tickets on 10,000 key accounts (the key accounts already in the database, completed by
accounts of its own), each with its SLA line: every tenth has an expired SLA, every tenth
(another) a missed first response, so the escalation job has 10,000 breaches to escalate;
and three past interactions per key account for the compliance of the shipped frequency
policies. ``measure`` first puts the escalation and compliance state back as seeded (so
that it can run again), then for each job times

- one plain ORM batch of the job's own writes (the ORM floor) and the same writes in raw
  SQL (the SQL floor), both rolled back;
- the job itself (committed, as the scheduler runs it), then a second run with nothing
  changed.

The care job runs on the database as it is (with the bad input other seeds put there: a
policy whose filter names a removed field is skipped and logged) from no occasion
recorded: its first run catches up every occasion due today.

Standalone (from the repository root, on a database with relationship_care):

    .venv/bin/python tests/benchmarks/bench_care_ops.py --db h2_bench --scale 0.1
"""

import argparse
import logging
import os
import resource
import sys
import sysconfig
import time
from collections import defaultdict
from datetime import timedelta

_logger = logging.getLogger("bench_care_ops")

SEED_TAG = "care-ops-bench"
TICKETS = 50_000
KEY_ACCOUNTS = 10_000
USER_LOGIN = "care.ops.bench.%s"
USERS = 20
BROKEN_POLICY = "Care ops bench: birthdays (filter on a removed field)"


# --- helpers ------------------------------------------------------------------------------
def _maxrss_mib():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def _queries():
    from odoo import sql_db

    return sql_db.sql_counter


class _Timer:
    """Seconds and SQL queries of a block; the caches are flushed and emptied first so
    that the block pays for its own reads."""

    def __init__(self, env):
        self.env = env
        self.seconds = self.queries = None

    def __enter__(self):
        self.env.flush_all()
        self.env.invalidate_all()
        self._queries = _queries()
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.env.flush_all()
        self.seconds = round(time.perf_counter() - self._started, 3)
        self.queries = _queries() - self._queries
        return False


def _rolled_back(env, work):
    """Seconds of ``work()`` in a transaction rolled back afterwards."""
    env.cr.commit()
    with _Timer(env) as timer:
        work()
    env.cr.rollback()
    env.invalidate_all()
    return timer.seconds


# --- seed ---------------------------------------------------------------------------------
def _seed_users(env):
    users = env["res.users"].search([("login", "=like", USER_LOGIN % "%")], order="id")
    if users:
        return users
    group = env.ref("key_account_management.group_kam_user")
    return (
        env["res.users"]
        .with_context(no_reset_password=True, tracking_disable=True)
        .create(
            [
                {
                    "name": f"Care Ops Bench {i}",
                    "login": USER_LOGIN % i,
                    "lang": "zh_CN" if i % 2 and _has_lang(env, "zh_CN") else "en_US",
                    "groups_id": [(6, 0, group.ids)],
                }
                for i in range(USERS)
            ]
        )
    )


def _has_lang(env, code):
    return bool(env["res.lang"]._lang_get(code))


def _key_accounts(env, count):
    """Ids of ``count`` active key accounts with a key account manager, seeding the
    missing ones (tagged ``SEED_TAG``)."""
    cr = env.cr
    cr.execute(
        """
        SELECT count(*) FROM res_partner
         WHERE is_company AND active AND kam_tier = 'key' AND kam_manager_id IS NOT NULL
        """
    )
    missing = count - cr.fetchone()[0]
    if missing > 0:
        users = _seed_users(env)
        cr.execute(
            """
            INSERT INTO res_partner (name, complete_name, ref, is_company, active, type,
                   company_id, kam_tier, kam_manager_id, rc_vip_level, partner_share,
                   create_date, write_date, create_uid, write_uid)
            SELECT 'Care Ops Account ' || g, 'Care Ops Account ' || g, %(tag)s, true, true,
                   'contact', %(company)s, 'key', (%(users)s::int[])[1 + g %% %(n_users)s],
                   'vip', true, now() at time zone 'utc', now() at time zone 'utc', 1, 1
              FROM generate_series(1, %(n)s) g
            """,
            {
                "tag": SEED_TAG,
                "company": env.company.id,
                "users": users.ids,
                "n_users": len(users),
                "n": missing,
            },
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id"
            " WHERE ref = %s AND commercial_partner_id IS NULL",
            (SEED_TAG,),
        )
    cr.execute(
        """
        SELECT id FROM res_partner
         WHERE is_company AND active AND kam_tier = 'key' AND kam_manager_id IS NOT NULL
         ORDER BY id LIMIT %s
        """,
        (count,),
    )
    return [row[0] for row in cr.fetchall()]


def _seed_broken_policy(env):
    """A birthday policy whose filter names a field that does not exist (any more): the
    form refuses it, so it is saved valid and broken by SQL."""
    Policy = env["rc.care.policy"].with_context(active_test=False)
    if Policy.search_count([("name", "=", BROKEN_POLICY)]):
        return
    policy = Policy.create(
        {"name": BROKEN_POLICY, "occasion_type": "birthday", "action_type": "greeting"}
    )
    env.flush_all()
    env.cr.execute(
        "UPDATE rc_care_policy SET account_domain = %s WHERE id = %s",
        ("[('x_removed_field', '=', 1)]", policy.id),
    )


def seed(env, scale):
    """Tickets with their SLA lines and interactions, a broken care policy; idempotent
    (a second call reuses what the first seeded)."""
    cr = env.cr
    _seed_broken_policy(env)
    cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE name LIKE 'Care Ops %%'")
    if cr.fetchone()[0]:
        _logger.info("Care ops seed already present: reusing it")
        return
    started = time.perf_counter()
    accounts = _key_accounts(env, max(1, int(KEY_ACCOUNTS * scale)))
    team = env.ref("relationship_care.helpdesk_ticket_team_vip")
    sla = env.ref("relationship_care.helpdesk_sla_vip")
    stage = env["helpdesk.ticket.stage"].search(
        [("closed", "=", False)], order="sequence, id", limit=1
    )
    tickets = max(1, int(TICKETS * scale))
    # Breaches: g % 10 = 0 an expired SLA, g % 10 = 5 a missed first response; the other
    # tickets are on time (responded, SLA deadline ahead).
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (number, name, description, team_id, stage_id,
               company_id, partner_id, commercial_partner_id, priority, rc_vip_level,
               rc_response_hours, rc_response_deadline, rc_first_response_date,
               rc_breached, active, create_date, write_date, create_uid, write_uid)
        SELECT 'COB' || g, 'Care Ops ' || g, '<p>Bench</p>', %(team)s, %(stage)s,
               %(company)s, a.id, a.id, '2', 'vip', 2.0,
               now() at time zone 'utc' - interval '70 hours',
               CASE WHEN g %% 10 = 5 THEN NULL
                    ELSE now() at time zone 'utc' - interval '71 hours' END,
               false, true, now() at time zone 'utc' - interval '72 hours',
               now() at time zone 'utc', 1, 1
          FROM generate_series(1, %(n)s) g
          JOIN unnest(%(accounts)s::int[]) WITH ORDINALITY AS a(id, i)
            ON a.i = 1 + g %% %(n_accounts)s
        """,
        {
            "team": team.id,
            "stage": stage.id,
            "company": env.company.id,
            "accounts": accounts,
            "n_accounts": len(accounts),
            "n": tickets,
        },
    )
    cr.execute(
        """
        INSERT INTO helpdesk_ticket_sla (ticket_id, sla_id, deadline, hours,
               expected_stage_id, consumed_time, last_state_date, state, create_date,
               write_date, create_uid, write_uid)
        SELECT t.id, %(sla)s,
               CASE WHEN substring(t.number FROM 4)::int %% 10 = 0
                    THEN now() at time zone 'utc' - interval '64 hours'
                    ELSE now() at time zone 'utc' + interval '30 days' END,
               8.0, %(expected)s, 0.0, t.create_date, 'in_progress',
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM helpdesk_ticket t WHERE t.name LIKE 'Care Ops %%'
        """,
        {"sla": sla.id, "expected": sla.stage_id.id or stage.id},
    )
    # Past interactions of the key accounts for the compliance of frequency policies.
    for kind, seniority, spread in (
        ("visit", "branch_gm", 170),
        ("event", "account_manager", 120),
        ("publication", "account_manager", 85),
    ):
        cr.execute(
            """
            INSERT INTO rc_interaction (name, interaction_type, date, account_id, user_id,
                   seniority, currency_id, company_id, create_date, write_date,
                   create_uid, write_uid)
            SELECT 'Care Ops ' || %(kind)s, %(kind)s,
                   current_date - (p.id %% %(spread)s), p.id, p.kam_manager_id,
                   %(seniority)s, %(currency)s, %(company)s, now() at time zone 'utc',
                   now() at time zone 'utc', 1, 1
              FROM res_partner p WHERE p.id = ANY(%(accounts)s)
            """,
            {
                "kind": kind,
                "seniority": seniority,
                "spread": spread,
                "currency": env.company.currency_id.id,
                "company": env.company.id,
                "accounts": accounts,
            },
        )
    for table in ("helpdesk_ticket", "helpdesk_ticket_sla", "rc_interaction"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 - fixed names
    cr.commit()
    _logger.info(
        "Seeded %d tickets on %d key accounts in %.1f s",
        tickets,
        len(accounts),
        time.perf_counter() - started,
    )


# --- escalation ---------------------------------------------------------------------------
def _reset_escalation(env):
    """Put the seeded tickets back as seeded: not escalated, no escalation notes,
    activities or followers."""
    cr = env.cr
    env.flush_all()
    cr.execute("SELECT id FROM helpdesk_ticket WHERE name LIKE 'Care Ops %%'")
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        "DELETE FROM mail_activity WHERE res_model = 'helpdesk.ticket'"
        " AND res_id = ANY(%s)",
        (ids,),
    )
    cr.execute(
        "DELETE FROM mail_message WHERE model = 'helpdesk.ticket' AND res_id = ANY(%s)",
        (ids,),
    )
    cr.execute(
        "DELETE FROM mail_followers WHERE res_model = 'helpdesk.ticket'"
        " AND res_id = ANY(%s)",
        (ids,),
    )
    cr.execute(
        "UPDATE helpdesk_ticket_sla SET rc_escalated_date = NULL WHERE ticket_id = ANY(%s)",
        (ids,),
    )
    cr.execute(
        """
        UPDATE helpdesk_ticket SET rc_response_escalated_date = NULL, rc_breached = false,
               priority = '2' WHERE id = ANY(%s)
        """,
        (ids,),
    )
    cr.execute("UPDATE res_partner SET rc_sla_breach_date = NULL")
    cr.commit()
    env.invalidate_all()


def _pending_breaches(env):
    """What the job will escalate: (ticket SLA lines, late tickets)."""
    Ticket = env["helpdesk.ticket"]
    now = env.cr.now()
    slas = env["helpdesk.ticket.sla"].search(
        [
            ("expired", "=", True),
            ("rc_escalated_date", "=", False),
            ("ticket_id.stage_id.closed", "=", False),
        ]
    )
    late = Ticket.search(
        [
            ("rc_response_deadline", "<", now),
            ("rc_first_response_date", "=", False),
            ("rc_response_escalated_date", "=", False),
            ("stage_id.closed", "=", False),
        ]
    )
    return slas, late


def _escalation_orm_floor(env, slas, late):
    """The job's writes as plain ORM batches: ticket, account and SLA line writes, one
    note and one activity per breach (the activities' create subscribes the owners)."""
    now = env.cr.now()
    Ticket = env["helpdesk.ticket"].with_context(tracking_disable=True)
    tickets = Ticket.browse(slas.ticket_id.ids + late.ids)
    breaches = [sla.ticket_id for sla in slas] + list(late)
    tickets.write({"priority": "3", "rc_breached": True})
    tickets.commercial_partner_id.write({"rc_sla_breach_date": now})
    slas.write({"rc_escalated_date": now})
    late.write({"rc_response_escalated_date": now})
    owners = {t.id: t.commercial_partner_id.kam_manager_id for t in tickets}
    env["mail.message"].create(
        [
            {
                "model": "helpdesk.ticket",
                "res_id": ticket.id,
                "body": "Escalated",
                "message_type": "comment",
                "subtype_id": env.ref("mail.mt_note").id,
                "is_internal": True,
                "reply_to": "catchall@example.com",
                "partner_ids": [(6, 0, owners[ticket.id].partner_id.ids)],
            }
            for ticket in breaches
        ]
    )
    model_id = env["ir.model"]._get_id("helpdesk.ticket")
    todo = env.ref("mail.mail_activity_data_todo").id
    env["mail.activity"].with_context(
        mail_activity_quick_update=True, tracking_disable=True
    ).create(
        [
            {
                "res_model_id": model_id,
                "res_id": ticket.id,
                "user_id": owners[ticket.id].id,
                "activity_type_id": todo,
                "date_deadline": now.date(),
                "summary": "SLA breach",
                "note": "Escalated",
            }
            for ticket in breaches
        ]
    )


def _escalation_sql_floor(env, slas, late):
    """The same writes in raw SQL (followers left out: one row per owner and ticket)."""
    cr = env.cr
    breach_ids = slas.ticket_id.ids + late.ids
    cr.execute(
        "UPDATE helpdesk_ticket SET priority = '3', rc_breached = true WHERE id = ANY(%s)",
        (breach_ids,),
    )
    cr.execute(
        """
        UPDATE res_partner SET rc_sla_breach_date = now() at time zone 'utc'
         WHERE id IN (SELECT commercial_partner_id FROM helpdesk_ticket
                       WHERE id = ANY(%s))
        """,
        (breach_ids,),
    )
    cr.execute(
        "UPDATE helpdesk_ticket_sla SET rc_escalated_date = now() at time zone 'utc'"
        " WHERE id = ANY(%s)",
        (slas.ids,),
    )
    cr.execute(
        "UPDATE helpdesk_ticket SET rc_response_escalated_date = now() at time zone 'utc'"
        " WHERE id = ANY(%s)",
        (late.ids,),
    )
    cr.execute(
        """
        WITH b AS (SELECT t.id, p.kam_manager_id AS user_id, u.partner_id
                     FROM unnest(%(ids)s::int[]) AS x(id)
                     JOIN helpdesk_ticket t ON t.id = x.id
                     JOIN res_partner p ON p.id = t.commercial_partner_id
                     JOIN res_users u ON u.id = p.kam_manager_id),
             m AS (INSERT INTO mail_message (model, res_id, body, message_type,
                          subtype_id, is_internal, date, create_date, write_date,
                          create_uid, write_uid)
                   SELECT 'helpdesk.ticket', b.id, '<p>Escalated</p>', 'comment',
                          %(note)s, true, now() at time zone 'utc',
                          now() at time zone 'utc', now() at time zone 'utc', 1, 1
                     FROM b RETURNING id, res_id),
             r AS (INSERT INTO mail_message_res_partner_rel (mail_message_id,
                          res_partner_id)
                   SELECT DISTINCT m.id, b.partner_id FROM m JOIN b ON b.id = m.res_id)
        INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
               activity_type_id, date_deadline, summary, note, automated, active,
               create_date, write_date, create_uid, write_uid)
        SELECT %(model)s, 'helpdesk.ticket', b.id, b.user_id, %(todo)s, current_date,
               'SLA breach', '<p>Escalated</p>', true, true, now() at time zone 'utc',
               now() at time zone 'utc', 1, 1
          FROM b
        """,
        {
            "ids": breach_ids,
            "note": env.ref("mail.mt_note").id,
            "model": env["ir.model"]._get_id("helpdesk.ticket"),
            "todo": env.ref("mail.mail_activity_data_todo").id,
        },
    )


def _measure_escalation(env, scale):
    _reset_escalation(env)
    slas, late = _pending_breaches(env)
    breaches = len(slas) + len(late)
    cr = env.cr
    cr.execute(
        "SELECT count(*) FROM helpdesk_ticket WHERE active AND stage_id IN"
        " (SELECT id FROM helpdesk_ticket_stage WHERE NOT closed)"
    )
    open_tickets = cr.fetchone()[0]
    orm = _rolled_back(env, lambda: _escalation_orm_floor(env, slas, late))
    sql = _rolled_back(env, lambda: _escalation_sql_floor(env, slas, late))
    Ticket = env["helpdesk.ticket"]
    with _Timer(env) as first:
        escalated = Ticket._cron_rc_escalate()
    env.cr.commit()
    peak_first = _maxrss_mib()
    with _Timer(env) as second:
        again = Ticket._cron_rc_escalate()
    env.cr.commit()
    return [
        {
            "name": "VIP SLA escalation: first run",
            "seconds": first.seconds,
            "orm_floor": orm,
            "sql_floor": sql,
            "queries": first.queries,
            "peak_mib": peak_first,
            "notes": f"{open_tickets} open tickets, {escalated} of {breaches} breaches "
            "escalated (note + activity each); floors: the same writes as plain ORM "
            "batches / raw SQL",
        },
        {
            "name": "VIP SLA escalation: second run",
            "seconds": second.seconds,
            "orm_floor": None,
            "sql_floor": None,
            "queries": second.queries,
            "peak_mib": _maxrss_mib(),
            "notes": f"nothing changed: {again} escalated",
        },
    ]


# --- compliance ---------------------------------------------------------------------------
def _compliance_rows(env, policies, today):
    """The compliance lines the job writes: [(policy, account id, done, start, end)]."""
    rows = []
    for policy in policies:
        accounts = env["res.partner"].search(policy._care_accounts_domain())
        start, end = policy._care_period(today)
        done = dict(
            env["rc.interaction"]._read_group(
                policy._care_qualifying_domain()
                + [
                    ("account_id", "in", accounts.ids),
                    ("date", ">=", start),
                    ("date", "<", end),
                ],
                ["account_id"],
                ["__count"],
            )
        )
        rows.extend(
            (policy, account.id, done.get(account, 0), start, end - timedelta(days=1))
            for account in accounts
        )
    return rows


def _compliance_orm_floor(env, rows, today):
    """Create the same lines as one ORM batch, then write each account's rate (one write
    per distinct rate)."""
    lines = env["rc.care.compliance"].create(
        [
            {
                "policy_id": policy.id,
                "partner_id": account_id,
                "company_id": policy.company_id.id,
                "period_start": start,
                "period_end": end,
                "required": policy.frequency,
                "done": done,
                "rate": min(100.0, done * 100.0 / policy.frequency),
            }
            for policy, account_id, done, start, end in rows
        ]
    )
    rates = defaultdict(list)
    for line in lines:
        rates[line.partner_id.id].append(line.rate)
    by_rate = defaultdict(list)
    for account_id, values in rates.items():
        by_rate[round(sum(values) / len(values), 1)].append(account_id)
    for rate, account_ids in by_rate.items():
        env["res.partner"].browse(account_ids).write({"rc_care_compliance": rate})


def _compliance_sql_floor(env, rows, today):
    cr = env.cr
    cr.execute(
        """
        INSERT INTO rc_care_compliance (policy_id, partner_id, company_id, period_start,
               period_end, required, done, rate, create_uid, write_uid, create_date,
               write_date)
        SELECT r.policy_id, r.partner_id, r.company_id, r.period_start, r.period_end,
               r.required, r.done, LEAST(100.0, r.done * 100.0 / r.required), 1, 1,
               now() at time zone 'utc', now() at time zone 'utc'
          FROM unnest(%s::int[], %s::int[], %s::int[], %s::date[], %s::date[], %s::int[],
                      %s::int[])
               AS r(policy_id, partner_id, company_id, period_start, period_end, required,
                    done)
        """,
        [
            [r[0].id for r in rows],
            [r[1] for r in rows],
            [r[0].company_id.id for r in rows],
            [r[3] for r in rows],
            [r[4] for r in rows],
            [r[0].frequency for r in rows],
            [r[2] for r in rows],
        ],
    )
    cr.execute(
        """
        UPDATE res_partner p SET rc_care_compliance = c.rate
          FROM (SELECT partner_id, ROUND(AVG(rate)::numeric, 1) AS rate
                  FROM rc_care_compliance
                 WHERE period_start <= %(today)s AND period_end >= %(today)s
                 GROUP BY partner_id) c
         WHERE p.id = c.partner_id
        """,
        {"today": today},
    )


def _measure_compliance(env, scale):
    from odoo import fields

    today = fields.Date.context_today(env["rc.care.policy"])
    policies = (
        env["rc.care.policy"]
        .search([("occasion_type", "=", "frequency")])
        ._care_valid_policies()
    )
    env.flush_all()
    # Back to no compliance at all: the first run writes every line.
    env.cr.execute("DELETE FROM rc_care_compliance")
    env.cr.execute(
        "UPDATE res_partner SET rc_care_compliance = NULL"
        " WHERE rc_care_compliance IS NOT NULL"
    )
    env.cr.commit()
    env.invalidate_all()
    rows = _compliance_rows(env, policies, today)
    orm = _rolled_back(env, lambda: _compliance_orm_floor(env, rows, today))
    sql = _rolled_back(env, lambda: _compliance_sql_floor(env, rows, today))
    Compliance = env["rc.care.compliance"]
    with _Timer(env) as first:
        Compliance._update_for_policies(policies, today)
    env.cr.commit()
    peak_first = _maxrss_mib()
    with _Timer(env) as second:
        Compliance._update_for_policies(policies, today)
    env.cr.commit()
    return [
        {
            "name": "Care compliance update: first run",
            "seconds": first.seconds,
            "orm_floor": orm,
            "sql_floor": sql,
            "queries": first.queries,
            "peak_mib": peak_first,
            "notes": f"{len(rows)} compliance lines ({len(policies)} frequency policies "
            "x their accounts) and the accounts' rates",
        },
        {
            "name": "Care compliance update: second run",
            "seconds": second.seconds,
            "orm_floor": None,
            "sql_floor": None,
            "queries": second.queries,
            "peak_mib": _maxrss_mib(),
            "notes": "nothing changed: no line rewritten",
        },
    ]


# --- care occasions (the daily care job) ---------------------------------------------------
def _reset_care(env):
    """No occasion recorded yet: the first run catches up every occasion due."""
    env.flush_all()
    env.cr.execute(
        "DELETE FROM mail_activity WHERE id IN"
        " (SELECT activity_id FROM rc_care_occasion WHERE activity_id IS NOT NULL)"
    )
    env.cr.execute("DELETE FROM rc_care_occasion")
    env.cr.commit()
    env.invalidate_all()


def _measure_care_job(env, scale):
    from odoo import fields

    Policy = env["rc.care.policy"]
    today = fields.Date.context_today(Policy)
    _reset_care(env)
    policies = Policy.search([])
    skipped = policies - policies._care_valid_policies()
    env.cr.execute("SELECT COALESCE(max(id), 0) FROM mail_activity")
    last_id = env.cr.fetchone()[0]
    with _Timer(env) as first:
        created = Policy._cron_run_care(today=today)
    env.cr.commit()
    peak_first = _maxrss_mib()
    activities = env["mail.activity"].search([("id", ">", last_id)])
    fields_ = "res_model_id res_id user_id activity_type_id date_deadline summary note"
    fields_ = fields_.split()
    vals_list = [
        {
            name: value[0] if isinstance(value, tuple) else value
            for name, value in vals.items()
            if name in fields_
        }
        for vals in activities.read(fields_)
    ]

    def orm_floor():
        env["mail.activity"].with_context(
            mail_activity_quick_update=True, tracking_disable=True
        ).create(vals_list)

    def sql_floor():
        env.cr.execute(
            """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
                   activity_type_id, date_deadline, summary, note, automated, active,
                   create_date, write_date, create_uid, write_uid)
            SELECT res_model_id, res_model, res_id, user_id, activity_type_id,
                   date_deadline, summary, note, true, true, now() at time zone 'utc',
                   now() at time zone 'utc', 1, 1
              FROM mail_activity WHERE id > %s
            """,
            (last_id,),
        )

    orm = _rolled_back(env, orm_floor) if vals_list else None
    sql = _rolled_back(env, sql_floor) if vals_list else None
    with _Timer(env) as second:
        again = Policy._cron_run_care(today=today)
    env.cr.commit()
    return [
        {
            "name": "Care job: first run (catch-up)",
            "seconds": first.seconds,
            "orm_floor": orm,
            "sql_floor": sql,
            "queries": first.queries,
            "peak_mib": peak_first,
            "notes": f"{created} activities on {today} from {len(policies)} policies, "
            f"skipped (invalid filter): {skipped.mapped('name') or '-'}; floors: the "
            "same activities created again (ORM batch / raw SQL)",
        },
        {
            "name": "Care job: second run",
            "seconds": second.seconds,
            "orm_floor": None,
            "sql_floor": None,
            "queries": second.queries,
            "peak_mib": _maxrss_mib(),
            "notes": f"nothing new: {again} activities",
        },
    ]


def measure(env, scale):
    """Rows of the escalation and compliance jobs (see the module's docstring). The peak
    memory is this process's peak so far (ru_maxrss)."""
    return (
        _measure_escalation(env, scale)
        + _measure_compliance(env, scale)
        + _measure_care_job(env, scale)
    )


# --- standalone ---------------------------------------------------------------------------
def main():
    odoo_path = os.environ.get("ODOO_PATH", "/opt/odoo18")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    oca = os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--addons-path",
        default=",".join([os.path.join(odoo_path, "odoo", "addons"), oca, root]),
    )
    parser.add_argument("--db-user", default=os.environ.get("PGUSER", "odoo"))
    args = parser.parse_args()
    sys.path.insert(0, odoo_path)
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            f"--db_user={args.db_user}",
            "-d",
            args.db,
        ]
    )
    odoo.netsvc.init_logger()
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        started = time.perf_counter()
        seed(env, args.scale)
        print(f"seed: {time.perf_counter() - started:.1f} s")
        rows = measure(env, args.scale)
    print(
        f"{'name':<40}{'seconds':>9}{'ORM floor':>10}{'SQL floor':>10}{'x ORM':>7}"
        f"{'queries':>9}{'peak MiB':>9}"
    )
    for r in rows:
        ratio = f"{r['seconds'] / r['orm_floor']:.2f}" if r.get("orm_floor") else "-"
        print(
            f"{r['name']:<40}{r['seconds']:>9.3f}{r['orm_floor'] or 0:>10.3f}"
            f"{r['sql_floor'] or 0:>10.3f}{ratio:>7}{r['queries']:>9}{r['peak_mib']:>9}"
        )
        print(f"    {r['notes']}")


if __name__ == "__main__":
    main()
