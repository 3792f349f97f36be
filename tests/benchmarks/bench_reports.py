# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Funnel and tier pyramid reports at 100,000 companies (--scale 1.0).

Seeds three stage moves per key account (30,000 history rows) and one done activity per
key-account contact and per contact of every tenth other company (about 38,000 messages),
then reads each report as its pivot view does (read_group by the pivot's rows and
columns, with its measures). The floors: the ORM read_group of the table under the
report, and the same GROUP BY in SQL.
"""

from bench_base import SEED_TAG
from bench_common import measure as timed
from bench_common import row


def seed(env, scale):
    cr = env.cr
    cr.execute(
        """
        SELECT count(*) FROM kam_stage_history h JOIN res_partner p ON p.id = h.partner_id
         WHERE p.ref = %s
        """,
        (SEED_TAG,),
    )
    if cr.fetchone()[0]:
        return
    ref = env.ref
    path = [
        ref(f"key_account_management.kam_account_stage_{code}").id
        for code in ("target", "listed", "potential")
    ]
    cr.execute(
        """
        INSERT INTO kam_stage_history (partner_id, stage_from_id, stage_to_id, date,
               days_in_previous, territory_id, salesperson_id, company_id, user_id,
               create_date, write_date, create_uid, write_uid)
        SELECT p.id, CASE WHEN k > 1 THEN (%(path)s::int[])[k - 1] END,
               CASE WHEN k = 4 THEN p.kam_stage_id ELSE (%(path)s::int[])[k] END,
               now() at time zone 'utc' - ((400 - k * 90 - p.id %% 60) || ' days')::interval,
               CASE WHEN k > 1 THEN 90 - p.id %% 60 END, p.kam_territory_id,
               p.kam_manager_id, p.company_id, 1,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner p, generate_series(1, 4) k
         WHERE p.ref = %(tag)s AND p.is_company AND p.kam_tier = 'key'
           AND (k < 4 OR p.kam_stage_id <> (%(path)s::int[])[3])
        """,
        {"path": path, "tag": SEED_TAG},
    )
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, author_id, message_type, subtype_id,
               mail_activity_type_id, body, date, create_date, write_date, create_uid,
               write_uid)
        SELECT 'res.partner', q.id, 3, 'notification', %(subtype)s, %(type)s,
               '<p>Done</p>', now() at time zone 'utc' - ((q.id %% 300) || ' days')::interval,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner q JOIN res_partner a ON a.id = q.parent_id
         WHERE q.ref = %(tag)s AND NOT q.is_company
           AND (a.kam_tier = 'key' OR a.id %% 10 = 3)
        """,
        {
            "subtype": env.ref("mail.mt_activities").id,
            "type": env.ref("mail.mail_activity_data_todo").id,
            "tag": SEED_TAG,
        },
    )
    cr.execute("ANALYZE kam_stage_history")
    cr.execute("ANALYZE mail_message")
    cr.commit()


def _sql(env, query):
    with timed() as result:
        env.cr.execute(query)
        env.cr.fetchall()
    return result.seconds


def measure(env, scale):
    rows = []
    Funnel = env["kam.funnel.report"]
    with timed(env) as funnel:
        groups = Funnel.read_group(
            [],
            ["entered_count:sum", "conversion_rate:avg", "days_in_stage:avg"],
            ["stage_id", "territory_id"],
            lazy=False,
        )
    with timed(env) as orm:
        env["kam.stage.history"].read_group(
            [], ["days_in_previous:avg"], ["stage_to_id", "territory_id"], lazy=False
        )
    sql = _sql(
        env,
        "SELECT stage_to_id, territory_id, count(*), avg(days_in_previous)"
        " FROM kam_stage_history GROUP BY 1, 2",
    )
    rows.append(
        row(
            "funnel report (pivot: stage x territory)",
            funnel,
            orm.seconds,
            sql,
            f"{sum(g['__count'] for g in groups)} stage entries, {len(groups)} cells",
        )
    )
    Pyramid = env["kam.tier.pyramid.report"]
    with timed(env) as pyramid:
        groups = Pyramid.read_group(
            [],
            [
                "account_share:sum",
                "time_share:sum",
                "account_count:sum",
                "logged_hours:sum",
            ],
            ["tier"],
            lazy=False,
        )
    with timed(env) as orm:
        env["res.partner"].read_group(
            [("is_company", "=", True), ("kam_tier", "!=", False)],
            ["__count"],
            ["kam_tier"],
            lazy=False,
        )
    sql = _sql(
        env,
        "SELECT kam_tier, count(*) FROM res_partner"
        " WHERE is_company AND active AND kam_tier IS NOT NULL GROUP BY 1",
    )
    shares = {g["tier"]: round(g["time_share"] or 0, 1) for g in groups}
    rows.append(
        row(
            "tier pyramid report (pivot: tier)",
            pyramid,
            orm.seconds,
            sql,
            f"{sum(g['account_count'] for g in groups)} accounts; time share {shares}",
        )
    )
    return rows
