# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import threading
from unittest.mock import patch

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, TransactionCase, get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestJobLock(BaseCase):
    """One run of a scheduled job at a time, whoever starts it.

    Two real connections (not the test transaction): the lock is PostgreSQL's, per
    connection. Nothing is committed: the jobs are refused or skipped before they write.
    """

    def setUp(self):
        super().setUp()
        registry = Registry(get_db_name())
        self.cr1 = registry.cursor()
        self.cr2 = registry.cursor()
        self.addCleanup(self.cr2.close)
        self.addCleanup(self.cr1.close)
        self.env1 = api.Environment(self.cr1, SUPERUSER_ID, {})
        self.env2 = api.Environment(self.cr2, SUPERUSER_ID, {})

    def _patch_run(self, env):
        return patch.object(
            type(env["kam.early.warning"]), "_kam_run", autospec=True, return_value=3
        )

    def test_held_lock_skips_the_scheduler_and_refuses_run_now(self):
        with self.env1["kam.batch.job"]._kam_job_lock("kam_early_warning") as got:
            self.assertTrue(got)
            with self._patch_run(self.env2) as run:
                # The cron worker: skipped quietly, the other run does the work.
                partners = self.env2["res.partner"].with_context(cron_id=1)
                self.assertIsNone(partners._cron_kam_early_warning())
                # Run now, a button, a shell: told why.
                with self.assertRaisesRegex(UserError, "already running"):
                    self.env2["res.partner"]._cron_kam_early_warning()
                run.assert_not_called()
            # Another job is not blocked by this one.
            with self.env2["kam.batch.job"]._kam_job_lock("kam_claim_expiry") as got2:
                self.assertTrue(got2)
        # Released at the end of the run: the job runs again.
        with self._patch_run(self.env2) as run:
            self.assertEqual(self.env2["res.partner"]._cron_kam_early_warning(), 3)
            run.assert_called_once()

    def test_reentrant_on_one_connection(self):
        BatchJob = self.env1["kam.batch.job"]
        with BatchJob._kam_job_lock("kam_claim_expiry") as outer:
            with BatchJob._kam_job_lock("kam_claim_expiry") as inner:
                self.assertTrue(outer and inner)
            # Still held after the inner run ended.
            with self.assertRaises(UserError):
                with self.env2["kam.batch.job"]._kam_job_lock("kam_claim_expiry"):
                    pass
        with self.env2["kam.batch.job"]._kam_job_lock("kam_claim_expiry") as got:
            self.assertTrue(got)

    def test_released_after_a_failed_run(self):
        """A job that dies on an SQL error leaves its transaction aborted: the lock
        is released all the same (the connection goes back to the pool)."""
        with self.assertRaises(psycopg2.Error), mute_logger("odoo.sql_db"):
            with self.env1["kam.batch.job"]._kam_job_lock("kam_early_warning"):
                self.cr1.execute("SELECT no_such_column FROM res_partner")
        with self.env2["kam.batch.job"]._kam_job_lock("kam_early_warning") as got:
            self.assertTrue(got)

    def test_every_scheduled_job_is_exclusive(self):
        """Each scheduled job of the suite (the addons built on this one) runs under
        its lock, and Run now is refused while another run holds it."""
        self.cr2.execute(
            """
            SELECT DISTINCT c.id FROM ir_cron c
              JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
              JOIN ir_module_module m ON m.name = d.module
             WHERE m.name = 'key_account_management' OR EXISTS (
                   SELECT 1 FROM ir_module_module_dependency dep
                    WHERE dep.module_id = m.id AND dep.name = 'key_account_management')
            """
        )
        crons = self.env2["ir.cron"].browse([row[0] for row in self.cr2.fetchall()])
        self.assertGreaterEqual(len(crons), 2)
        for cron in crons:
            method_name = re.fullmatch(r"model\.(\w+)\(\)", cron.code.strip()).group(1)
            method = getattr(type(self.env2[cron.model_id.model]), method_name)
            key = getattr(method, "kam_job_key", None)
            self.assertTrue(key, f"{cron.name}: {method_name} takes no job lock")
            with self.env1["kam.batch.job"]._kam_job_lock(key):
                with self.assertRaisesRegex(UserError, "already running"):
                    cron.method_direct_trigger()
                self.cr2.rollback()


