# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from odoo import api, models
from odoo.tools import split_every


class KamBatchJob(models.AbstractModel):
    """The loop every scheduled job of the suite runs its work in.

    Usage: ``self.env["kam.batch.job"]._kam_run_in_batches(todo, process, batch_size)``.
    """

    _name = "kam.batch.job"
    _description = "Batched Scheduled Job"

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
        ``commit=False`` (a button run inside a web request). With ``savepoint`` a batch
        that fails leaves nothing behind in the transaction before the error goes up.
        """
        if isinstance(todo, models.BaseModel):
            batches = split_every(batch_size, todo.ids, todo.browse)
        else:
            batches = split_every(batch_size, todo, list)
        total, done, result = len(todo), 0, 0
        commit = commit and not getattr(threading.current_thread(), "testing", False)
        for batch in batches:
            if savepoint:
                with self.env.cr.savepoint():
                    result += process(batch) or 0
            else:
                result += process(batch) or 0
            done += len(batch)
            self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return result
