# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .kam_batch_job import kam_exclusive_job


class ResPartner(models.Model):
    """The early warning's rating on the account; the rules live in kam.early.warning."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_warning_level = fields.Selection(
        # Worst first: the risk board's columns follow this order, all three always shown.
        [("red", "Red"), ("amber", "Amber"), ("green", "Green")],
        string="Early Warning",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand=True,
        help="Rated daily for key accounts from the warning signals.",
        groups="key_account_management.group_kam_user",
    )
    kam_warning_signals = fields.Json(
        string="Warning Signal Codes",
        readonly=True,
        copy=False,
        help="The signals of the last rating: code, level and parameters of each.",
        groups="key_account_management.group_kam_user",
    )
    kam_warning_summary = fields.Text(
        string="Warning Signals",
        compute="_compute_kam_warning_summary",
        help="The reasons of the rating, one per line, in your language.",
        groups="key_account_management.group_kam_user",
    )
    kam_warning_date = fields.Date(
        string="Rated On",
        readonly=True,
        copy=False,
        groups="key_account_management.group_kam_user",
    )

    @api.depends("kam_warning_signals")
    @api.depends_context("lang")
    def _compute_kam_warning_summary(self):
        # Put into words at display time, so that every reader gets their language.
        service = self.env["kam.early.warning"]
        for partner in self:
            partner.kam_warning_summary = (
                service._kam_warning_text(partner, partner.kam_warning_signals) or False
            )

    def _kam_warning_signals(self):
        """Return {account id: [(signal code, "amber" or "red", params)]}, params being
        a dict of JSON values (stored with the rating, put into words by
        :meth:`_kam_warning_message`).

        Extension point kept on the partner (call super, then append); the signals
        themselves come from the service kam.early.warning, which can be extended the
        same way.
        """
        return self.env["kam.early.warning"]._kam_warning_signals(self)

    @api.model
    def _kam_warning_message(self, code, params):
        """One signal in words, in the language of the environment. Extend it for the
        codes an extension of :meth:`_kam_warning_signals` adds (translate with
        ``self.env._``), call super for the others."""
        return self.env["kam.early.warning"]._kam_warning_message(code, params)

    @api.model
    @kam_exclusive_job("kam_early_warning")
    def _cron_kam_early_warning(self, batch_size=1000):
        """The scheduled job of the early warning (see kam.early.warning)."""
        return self.env["kam.early.warning"]._kam_run(batch_size=batch_size)