@tagged("post_install", "-at_install")
class TestBatchRetry(BaseCase):
    """A batch that another transaction got in the way of is tried once more, in a
    new transaction (a committing run, as the scheduler's)."""

    def _run_committing(self, clashes):
        """Run two batches on a connection of their own, committing as outside tests;
        return (result or error, calls, rows left). Only a temporary table of that
        connection is written: nothing stays in the database."""
        calls = []
        with Registry(get_db_name()).cursor() as cr:

            def process(batch):
                calls.append(list(batch))
                cr.execute("INSERT INTO kam_retry VALUES (%s)", (batch[0] + 10,))
                if len(calls) <= clashes:
                    # What a concurrent transaction causes: a row already there.
                    cr.execute("INSERT INTO kam_retry VALUES (1)")
                return len(batch)

            cr.execute("CREATE TEMP TABLE kam_retry (id int PRIMARY KEY)")
            cr.execute("INSERT INTO kam_retry VALUES (1)")
            env = api.Environment(cr, SUPERUSER_ID, {})
            thread = threading.current_thread()
            thread.testing = False  # the helper commits only outside tests
            try:
                result = env["kam.batch.job"]._kam_run_in_batches([1, 2], process, 1)
            except psycopg2.Error as error:
                result = error
                cr.rollback()
            finally:
                thread.testing = True
            cr.execute("SELECT array_agg(id ORDER BY id) FROM kam_retry")
            return result, calls, cr.fetchone()[0]

    def test_tried_again_in_a_new_transaction(self):
        result, calls, rows = self._run_committing(clashes=1)
        self.assertEqual(result, 2)
        # The first batch twice (its failed try left nothing), the second once.
        self.assertEqual(calls, [[1], [1], [2]])
        self.assertEqual(rows, [1, 11, 12])

    def test_gives_up_after_the_second_try(self):
        with mute_logger("odoo.sql_db"):
            result, calls, rows = self._run_committing(clashes=2)
        self.assertIsInstance(result, psycopg2.errors.UniqueViolation)
        self.assertEqual(calls, [[1], [1]])
        self.assertEqual(rows, [1])


@tagged("post_install", "-at_install")
class TestBatchNoRetry(TransactionCase):
    """Without commits (tests, button runs) a failed batch leaves nothing behind and
    its error goes up at once: the earlier batches could not be kept apart."""

    def setUp(self):
        super().setUp()
        self.partners = self.env["res.partner"].create(
            [{"name": "Retry A"}, {"name": "Retry B"}]
        )
        self.calls = []

    def _process(self, error):
        def process(batch):
            self.calls.append(batch.ids)
            batch.write({"ref": "written"})
            if error:
                self.env.cr.execute(
                    "INSERT INTO res_groups_users_rel (gid, uid) "
                    "SELECT gid, uid FROM res_groups_users_rel LIMIT 1"
                )
            raise ValueError("bad input")

        return process

    def test_concurrency_error_not_retried_without_commit(self):
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.env["kam.batch.job"]._kam_run_in_batches(
                self.partners, self._process(True)
            )
        self.assertEqual(len(self.calls), 1)
        self.assertEqual(self.partners.mapped("ref"), [False, False])

    def test_other_errors_are_not_retried(self):
        with self.assertRaisesRegex(ValueError, "bad input"):
            self.env["kam.batch.job"]._kam_run_in_batches(
                self.partners, self._process(False)
            )
        self.assertEqual(len(self.calls), 1)
        self.assertEqual(self.partners.mapped("ref"), [False, False])
