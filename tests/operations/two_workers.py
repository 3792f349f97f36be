# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scheduled jobs under two workers: the cron worker and "Run now" at the same time.

    python two_workers.py prepare DB [ACCOUNTS]   make the jobs due, with work to do
    python two_workers.py run DB URL LOG          Run now, many at once, while the cron
                                                  worker runs the same jobs; then check

Called by scripts/check_two_workers.sh, which creates the database and starts Odoo with
``--workers=2 --max-cron-threads=1`` between the two steps. Plain SQL (psycopg2) and
JSON-RPC (urllib): no Odoo import, the server is the real one.

``prepare`` adds ACCOUNTS key accounts (default 1500) whose last interaction is 200 days
old (each goes red, with one activity for its manager: a run long enough for Run now and
the cron worker to overlap), backdates the active claims past their expiry, and sets the
next call of the product's jobs in the past.

``run`` starts, for every job of the product, several "Run now" (ir.cron
method_direct_trigger as admin over JSON-RPC) in waves while the cron worker runs the
jobs, waits until every job is done, and fails (exit 1) when:

- an activity exists twice (same document, type, user, deadline and summary);
- a message exists twice (same document, author, subtype and body: escalations,
  claim releases, greetings, reminders posted twice);
- a claim was released twice, a care occasion recorded twice, a stage-history row
  written twice for the same account and stage at the same moment;
- a Run now failed otherwise than by a clear "already running" / "cannot be modified
  right now" message, or an ERROR / CRITICAL line is in the server log.
