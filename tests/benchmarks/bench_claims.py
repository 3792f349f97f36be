# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Claim expiry at scale: 10,000 active claims (--scale 1.0), 40 days old.

A third of the claimants posted a note on their account 5 days ago (their claim stays);
the others expire. Seeding re-arms the claims of an earlier run, so the benchmark can be
run again on the same database.
"""

from datetime import timedelta

from bench_base import SEED_TAG, TERRITORIES, users
from bench_common import measure as timed
from bench_common import row
from markupsafe import Markup


def seed(env, scale):
    cr = env.cr
    cr.execute(
        """
        SELECT count(*) FROM kam_claim c JOIN res_partner p ON p.id = c.partner_id
         WHERE p.ref = %s
        """,
        (SEED_TAG,),
    )
    if cr.fetchone()[0]:
        _rearm(env)
        return
    salespeople = users(env)
    territories = env["kam.territory"].search([("code", "=like", "SB-%")], order="id")
    listed = env.ref("key_account_management.kam_account_stage_listed").id
    # Pool accounts (one company in ten): territory, listed stage, claimed 40 days ago
    # by a salesperson of the territory.
    cr.execute(
        """
        WITH pool AS (
            SELECT id, (substring(name from 15)::int / 10) %% %(nusers)s AS u
              FROM res_partner
             WHERE ref = %(tag)s AND is_company AND name LIKE 'Scale Account %%'
               AND substring(name from 15)::int %% 10 = 5
        )
        UPDATE res_partner p
           SET kam_territory_id = (%(territories)s::int[])[1 + pool.u %% %(nterr)s],
               kam_stage_id = %(listed)s,
               kam_claim_user_id = (%(users)s::int[])[1 + pool.u],
               kam_claim_date = now() at time zone 'utc' - interval '40 days'
          FROM pool WHERE pool.id = p.id
        """,
        {
            "tag": SEED_TAG,
            "nusers": len(salespeople),
            "users": salespeople.ids,
            "territories": territories.ids,
            "nterr": TERRITORIES,
            "listed": listed,
        },
    )
    cr.execute(
        """
        INSERT INTO kam_claim (partner_id, user_id, territory_id, date_claimed, state,
               company_id, create_date, write_date, create_uid, write_uid)
        SELECT id, kam_claim_user_id, kam_territory_id, kam_claim_date, 'active',
               company_id, now() at time zone 'utc', now() at time zone 'utc', 1, 1
          FROM res_partner
         WHERE ref = %s AND is_company AND kam_claim_user_id IS NOT NULL
        """,
        (SEED_TAG,),
    )
    # A third of the claimants acted 5 days ago: a note on the account.
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, author_id, message_type, subtype_id,
               body, date, create_date, write_date, create_uid, write_uid)
        SELECT 'res.partner', c.partner_id, u.partner_id, 'comment', %(note)s,
               '<p>Visited the CIO</p>', now() at time zone 'utc' - interval '5 days',
               now() at time zone 'utc', now() at time zone 'utc', c.user_id, c.user_id
          FROM kam_claim c JOIN res_users u ON u.id = c.user_id
         WHERE c.id %% 3 = 0
           AND c.partner_id IN (SELECT id FROM res_partner WHERE ref = %(tag)s)
        """,
        {"note": env.ref("mail.mt_note").id, "tag": SEED_TAG},
    )
    cr.execute("ANALYZE kam_claim")
    cr.commit()


def _rearm(env):
    """Make the claims of an earlier run active again, without their expiry notices."""
    cr = env.cr
    cr.execute(
        """
        UPDATE kam_claim c SET state = 'active', date_released = NULL,
               release_reason = NULL
          FROM res_partner p WHERE p.id = c.partner_id AND p.ref = %s
        """,
        (SEED_TAG,),
    )
    cr.execute(
        """
        UPDATE res_partner p SET kam_claim_user_id = c.user_id,
               kam_claim_date = c.date_claimed
          FROM kam_claim c WHERE c.partner_id = p.id AND p.ref = %s
        """,
        (SEED_TAG,),
    )
    cr.execute(
        """
        DELETE FROM mail_message m USING kam_claim c, res_partner p
         WHERE m.model = 'res.partner' AND m.res_id = c.partner_id
           AND p.id = c.partner_id AND p.ref = %s AND m.author_id = %s
        """,
        (SEED_TAG, env.ref("base.partner_root").id),
    )
    cr.commit()


