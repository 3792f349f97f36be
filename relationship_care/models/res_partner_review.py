# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

TRENDS = [("up", "Rising"), ("stable", "Stable"), ("down", "Falling")]


class ResPartner(models.Model):
    """The satisfaction of an account, written back by its reviews."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    rc_satisfaction_score = fields.Float(
        string="Satisfaction",
        readonly=True,
        aggregator="avg",
        groups="base.group_user",
        help="Score (0-10) of the account's last answered satisfaction review.",
    )
    rc_satisfaction_previous = fields.Float(
        string="Previous Satisfaction", readonly=True, groups="base.group_user"
    )
    rc_satisfaction_trend = fields.Selection(
        TRENDS, string="Satisfaction Trend", readonly=True, groups="base.group_user"
    )
    rc_satisfaction_date = fields.Datetime(
        string="Last Review Answered", readonly=True, groups="base.group_user"
    )
    rc_satisfaction_drop = fields.Float(
        string="Satisfaction Drop",
        readonly=True,
        groups="base.group_user",
        help="How far the last review fell below the previous one, when it fell by "
        "at least its campaign's drop threshold; 0 otherwise.",
    )

    def _rc_update_satisfaction(self):
        """Recompute the satisfaction of these accounts from their answered reviews:
        one query for all of them, one write per distinct result."""
        self.env["rc.review"].flush_model()
        reviews = (
            self.env["rc.review"]
            .sudo()
            .search_fetch(
                [
                    ("account_id", "in", self.ids),
                    ("date_answered", "!=", False),
                    ("answer_count", ">", 0),
                ],
                ["account_id", "score", "date_answered", "campaign_id"],
                order="date_answered desc, id desc",
            )
        )
        reviews.campaign_id.fetch(["drop_threshold"])
        history = {}
        for review in reviews:
            history.setdefault(review.account_id.id, []).append(review)
        groups = {}
        for account in self:
            found = history.get(account.id, [])[:2]
            vals = {
                "rc_satisfaction_score": found[0].score if found else 0.0,
                "rc_satisfaction_previous": found[1].score if len(found) > 1 else 0.0,
                "rc_satisfaction_date": found[0].date_answered if found else False,
                "rc_satisfaction_trend": False,
                "rc_satisfaction_drop": 0.0,
            }
            if len(found) > 1:
                delta = found[0].score - found[1].score
                vals["rc_satisfaction_trend"] = (
                    "up" if delta >= 0.5 else "down" if delta <= -0.5 else "stable"
                )
                if -delta >= found[0].campaign_id.drop_threshold:
                    vals["rc_satisfaction_drop"] = round(-delta, 2)
            groups.setdefault(tuple(sorted(vals.items())), []).append(account.id)
        for key, ids in groups.items():
            self.browse(ids).sudo().write(dict(key))

    @api.model
    def _rc_review_signals(self, accounts, signals):
        """Add a signal for a satisfaction drop (red when it falls below 5), from the
        fields stored on the account: no extra query."""
        for account in accounts.sudo():
            if account.rc_satisfaction_drop:
                signals.setdefault(account.id, []).append(
                    (
                        "rc_satisfaction_drop",
                        "red" if account.rc_satisfaction_score < 5 else "amber",
                        {
                            "old": account.rc_satisfaction_previous,
                            "new": account.rc_satisfaction_score,
                        },
                    )
                )
        return signals

    # --- hooks of key_account_management ----------------------------------------------
    def _kam_warning_signals(self):
        signals = super()._kam_warning_signals()
        return self._rc_review_signals(self.filtered("is_company"), signals)

    @api.model
    def _kam_warning_message(self, code, params):
        """The satisfaction drop in words, in the reader's language."""
        if code == "rc_satisfaction_drop" and isinstance(params, dict):
            return self.env._(
                "Satisfaction fell from %(old)s to %(new)s (out of 10) in the last "
                "review",
                old=round(params.get("old") or 0.0, 1),
                new=round(params.get("new") or 0.0, 1),
            )
        return super()._kam_warning_message(code, params)
