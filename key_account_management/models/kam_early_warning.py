# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class KamEarlyWarning(models.AbstractModel):
    """The early warning of key accounts: signals, rating and the daily job.

    Other addons add signals by extending ``_kam_warning_signals`` here, or the
    partner's method of the same name (both are called).
    """

    _name = "kam.early.warning"
    _description = "Key Account Early Warning"

    @api.model
    def _kam_warning_signals(self, partners):
        """Return {partner id: [(signal code, "amber" or "red", message)]} for these
        partners. Extend it (call super, then append) to add signals.

        Signals here: no interaction for the tier's gap (amber, red past twice the gap),
        won revenue falling year on year (amber), an approver's or decision maker's
        attitude dropping (red), a key person leaving (amber), single-threaded coverage
        (amber). Each source is read for the whole batch in one query.
        """
        signals = {partner.id: [] for partner in partners}
        accounts = partners.filtered(lambda p: p.is_company and p.id)
        if not accounts:
            return signals
        now = fields.Datetime.now()
        last_dates = accounts._kam_last_interaction_dates()
        coverage = accounts._kam_coverage_gap_map()
        window = {
            company: now - timedelta(days=company.kam_warning_window_days)
            for company in accounts.company_id | self.env.company
        }
        oldest = min(window.values())
        drops = (
            self.env["kam.attitude.history"]
            .sudo()
            .search(
                [
                    ("account_id", "in", accounts.ids),
                    ("is_drop", "=", True),
                    ("decision_role", "in", ("approver", "decision_maker")),
                    ("date", ">=", oldest),
                ]
            )
        )
        leavers = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("is_company", "=", False),
                    ("kam_is_key_person", "=", True),
                    ("kam_left_date", ">=", oldest.date()),
                ]
            )
        )
        attitude_labels = dict(
            partners._fields["kam_attitude"]._description_selection(self.env)
        )
        # Iterate the whole recordsets so that related names are read in one query.
        drops_by_account, leavers_by_account = defaultdict(list), defaultdict(list)
        for drop in drops:
            drops_by_account[drop.account_id.id].append(
                (drop.date, drop.partner_id.name, drop.old_attitude, drop.new_attitude)
            )
        for person in leavers:
            leavers_by_account[person.commercial_partner_id.id].append(
                (person.kam_left_date, person.name)
            )
        for account in accounts:
            company = account.company_id or self.env.company
            since = window[company]
            found = signals[account.id]
            gap = company._kam_interaction_gap(account.kam_tier)
            last = last_dates.get(account.id)
            if gap and not last:
                found.append(
                    (
                        "no_interaction",
                        "amber",
                        self.env._("No interaction recorded yet"),
                    )
                )
            elif gap and last < now - timedelta(days=gap):
                days = (now - last).days
                found.append(
                    (
                        "no_interaction",
                        "red" if days > 2 * gap else "amber",
                        self.env._(
                            "No interaction for %(days)s days (limit %(gap)s)",
                            days=days,
                            gap=gap,
                        ),
                    )
                )
            if account.kam_revenue_trend == "down":
                found.append(
                    (
                        "revenue_down",
                        "amber",
                        self.env._("Won revenue is falling year on year"),
                    )
                )
            for date, name, old, new in drops_by_account[account.id]:
                if date < since:
                    continue
                found.append(
                    (
                        "attitude_drop",
                        "red",
                        self.env._(
                            "%(person)s dropped from %(old)s to %(new)s",
                            person=name,
                            old=attitude_labels.get(old),
                            new=attitude_labels.get(new, "-"),
                        ),
                    )
                )
            for left_date, name in leavers_by_account[account.id]:
                if left_date < since.date():
                    continue
                found.append(
                    (
                        "key_person_left",
                        "amber",
                        self.env._("Key person %(person)s left", person=name),
                    )
                )
            if account.id in coverage:
                found.append(
                    (
                        "single_threaded",
                        "amber",
                        self.env._(
                            "Single-threaded: %(gaps)s",
                            gaps="; ".join(coverage[account.id]),
                        ),
                    )
                )
        return signals

    @api.model
    def _kam_warning_rating(self, signals):
        """Green without signals; red with a red signal or three amber ones."""
        if not signals:
            return "green"
        levels = [level for _code, level, _msg in signals]
        if "red" in levels or levels.count("amber") >= 3:
            return "red"
        return "amber"

    @api.model
    def _kam_run(self, batch_size=200):
        """Rate every key account green / amber / red from its warning signals.

        Idempotent: an unchanged rating writes nothing; a new red rating schedules one
        activity for the key account manager, unless one is still open. Batched: each
        batch commits (outside tests) and reports progress to the scheduler.
        """
        Partner = self.env["res.partner"].sudo().with_context(active_test=True)
        accounts = Partner.search([("is_company", "=", True), ("kam_tier", "=", "key")])
        stale = Partner.search(
            [("kam_warning_level", "!=", False), ("id", "not in", accounts.ids)]
        )
        if stale:
            stale.write({"kam_warning_level": False, "kam_warning_summary": False})
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "key_account_management.mail_activity_type_kam_warning",
            raise_if_not_found=False,
        )
        changed = self.env["kam.batch.job"]._kam_run_in_batches(
            accounts,
            lambda batch: self._kam_rate_batch(batch, today, activity_type),
            batch_size,
        )
        _logger.info(
            "Early warning: %d key accounts rated, %d changed", len(accounts), changed
        )
        return changed

    @api.model
    def _kam_rate_batch(self, accounts, today, activity_type):
        """Rate these accounts; return how many ratings changed."""
        # The partner's hook: it includes the signals other addons add there.
        signals = accounts._kam_warning_signals()
        open_warning = set()
        if activity_type:
            open_warning = set(
                self.env["mail.activity"]
                .sudo()
                .search(
                    [
                        ("res_model", "=", "res.partner"),
                        ("res_id", "in", accounts.ids),
                        ("activity_type_id", "=", activity_type.id),
                    ]
                )
                .mapped("res_id")
            )
        changed = 0
        for account in accounts:
            account_signals = signals.get(account.id, [])
            level = self._kam_warning_rating(account_signals)
            summary = "\n".join(msg for _c, _l, msg in account_signals) or False
            previous = account.kam_warning_level
            if previous != level or (account.kam_warning_summary or False) != summary:
                account.write(
                    {
                        "kam_warning_level": level,
                        "kam_warning_summary": summary,
                        "kam_warning_date": today,
                    }
                )
                changed += 1
            if (
                level == "red"
                and previous != "red"
                and activity_type
                and account.id not in open_warning
            ):
                self._kam_schedule_activity(account, activity_type, summary)
        return changed

    @api.model
    def _kam_schedule_activity(self, account, activity_type, summary):
        user = account.kam_manager_id or account.kam_sales_manager_id
        if not user:
            return
        account.activity_schedule(
            activity_type_id=activity_type.id,
            summary=self.env._("Red early warning: %(account)s", account=account.name),
            note=summary,
            user_id=user.id,
        )
