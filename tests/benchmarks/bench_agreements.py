# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Agreement expiry reminders at scale: 10,000 active agreements (--scale 1.0).

One showcase and one active agreement per key account; the end dates are spread from 10
days ago to 110 days ahead, so that about a twelfth expire, half are due a reminder and
the rest are outside the window. The signatory is the account's key account manager (half
of them read Chinese). Seeding re-arms an earlier run.
"""

from collections import defaultdict

from bench_base import SEED_TAG
from bench_common import measure as timed
from bench_common import row

PREFIX = "SB-AGR-"


def seed(env, scale):
    cr = env.cr
    cr.execute("SELECT count(*) FROM sc_agreement WHERE name LIKE %s", (PREFIX + "%",))
    if cr.fetchone()[0]:
        _rearm(env)
        return
    stage = env.ref("showcase_program.sc_showcase_stage_maintenance").id
    cr.execute(
        """
        INSERT INTO sc_showcase (name, company_id, partner_id, stage_id, level,
               review_state, signing_timing, user_id, active, create_date, write_date,
               create_uid, write_uid)
        SELECT 'Scale Showcase ' || p.id, COALESCE(p.company_id, %(company)s), p.id,
               %(stage)s, 'city', 'approved', 'implementation', p.kam_manager_id,
               true, now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner p
         WHERE p.ref = %(tag)s AND p.is_company AND p.kam_tier = 'key'
        """,
        {"company": env.company.id, "stage": stage, "tag": SEED_TAG},
    )
    cr.execute(
        """
        INSERT INTO sc_agreement (name, showcase_id, partner_id, company_id, level,
               state, date_start, date_end, date_signed, company_signatory_id,
               visit_min_rest_days, create_date, write_date, create_uid, write_uid)
        SELECT %(prefix)s || s.id, s.id, s.partner_id, s.company_id, 'city', 'active',
               CURRENT_DATE - 300, CURRENT_DATE - 10 + (s.id %% 121),
               CURRENT_DATE - 300, s.user_id, 14,
               now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM sc_showcase s
          JOIN res_partner p ON p.id = s.partner_id AND p.ref = %(tag)s
        """,
        {"prefix": PREFIX, "tag": SEED_TAG},
    )
    cr.execute("ANALYZE sc_agreement")
    cr.commit()


def _rearm(env):
    cr = env.cr
    cr.execute(
        """
        UPDATE sc_agreement SET state = 'active', reminder_sent = NULL
         WHERE name LIKE %s
        """,
        (PREFIX + "%",),
    )
    for table in ("mail_activity", "mail_message"):
        model = "res_model" if table == "mail_activity" else "model"
        cr.execute(
            f"""
            DELETE FROM {table} WHERE {model} = 'sc.agreement'
               AND res_id IN (SELECT id FROM sc_agreement WHERE name LIKE %s)
            """,  # noqa: S608 - fixed names
            (PREFIX + "%",),
        )
    cr.commit()


def _expected(env):
    """What the job will write: agreements to expire, stamps, activity values."""
    Agreement = env["sc.agreement"]
    today = env.cr.now().date()
    thresholds = Agreement._get_reminder_thresholds()
    ended = Agreement.search(
        [("state", "in", ("signed", "active")), ("date_end", "<", today)]
    )
    window = Agreement.search(
        [
            ("state", "in", ("signed", "active")),
            ("date_end", ">=", today),
            ("date_end", "<=", today.fromordinal(today.toordinal() + max(thresholds))),
        ]
    )
    stamps = defaultdict(list)
    activities = []
    model_id = env["ir.model"]._get_id("sc.agreement")
    todo_type = env.ref("mail.mail_activity_data_todo").id
    for agreement in window:
        due = agreement._get_due_thresholds(today, thresholds)
        if not due:
            continue
        stamps[",".join(map(str, sorted(due, reverse=True)))].append(agreement.id)
        activities.append(
            {
                "res_model_id": model_id,
                "res_id": agreement.id,
                "activity_type_id": todo_type,
                "user_id": (agreement.company_signatory_id or env.user).id,
                "date_deadline": today,
                "summary": f"expires in {(agreement.date_end - today).days} days",
            }
        )
    return ended, stamps, activities


def _orm_floor(env, ended, stamps, activities):
    with timed(env) as result:
        ended._workflow_as_transition().write({"state": "expired"})
        for stamp, ids in stamps.items():
            env["sc.agreement"].browse(ids)._workflow_as_transition().write(
                {"reminder_sent": stamp}
            )
        # as the job: the activity is the reminder, no email per activity
        env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        env.cr.precommit.run()  # the tracking messages a commit would write
    env.cr.rollback()
    env.invalidate_all()
    return result.seconds


def _sql_floor(env, ended, stamps, activities):
    cr = env.cr
    with timed() as result:
        cr.execute(
            "UPDATE sc_agreement SET state = 'expired' WHERE id = ANY(%s)", (ended.ids,)
        )
        for stamp, ids in stamps.items():
            cr.execute(
                "UPDATE sc_agreement SET reminder_sent = %s WHERE id = ANY(%s)",
                (stamp, ids),
            )
        cr.execute(
            """
            INSERT INTO mail_activity (res_model_id, res_model, res_id, user_id,
                   activity_type_id, date_deadline, summary, automated, active,
                   create_date, write_date, create_uid, write_uid)
            SELECT %s, 'sc.agreement', v.res_id, v.user_id, %s, CURRENT_DATE, v.summary,
                   true, true, now() at time zone 'utc', now() at time zone 'utc', 1, 1
              FROM unnest(%s::int[], %s::int[], %s::varchar[]) AS v(res_id, user_id, summary)
            """,
            (
                activities[0]["res_model_id"] if activities else 0,
                env.ref("mail.mail_activity_data_todo").id,
                [a["res_id"] for a in activities],
                [a["user_id"] for a in activities],
                [a["summary"] for a in activities],
            ),
        )
    cr.rollback()
    return result.seconds


def measure(env, scale):
    ended, stamps, activities = _expected(env)
    orm = _orm_floor(env, ended, stamps, activities)
    sql = _sql_floor(env, ended, stamps, activities)

    def count():
        env.cr.execute(
            """
            SELECT count(*) FROM mail_activity WHERE res_model = 'sc.agreement'
               AND res_id IN (SELECT id FROM sc_agreement WHERE name LIKE %s)
            """,
            (PREFIX + "%",),
        )
        return env.cr.fetchone()[0]

    Agreement = env["sc.agreement"]
    before = count()
    with timed(env) as first:
        Agreement._cron_expiry_reminders()
    env.cr.commit()
    made = count() - before
    with timed(env) as second:
        Agreement._cron_expiry_reminders()
    env.cr.commit()
    return [
        row(
            "agreement expiry reminders",
            first,
            orm,
            sql,
            f"{len(ended)} expired, {made} reminders of {len(activities)} expected",
        ),
        row(
            "agreement expiry reminders, second run",
            second,
            notes=f"{count() - before - made} reminders",
        ),
    ]
