# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


class KamEarlyWarning(models.AbstractModel):
    """Signals of the relationship development: relationship plans whose actions are
    overdue, rising stars left without an owner or without a recent interaction."""

    _inherit = "kam.early.warning"

    @api.model
    def _kam_warning_signals(self, partners):
        signals = super()._kam_warning_signals(partners)
        accounts = partners.filtered(lambda p: p.is_company and p.id)
        if not accounts:
            return signals
        today = fields.Date.context_today(self)
        # Overdue plan actions: one grouped query for the batch.
        overdue = (
            self.env["kam.relationship.plan.action"]
            .sudo()
            ._read_group(
                [
                    ("account_id", "in", accounts.ids),
                    ("state", "=", "todo"),
                    ("date_deadline", "<", today),
                    ("plan_id.active", "=", True),
                ],
                ["account_id"],
                ["__count"],
            )
        )
        for account, count in overdue:
            signals.setdefault(account.id, []).append(
                ("relationship_plan_overdue", "amber", {"count": count})
            )
        # Rising stars: one search, then their last interactions in one query.
        stars = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=True)
            .search_fetch(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("is_company", "=", False),
                    ("kam_is_rising_star", "=", True),
                    ("kam_has_left", "=", False),
                ],
                ["commercial_partner_id", "name", "kam_relationship_owner_id"],
                order="id",
            )
        )
        if stars:
            last_dates = stars._kam_last_interaction_dates()
            now = fields.Datetime.now()
            found = {}
            for star in stars:
                company = star.commercial_partner_id.company_id or self.env.company
                since = now - timedelta(days=company.kam_warning_window_days)
                last = last_dates.get(star.id)
                if not star.kam_relationship_owner_id:
                    reason = "no_owner"
                elif not last or last < since:
                    reason = "no_interaction"
                else:
                    continue
                found.setdefault(star.commercial_partner_id.id, []).append(
                    {"person": star.name, "reason": reason}
                )
            for account_id, people in found.items():
                signals.setdefault(account_id, []).append(
                    ("rising_star_neglected", "amber", {"people": people})
                )
        return signals

    @api.model
    def _kam_warning_message(self, code, params):
        if code == "relationship_plan_overdue":
            return self.env._(
                "%(count)s relationship plan actions overdue",
                count=(params or {}).get("count"),
            )
        if code == "rising_star_neglected":
            texts = []
            for person in (params or {}).get("people", []):
                if person.get("reason") == "no_owner":
                    texts.append(
                        self.env._(
                            "rising star %(person)s has no relationship owner",
                            person=person.get("person"),
                        )
                    )
                else:
                    texts.append(
                        self.env._(
                            "no recent interaction with rising star %(person)s",
                            person=person.get("person"),
                        )
                    )
            return "; ".join(texts)
        return super()._kam_warning_message(code, params)