"""

# A command-line tool, not an addon: it prints.
# pylint: disable=print-used

import json
import re
import sys
import threading
import time
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar

import psycopg2

PRODUCT = ("key_account_management", "relationship_care", "showcase_program")
SEED_REF = "TWO-WORKERS"
START_KEY = "kam.two_workers.start"
WAVES = 6  # waves of Run now, WAVE_GAP seconds apart
WAVE_GAP = 1.5
PER_WAVE = 3  # concurrent Run now of each job per wave
# Requests in flight at once: the two HTTP workers busy and as many waiting, as users
# clicking; more would only overflow Odoo's listen backlog (8 per worker).
IN_FLIGHT = 4


def product_crons(cr):
    cr.execute(
        """
        SELECT c.id, a.name->>'en_US' FROM ir_cron c
          JOIN ir_act_server a ON a.id = c.ir_actions_server_id
         WHERE c.active AND c.id IN (
               SELECT res_id FROM ir_model_data
                WHERE model = 'ir.cron' AND module IN %s)
         ORDER BY c.id
        """,
        (PRODUCT,),
    )
    return cr.fetchall()


def prepare(db, accounts):
    with psycopg2.connect(dbname=db) as cnx, cnx.cursor() as cr:
        cr.execute("SELECT id FROM res_users WHERE login = 'admin'")
        admin = cr.fetchone()[0]
        cr.execute(
            """
            INSERT INTO res_partner (name, complete_name, is_company, active, type,
                                     kam_tier, kam_manager_id, ref, lang,
                                     create_uid, write_uid, create_date, write_date)
            SELECT 'Two Workers Ltd ' || n, 'Two Workers Ltd ' || n, TRUE, TRUE,
                   'contact', 'key', %(admin)s, %(ref)s, 'en_US',
                   1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) n
            """,
            {"admin": admin, "ref": SEED_REF, "n": accounts},
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE ref = %s",
            (SEED_REF,),
        )
        # Their last interaction: a note 200 days ago (red: past twice the key gap).
        cr.execute(
            """
            INSERT INTO mail_message (model, res_id, message_type, body, date,
                                      author_id, subtype_id, create_uid, write_uid,
                                      create_date, write_date)
            SELECT 'res.partner', p.id, 'comment', '<p>Visit</p>',
                   now() AT TIME ZONE 'UTC' - interval '200 days',
                   (SELECT partner_id FROM res_users WHERE id = %(admin)s),
                   (SELECT res_id FROM ir_model_data
                     WHERE module = 'mail' AND name = 'mt_note'),
                   1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM res_partner p WHERE p.ref = %(ref)s
            """,
            {"admin": admin, "ref": SEED_REF},
        )
        cr.execute(
            "UPDATE kam_claim SET date_claimed = date_claimed - interval '400 days' "
            "WHERE state = 'active' RETURNING id"
        )
        claims = cr.rowcount
        # What the jobs create from now on is checked for duplicates.
        cr.execute(
            "INSERT INTO ir_config_parameter (key, value, create_date, write_date)"
            " VALUES (%s, (clock_timestamp() AT TIME ZONE 'UTC')::text, now(), now())",
            (START_KEY,),
        )
        crons = product_crons(cr)
        cr.execute(
            "UPDATE ir_cron SET nextcall = now() AT TIME ZONE 'UTC' - interval '1 hour'"
            " WHERE id = ANY(%s)",
            ([cron_id for cron_id, _name in crons],),
        )
    print(
        f"Prepared {db}: {accounts} key accounts to rate red, {claims} active claims "
        f"made expired, {len(crons)} jobs due: "
        + ", ".join(name for _id, name in crons)
    )


class Client:
    """A JSON-RPC session of admin on the running server."""

    def __init__(self, url, db):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )
        result = self.call(
            "/web/session/authenticate",
            {"db": db, "login": "admin", "password": "admin"},
        )
        if "error" in result:
            raise SystemExit(f"Cannot log in as admin: {result['error']}")

    def call(self, path, params):
        data = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        request = urllib.request.Request(
            self.url + path,
            data=data.encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=600) as response:
            return json.loads(response.read())

    def run_now(self, cron_id):
        return self.call(
            "/web/dataset/call_kw/ir.cron/method_direct_trigger",
            {
                "model": "ir.cron",
                "method": "method_direct_trigger",
                "args": [[cron_id]],
                "kwargs": {},
            },
        )


def outcome(result):
    if "error" not in result:
        return "ran"
    message = result["error"].get("data", {}).get("message", "") or str(result)
    if "already running" in message:
        return "refused: already running (job lock)"
    if "cannot be modified right now" in message:
        return "refused: cannot be modified right now (cron row lock)"
    return f"FAILED: {message[:300]}"


def hammer(url, db, crons):
    """Waves of concurrent Run now of every job; return Counter of (job, outcome)."""
    outcomes = Counter()
    lock = threading.Lock()

    # One session: the calls queue on the workers, not on logins.
    client = Client(url, db)
    in_flight = threading.BoundedSemaphore(IN_FLIGHT)

    def one(cron_id, name):
        try:
            with in_flight:
                result = outcome(client.run_now(cron_id))
        except Exception as exc:  # noqa: BLE001 - reported as a failure
            result = f"FAILED: {exc!r}"
        with lock:
            outcomes[(name, result)] += 1

    threads = []
    for _wave in range(WAVES):
        for cron_id, name in crons:
            for _i in range(PER_WAVE):
                thread = threading.Thread(target=one, args=(cron_id, name))
                thread.start()
                threads.append(thread)
        time.sleep(WAVE_GAP)
    for thread in threads:
        thread.join()
    return outcomes


def wait_for_jobs(db, crons, timeout=900):
    """Until no job is due nor running (its ir.cron row lockable)."""
    deadline = time.time() + timeout
    ids = [cron_id for cron_id, _name in crons]
    while time.time() < deadline:
        with psycopg2.connect(dbname=db) as cnx, cnx.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM ir_cron WHERE id = ANY(%s) AND active"
                " AND nextcall <= now() AT TIME ZONE 'UTC'",
                (ids,),
            )
            due = cr.fetchone()[0]
            try:
                cr.execute(
                    "SELECT id FROM ir_cron WHERE id = ANY(%s) FOR NO KEY UPDATE NOWAIT",
                    (ids,),
                )
                running = False
            except psycopg2.errors.LockNotAvailable:
                running = True
            cnx.rollback()
        if not due and not running:
            return True
        time.sleep(2)
    return False


DUPLICATES = {
    "activities": """
        SELECT res_model, res_id, activity_type_id, user_id, date_deadline, summary,
               count(*)
          FROM mail_activity WHERE create_date >= %(start)s
         GROUP BY 1, 2, 3, 4, 5, 6 HAVING count(*) > 1
    """,
    "messages": """
        SELECT model, res_id, author_id, subtype_id, md5(body), count(*)
          FROM mail_message
         WHERE create_date >= %(start)s AND coalesce(body, '') NOT IN ('', '<p></p>')
         GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1
    """,
    "mails": """
        SELECT m.email_to, md5(m.body_html), count(*)
          FROM mail_mail m JOIN mail_message mm ON mm.id = m.mail_message_id
         WHERE mm.create_date >= %(start)s
         GROUP BY 1, 2 HAVING count(*) > 1
    """,
    "claim releases": """
        SELECT c.id, count(*) FROM kam_claim c
          JOIN mail_message m ON m.model = 'kam.claim' AND m.res_id = c.id
          JOIN mail_tracking_value v ON v.mail_message_id = m.id
          JOIN ir_model_fields f ON f.id = v.field_id AND f.name = 'state'
         WHERE m.create_date >= %(start)s
         GROUP BY 1 HAVING count(*) > 1
    """,
    "care occasions": """
        SELECT policy_id, partner_id, occasion_key, count(*) FROM rc_care_occasion
         GROUP BY 1, 2, 3 HAVING count(*) > 1
    """,
    "account stage history": """
        SELECT partner_id, stage_to_id, date_trunc('second', date), count(*)
          FROM kam_stage_history WHERE create_date >= %(start)s
         GROUP BY 1, 2, 3 HAVING count(*) > 1
    """,
}


def check(db, start):
    problems, figures = [], {}
    cnx = psycopg2.connect(dbname=db)
    cnx.autocommit = True  # a query on a table this version lacks spoils no other
    with cnx, cnx.cursor() as cr:
        for label, query in DUPLICATES.items():
            try:
                cr.execute(query, {"start": start})
                rows = cr.fetchall()
            except (psycopg2.errors.UndefinedTable, psycopg2.errors.UndefinedColumn):
                continue
            if rows:
                problems.append(f"{len(rows)} {label} exist twice, e.g. {rows[:3]}")
        cr.execute(
            """
            SELECT count(*) FROM mail_activity a JOIN res_partner p ON p.id = a.res_id
             WHERE a.res_model = 'res.partner' AND p.ref = %s
               AND a.activity_type_id = (
                   SELECT res_id FROM ir_model_data WHERE module = 'key_account_management'
                      AND name = 'mail_activity_type_kam_warning')
            """,
            (SEED_REF,),
        )
        figures["red warning activities"] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM res_partner WHERE ref = %s AND kam_warning_level = 'red'",
            (SEED_REF,),
        )
        figures["accounts rated red"] = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM kam_claim WHERE state = 'active'")
        figures["claims still active"] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM mail_activity WHERE create_date >= %s", (start,)
        )
        figures["activities created"] = cr.fetchone()[0]
        cr.execute(
            "SELECT count(*) FROM mail_message WHERE create_date >= %s", (start,)
        )
        figures["messages created"] = cr.fetchone()[0]
    cnx.close()
    if figures["accounts rated red"] != figures["red warning activities"]:
        problems.append(
            f"{figures['accounts rated red']} seeded accounts rated red but "
            f"{figures['red warning activities']} warning activities"
        )
    return problems, figures


def run(db, url, logfile):
    with psycopg2.connect(dbname=db) as cnx, cnx.cursor() as cr:
        crons = product_crons(cr)
        cr.execute(
            "SELECT value::timestamp FROM ir_config_parameter WHERE key = %s",
            (START_KEY,),
        )
        start = cr.fetchone()[0]
    t0 = time.time()
    outcomes = hammer(url, db, crons)
    done = wait_for_jobs(db, crons)
    seconds = time.time() - t0
    problems, figures = check(db, start)
    if not done:
        problems.append("the jobs were still running or due after 15 minutes")
    with open(logfile, encoding="utf-8", errors="replace") as log:
        text = log.read()
    worker_runs = Counter(re.findall(r"Job '([^']+)' \(\d+\) done in", text))
    manual_runs = Counter(re.findall(r"Job '([^']+)' \(\d+\) done\s*$", text, re.M))
    skipped = len(re.findall(r"skipped: another run is in progress", text))
    errors = [
        line for line in text.splitlines() if re.search(r" (ERROR|CRITICAL) ", line)
    ]
    print(f"Run now: {sum(outcomes.values())} calls in {WAVES} waves, {seconds:.0f}s")
    for (name, result), count in sorted(outcomes.items()):
        print(f"  {name}: {count} x {result}")
        if result.startswith("FAILED"):
            problems.append(f"Run now of {name} failed: {result}")
    print("Runs completed by the cron worker: " + json.dumps(dict(worker_runs)))
    print("Run now completed: " + json.dumps(dict(manual_runs)))
    print(f"Cron-worker runs skipped because a Run now held the job: {skipped}")
    for label, value in figures.items():
        print(f"  {label}: {value}")
    if not worker_runs:
        problems.append("the cron worker ran no job (is --max-cron-threads on?)")
    if errors:
        problems.append(
            f"{len(errors)} ERROR/CRITICAL lines in the log, e.g. {errors[0]}"
        )
    for line in problems:
        print(f"  DUPLICATE OR ERROR: {line}")
    return 1 if problems else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "prepare":
        prepare(argv[2], int(argv[3]) if len(argv) > 3 else 1500)
        return 0
    if len(argv) == 5 and argv[1] == "run":
        return run(argv[2], argv[3].rstrip("/"), argv[4])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
