# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL, format_list

_logger = logging.getLogger(__name__)


class KamEarlyWarning(models.AbstractModel):
    """The early warning of key accounts: signals, rating and the daily job.

    A signal is ``(code, "amber" or "red", params)``: a code and JSON parameters, stored
    on the account (``kam_warning_signals``) and put into words only when someone reads
    them, in the reader's language (:meth:`_kam_warning_message`). Other addons add
    signals by extending ``_kam_warning_signals`` here or on the partner (both are
    called), and their messages by extending ``_kam_warning_message`` on the partner.
    """

    _name = "kam.early.warning"
    _description = "Key Account Early Warning"

    @api.model
    def _kam_warning_signals(self, partners):
        """Return {partner id: [(signal code, "amber" or "red", params)]} for these
        partners, params being a dict of JSON values. Extend it (call super, then append)
        to add signals.

        Signals here: no interaction for the tier's gap (amber, red past twice the gap),
        won revenue falling year on year (amber), an approver's or decision maker's
        attitude dropping (red), a key person leaving (amber), single-threaded coverage
        (amber). Each source is read for all the partners at once, in one or two
        queries, whatever their number.
        """
        signals = {partner_id: [] for partner_id in partners.ids}
        partners.fetch(["is_company", "kam_tier", "company_id"])
        accounts = partners.filtered(lambda p: p.is_company and p.id)
        if not accounts:
            return signals
        now = fields.Datetime.now()
        companies = accounts.company_id | self.env.company
        window = {
            company: now - timedelta(days=company.kam_warning_window_days)
            for company in companies
        }
        oldest = min(window.values())
        last_dates = accounts._kam_last_interaction_dates()
        coverage = accounts._kam_coverage_gap_data()
        falling = self._kam_falling_revenue(accounts)
        drops = (
            self.env["kam.attitude.history"]
            .sudo()
            .search_fetch(
                [
                    ("account_id", "in", accounts.ids),
                    ("is_drop", "=", True),
                    ("decision_role", "in", ("approver", "decision_maker")),
                    ("date", ">=", oldest),
                ],
                ["account_id", "partner_id", "date", "old_attitude", "new_attitude"],
                order="date, id",
            )
        )
        leavers = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("is_company", "=", False),
                    ("kam_is_key_person", "=", True),
                    ("kam_left_date", ">=", oldest.date()),
                ],
                ["commercial_partner_id", "kam_left_date", "name"],
                order="kam_left_date, id",
            )
        )
        drops.partner_id.fetch(["name"])
        drops_by_account, leavers_by_account = defaultdict(list), defaultdict(list)
        for drop in drops:
            drops_by_account[drop.account_id.id].append(drop)
        for person in leavers:
            leavers_by_account[person.commercial_partner_id.id].append(person)
        for account in accounts:
            company = account.company_id or self.env.company
            since = window[company]
            found = signals[account.id]
            gap = company._kam_interaction_gap(account.kam_tier)
            last = last_dates.get(account.id)
            if gap and not last:
                found.append(("no_interaction", "amber", {}))
            elif gap and last < now - timedelta(days=gap):
                # The days are counted when the signal is read: only the level moves.
                # The day only, so that accounts last seen on the same day share one
                # write.
                found.append(
                    (
                        "no_interaction",
                        "red" if (now - last).days > 2 * gap else "amber",
                        {"last": fields.Date.to_string(last.date()), "gap": gap},
                    )
                )
            if account.id in falling:
                found.append(("revenue_down", "amber", {}))
            for drop in drops_by_account[account.id]:
                if drop.date >= since:
                    found.append(
                        (
                            "attitude_drop",
                            "red",
                            {
                                "person": drop.partner_id.name,
                                "old": drop.old_attitude or False,
                                "new": drop.new_attitude or False,
                            },
                        )
                    )
            for person in leavers_by_account[account.id]:
                if person.kam_left_date >= since.date():
                    found.append(("key_person_left", "amber", {"person": person.name}))
            if account.id in coverage:
                found.append(("single_threaded", "amber", coverage[account.id]))
        return signals

    @api.model
    def _kam_falling_revenue(self, accounts):
        """Ids of the accounts whose revenue trend is falling (``kam_revenue_trend``).

        Only an account with an opportunity won in the last two years can fall: those
        are found in one grouped query (each customer counting for the account above it,
        as the trend's ``child_of`` does), and the trend is computed for them only.
        """
        start = fields.Datetime.now() - timedelta(days=730)
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("stage_id.is_won", "=", True),
                    "|",
                    ("date_closed", ">=", start),
                    "&",
                    ("date_closed", "=", False),
                    ("create_date", ">=", start),
                ],
                ["partner_id"],
            )
        )
        account_ids = set(accounts.ids)
        candidates = set()
        for (partner,) in groups:
            while partner and partner.id not in account_ids:
                partner = partner.parent_id
            if partner:
                candidates.add(partner.id)
        return set(
            accounts.browse(sorted(candidates))
            .filtered(lambda a: a.kam_revenue_trend == "down")
            .ids
        )

    @api.model
    def _kam_warning_message(self, code, params):
        """One signal in words, in the language of ``self.env`` (the reader's)."""
        if isinstance(params, str):
            return params  # a message an extension already put into words
        params = params or {}
        _ = self.env._
        Partner = self.env["res.partner"]
        if code == "no_interaction":
            if not params.get("last"):
                return _("No interaction recorded yet")
            last = fields.Date.to_date(params["last"][:10])
            return _(
                "No interaction for %(days)s days (limit %(gap)s)",
                days=(fields.Datetime.now().date() - last).days,
                gap=params.get("gap"),
            )
        if code == "revenue_down":
            return _("Won revenue is falling year on year")
        if code == "attitude_drop":
            labels = dict(
                Partner._fields["kam_attitude"]._description_selection(self.env)
            )
            return _(
                "%(person)s dropped from %(old)s to %(new)s",
                person=params.get("person"),
                old=labels.get(params.get("old"), "-"),
                new=labels.get(params.get("new"), "-"),
            )
        if code == "key_person_left":
            return _("Key person %(person)s left", person=params.get("person"))
        if code == "single_threaded":
            return _(
                "Single-threaded: %(gaps)s",
                gaps=format_list(self.env, Partner._kam_coverage_gap_texts(params)),
            )
        return code

    @api.model
    def _kam_warning_text(self, partner, signals):
        """The signals of ``partner`` in words, one line per reason."""
        return "\n".join(
            f"• {partner._kam_warning_message(code, params)}"
            for code, _level, params in signals or []
        )

    @api.model
    def _kam_warning_rating(self, signals):
        """Green without signals; red with a red signal or three amber ones."""
        if not signals:
            return "green"
        levels = [level for _code, level, _params in signals]
        if "red" in levels or levels.count("amber") >= 3:
            return "red"
        return "amber"

    @api.model
    def _kam_run(self, batch_size=1000):
        """Rate every key account green / amber / red from its warning signals.

        The signals of all the key accounts are computed at once (grouped queries), then
        only the accounts whose rating or signals changed are written, in batches: each
        batch commits (outside tests) and reports progress to the scheduler. A new red
        rating schedules one activity for the key account manager, unless one is still
        open. Idempotent: a second run on the same day writes nothing.
        """
        Partner = self.env["res.partner"].sudo().with_context(active_test=True)
        key_domain = [("is_company", "=", True), ("kam_tier", "=", "key")]
        accounts = Partner.search(key_domain)
        stale = Partner.search(
            [("kam_warning_level", "!=", False), "!", "&", *key_domain]
        )
        if stale:
            stale.write({"kam_warning_level": False, "kam_warning_signals": False})
        # The partner's hook: it includes the signals other addons add there.
        signals = accounts._kam_warning_signals()
        # The stored ratings, read raw: the ORM would copy every JSON value.
        Partner.flush_model(["kam_warning_level", "kam_warning_signals"])
        self.env.cr.execute(
            SQL(
                "SELECT id, kam_warning_level, kam_warning_signals FROM res_partner"
                " WHERE id = ANY(%s)",
                accounts.ids,
            )
        )
        stored = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        ratings = {}
        for account_id in accounts.ids:
            # Through JSON, as stored: tuples become lists, dates strings.
            found = json.loads(json.dumps(signals.get(account_id) or [], default=str))
            level = self._kam_warning_rating(found)
            previous, previous_found = stored[account_id]
            if (level, found) != (previous, previous_found or []):
                ratings[account_id] = (previous or False, level, found or False)
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(
            "key_account_management.mail_activity_type_kam_warning",
            raise_if_not_found=False,
        )
        self.env["kam.batch.job"]._kam_run_in_batches(
            Partner.browse(list(ratings)),
            lambda batch: self._kam_rate_batch(batch, ratings, today, activity_type),
            batch_size,
        )
        _logger.info(
            "Early warning: %d key accounts rated, %d changed",
            len(accounts),
            len(ratings),
        )
        return len(ratings)

    @api.model
    def _kam_rate_batch(self, accounts, ratings, today, activity_type):
        """Write the new ratings of these accounts: {id: (previous, level, signals)}.

        One write per distinct (level, signals), the rating's chatter tracking logged in
        one batch, the red-warning activities created in one batch.
        """
        groups = defaultdict(list)
        for account_id in accounts.ids:
            _previous, level, found = ratings[account_id]
            groups[level, json.dumps(found, sort_keys=True)].append(account_id)
        for (level, found), ids in groups.items():
            # Tracking is logged below in one batch: Odoo's posts one message per record.
            accounts.browse(ids).with_context(tracking_disable=True).write(
                {
                    "kam_warning_level": level,
                    "kam_warning_signals": json.loads(found),
                    "kam_warning_date": today,
                }
            )
        self._kam_log_level_changes(accounts, ratings)
        new_red = accounts.browse(
            [
                account_id
                for account_id in accounts.ids
                if ratings[account_id][1] == "red" and ratings[account_id][0] != "red"
            ]
        )
        if new_red and activity_type:
            self._kam_schedule_activities(new_red, activity_type)
        return len(accounts)

    @api.model
    def _kam_log_level_changes(self, accounts, ratings):
        """Log the level changes in the chatter as ``tracking=True`` would, in one
        batch of messages. An account's first rating is no change of colour: not
        logged (a first run would otherwise add a message to every key account)."""
        changed = accounts.filtered(
            lambda a: ratings[a.id][0] and ratings[a.id][0] != ratings[a.id][1]
        )
        if not changed:
            return
        field_name = "kam_warning_level"
        field_info = changed.fields_get([field_name], ["string", "type", "selection"])
        author_id, email_from = changed._message_compute_author(raise_on_email=False)
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        reply_to = self.env["mail.thread"]._notify_get_reply_to(default=email_from)
        # The values of _message_log_batch; the tracking values created afterwards in one
        # batch (as nested commands they would be created message by message).
        messages = changed._message_create(
            [
                {
                    "author_id": author_id,
                    "email_from": email_from,
                    "model": changed._name,
                    "res_id": account.id,
                    "record_name": False,
                    "message_type": "notification",
                    "subtype_id": note,
                    "is_internal": True,
                    "body": "",
                    "reply_to": reply_to[False],
                    "email_add_signature": False,
                }
                for account in changed
            ]
        )
        Tracking = self.env["mail.tracking.value"].sudo()
        Tracking.create(
            [
                dict(
                    Tracking._create_tracking_values(
                        ratings[account.id][0] or False,
                        ratings[account.id][1],
                        field_name,
                        field_info[field_name],
                        account,
                    ),
                    mail_message_id=message.id,
                )
                for account, message in zip(changed, messages, strict=True)
            ]
        )

    @api.model
    def _kam_schedule_activities(self, accounts, activity_type):
        """One red-warning activity per account with a manager and no open one, written
        in the language of the user it is assigned to, created in one batch."""
        open_warning = set(
            self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", accounts.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        today = fields.Date.context_today(self)
        vals_list = []
        for account in accounts:
            user = account.kam_manager_id or account.kam_sales_manager_id
            if not user or account.id in open_warning:
                continue
            reader = self.with_context(lang=user.lang or self.env.lang)
            text = reader._kam_warning_text(
                account.with_context(lang=reader.env.lang),
                account.kam_warning_signals,
            )
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": account.id,
                    "activity_type_id": activity_type.id,
                    "summary": reader.env._(
                        "Red early warning: %(account)s", account=account.name
                    ),
                    "note": Markup("<br/>").join(
                        escape(line) for line in text.split("\n")
                    ),
                    "user_id": user.id,
                    "date_deadline": today,
                    "automated": True,
                }
            )
        if not vals_list:
            return
        # No "assigned to you" notice per activity (about fifteen queries and a mail
        # each): every manager gets one notice per run listing his accounts turned red.
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(vals_list)
        self._kam_notify_managers(vals_list)

    @api.model
    def _kam_notify_managers(self, vals_list):
        """One notice per manager naming the accounts whose warning turned red."""
        Partner = self.env["res.partner"]
        by_user = {}
        for vals in vals_list:
            user = self.env["res.users"].browse(vals["user_id"])
            by_user[user] = by_user.get(user, Partner) | Partner.browse(vals["res_id"])
        self.env["kam.batch.job"]._kam_notify_users(
            {user: accounts.sorted("id") for user, accounts in by_user.items()},
            lambda env: env._("Key accounts turned red"),
            lambda env, names, count: env._(
                "Early warning: %(count)s of your key accounts turned red (their "
                "activities are in your to-do list): %(accounts)s",
                count=count,
                accounts=names,
            ),
            email_layout_xmlid="mail.mail_notification_light",
        )
