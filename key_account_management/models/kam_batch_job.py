# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import functools
import logging
import threading
import zlib

from psycopg2 import errors as pg_errors
from psycopg2.extensions import TRANSACTION_STATUS_INERROR

from odoo import api, models
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import mute_logger, split_every

_logger = logging.getLogger(__name__)

# First key of the suite's advisory locks, pg_try_advisory_lock(int4, int4); the second
# key is the job's. Odoo's own advisory locks use the one-bigint form: no clash.
LOCK_CLASS = zlib.crc32(b"kam.batch.job") & 0x7FFFFFFF
# What another transaction running at the same time causes, and a second try gets past:
# Odoo's own retryable errors, and a row the other one inserted first (e.g. two jobs
# scheduling activities on the same accounts both add the same follower).
RETRY_ONCE = (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, pg_errors.UniqueViolation)


def kam_exclusive_job(job_key):
    """Decorate the entry method of a scheduled job: it runs under the job's lock
    (``kam.batch.job._kam_job_lock``), so two runs of the job never overlap.

    A run the scheduler starts while another run holds the lock returns None at once
    (that run does the work); any other run (Run now, a button) gets a UserError.
    """

    def decorate(method):
        @functools.wraps(method)
        def run_exclusive(self, *args, **kwargs):
            with self.env["kam.batch.job"]._kam_job_lock(job_key) as acquired:
                if not acquired:
                    return None
                return method(self, *args, **kwargs)

        run_exclusive.kam_job_key = job_key
        return run_exclusive

    return decorate


class KamBatchJob(models.AbstractModel):
    """The loop every scheduled job of the suite runs its work in.

    Usage: ``self.env["kam.batch.job"]._kam_run_in_batches(todo, process, batch_size)``.
    """

    _name = "kam.batch.job"
    _description = "Batched Scheduled Job"

    @api.model
    def _kam_process_batch(self, process, batch, restart):
        """Run ``process(batch)`` in a savepoint. After a concurrency error (see
        RETRY_ONCE) and with ``restart`` (everything before is committed), once more
        in a new transaction: Odoo's transactions are REPEATABLE READ, so only a new
        one sees what the other transaction committed meanwhile."""
        try:
            # Logged below if it fails again or cannot be tried again.
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return process(batch) or 0
        except RETRY_ONCE as error:
            if not restart:
                raise
            _logger.info(
                "Batch of %d tried again after %s", len(batch), type(error).__name__
            )
            self.env.cr.rollback()  # only this batch's work, already undone
        with self.env.cr.savepoint():
            return process(batch) or 0

    @contextlib.contextmanager
    def _kam_job_lock(self, job_key):
        """Hold the lock of the job ``job_key`` for the whole run; yield whether it was
        acquired (False only for a scheduler run: other runs get a UserError).

        The scheduler alone does not keep a job from running twice: its row lock on
        ir.cron covers the cron worker's runs, but "Run now" (method_direct_trigger)
        holds that lock only until its first commit, and the buttons and other entry
        points do not take it. A transaction-level lock would not do either: the job
        commits after each batch, which releases it. Hence a session-level advisory
        lock on the job's own connection (no extra connection), taken without waiting
        and released in ``finally``, so that the pooled connection never keeps it.
        Re-entrant within one connection: a job may call itself.
        """
        cr = self.env.cr
        key = zlib.crc32(job_key.encode()) & 0x7FFFFFFF
        cr.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASS, key))
        if not cr.fetchone()[0]:
            if self.env.context.get("cron_id"):
                # The cron worker: the run holding the lock does the work.
                _logger.info("Job %s skipped: another run is in progress", job_key)
                yield False
                return
            raise UserError(
                self.env._(
                    "This job is already running (started by the scheduler or by "
                    "another user). Try again when it has finished."
                )
            )
        try:
            yield True
        finally:
            if not cr.closed:
                # An aborted transaction runs no statement; the caller rolls it back
                # anyway, and the lock must not stay on the pooled connection.
                if cr._cnx.get_transaction_status() == TRANSACTION_STATUS_INERROR:
                    cr.rollback()
                cr.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASS, key))

    @api.model
    def _kam_run_in_batches(
        self, todo, process, batch_size=200, commit=True, savepoint=False
    ):
        """Call ``process(batch)`` for each batch of ``todo`` and return the sum of what
        it returns (None counts 0).

        ``todo`` is a recordset (batches are recordsets) or a list (batches are lists).
        After each batch the scheduler learns the cumulative progress (done so far and
        remaining), and the batch is committed, so that a large run holds no long
        transaction and a crash keeps what is done; never inside tests, nor with
        ``commit=False`` (a button run inside a web request). A batch that fails leaves
        nothing behind in the transaction before the error goes up (``savepoint`` is
        kept for the callers: every batch runs in a savepoint); when committing, one
        that another transaction got in the way of (e.g. two jobs adding the same
        follower to an account) is tried once more in a new transaction.
        """
        if isinstance(todo, models.BaseModel):
            batches = split_every(batch_size, todo.ids, todo.browse)
        else:
            batches = split_every(batch_size, todo, list)
        total, done, result = len(todo), 0, 0
        commit = commit and not getattr(threading.current_thread(), "testing", False)
        if commit:
            # What the job did before its batches, so that a batch can start afresh.
            self.env.cr.commit()  # pylint: disable=invalid-commit
        for batch in batches:
            result += self._kam_process_batch(process, batch, commit)
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return result

    @api.model
    def _kam_notify_users(self, records_by_user, subject, body, **kwargs):
        """Tell each user once per run (Inbox or e-mail, as they chose), in their
        language, which records a job handed them, instead of a notice per record.

        ``records_by_user``: {res.users record: recordset}; ``subject(env)`` and
        ``body(env, names, count)`` return the texts in ``env``'s language.
        """
        for user, records in records_by_user.items():
            env = self.with_context(lang=user.lang or self.env.lang).env
            records = records.with_env(env).sudo()
            names = ", ".join(records[:20].mapped("display_name"))
            if len(records) > 20:
                names += ", ..."
            user.partner_id.sudo().message_notify(
                partner_ids=user.partner_id.ids,
                subject=subject(env),
                body=body(env, names, len(records)),
                **kwargs,
            )
