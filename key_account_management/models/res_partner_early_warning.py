# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .kam_batch_job import kam_exclusive_job


class ResPartner(models.Model):
    """The early warning's rating on the account; the rules live in kam.early.warning."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_warning_level = fields.Selection(
        [("green", "Green"), ("amber", "Amber"), ("red", "Red")],
        string="Early Warning",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Rated daily for key accounts from the warning signals.",
        groups="key_account_management.group_kam_user",
    )
    kam_warning_summary = fields.Text(
        string="Warning Signals",
        readonly=True,
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_warning_date = fields.Date(
        string="Rated On",
        readonly=True,
        copy=False,
        groups="key_account_management.group_kam_user",
    )

    def _kam_warning_signals(self):
        """Return {account id: [(signal code, "amber" or "red", message)]}.

        Extension point kept on the partner (call super, then append); the signals
        themselves come from the service kam.early.warning, which can be extended the
        same way.
        """
        return self.env["kam.early.warning"]._kam_warning_signals(self)

    @api.model
    @kam_exclusive_job("kam_early_warning")
    def _cron_kam_early_warning(self, batch_size=200):
        """The scheduled job of the early warning (see kam.early.warning)."""
        return self.env["kam.early.warning"]._kam_run(batch_size=batch_size)