def _expected(env):
    """The claims the job will expire, computed with the model's own selection."""
    Partner = env["res.partner"]
    claims = env["kam.claim"].browse(Partner._kam_claim_expiry_candidates())
    last = Partner._kam_last_sales_action_dates(claims)
    now = env.cr.now()
    return claims.filtered(
        lambda c: max(filter(None, [c.date_claimed, last.get(c.id)]))
        < now - timedelta(days=(c.company_id or env.company).kam_claim_expiry_days)
    )


def _orm_floor(env, claims):
    """A plain ORM batch of the job's writes: the claims, the accounts, the notes."""
    with timed(env) as result:
        claims._workflow_as_transition().write(
            {"state": "expired", "date_released": env.cr.now(), "release_reason": "x"}
        )
        # as the job: its note says it, no tracking message besides
        claims.partner_id.with_context(
            tracking_disable=True
        )._workflow_as_transition().write(
            {"kam_claim_user_id": False, "kam_claim_date": False}
        )
        author = env.ref("base.partner_root").id
        messages = env["mail.message"].create(
            [
                {
                    "model": "res.partner",
                    "res_id": claim.partner_id.id,
                    "message_type": "comment",
                    "subtype_id": env.ref("mail.mt_note").id,
                    "author_id": author,
                    "body": Markup("<p>%s</p>") % claim.partner_id.name,
                    "partner_ids": [(4, claim.user_id.partner_id.id)],
                }
                for claim in claims
            ]
        )
        env["mail.notification"].create(
            [
                {
                    "mail_message_id": message.id,
                    "res_partner_id": claim.user_id.partner_id.id,
                    "notification_type": "inbox",
                }
                for message, claim in zip(messages, claims, strict=True)
            ]
        )
        env.cr.precommit.run()  # what a commit would write (tracking)
    env.cr.rollback()
    env.invalidate_all()
    return result.seconds


def _sql_floor(env, claims):
    cr = env.cr
    with timed() as result:
        cr.execute(
            """
            UPDATE kam_claim SET state = 'expired', release_reason = 'x',
                   date_released = now() at time zone 'utc' WHERE id = ANY(%s)
            """,
            (claims.ids,),
        )
        cr.execute(
            """
            UPDATE res_partner SET kam_claim_user_id = NULL, kam_claim_date = NULL
             WHERE id IN (SELECT partner_id FROM kam_claim WHERE id = ANY(%s))
            """,
            (claims.ids,),
        )
        cr.execute(
            """
            WITH m AS (
                INSERT INTO mail_message (model, res_id, author_id, message_type,
                       subtype_id, body, date, create_date, write_date, create_uid,
                       write_uid)
                SELECT 'res.partner', c.partner_id, 2, 'comment', 1, '<p>x</p>',
                       now() at time zone 'utc', now() at time zone 'utc',
                       now() at time zone 'utc', 1, 1
                  FROM kam_claim c WHERE c.id = ANY(%s)
                RETURNING id, res_id
            ), r AS (
                INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id)
                SELECT m.id, u.partner_id FROM m
                  JOIN kam_claim c ON c.partner_id = m.res_id AND c.id = ANY(%s)
                  JOIN res_users u ON u.id = c.user_id
                RETURNING mail_message_id, res_partner_id
            )
            INSERT INTO mail_notification (mail_message_id, res_partner_id,
                   notification_type, notification_status, is_read)
            SELECT mail_message_id, res_partner_id, 'inbox', 'ready', false FROM r
            """,
            (claims.ids, claims.ids),
        )
    cr.rollback()
    return result.seconds


def measure(env, scale):
    expected = _expected(env)
    count = len(expected)
    orm = _orm_floor(env, expected)
    sql = _sql_floor(env, env["kam.claim"].browse(expected.ids))
    Partner = env["res.partner"]
    with timed(env) as first:
        released = Partner._cron_release_expired_claims()
    env.cr.commit()
    with timed(env) as second:
        again = Partner._cron_release_expired_claims()
    env.cr.commit()
    return [
        row(
            "claim expiry",
            first,
            orm,
            sql,
            f"{released} of {count} expected claims released (notes + Inbox, "
            "reader's language)",
        ),
        row("claim expiry, second run", second, notes=f"{again} released"),
    ]
