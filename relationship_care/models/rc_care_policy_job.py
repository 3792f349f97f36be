# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scheduled care job of the care policies.

Finds the occasions of the active policies (birthdays, holidays, visit frequency), records
each one once, creates its activity, sends the greeting mails and has the compliance of the
frequency policies updated.
"""

import logging
from collections import defaultdict
from datetime import date, timedelta

import holidays as holidays_lib
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from odoo.addons.key_account_management.models.kam_batch_job import kam_exclusive_job

from . import rc_care_policy as care_policy

_logger = logging.getLogger(__name__)


class RcCarePolicy(models.Model):
    _inherit = "rc.care.policy"

    # --- scheduled care ----------------------------------------------------------------
    @api.model
    @kam_exclusive_job("rc_care")
    def _cron_run_care(self, batch_size=1000, today=None, policies=None, commit=True):
        """Find every occasion of the active policies and create its activity once.

        Set-based: occasions come from indexed searches (birthday day keys, accounts by
        domain, last interaction per account by _read_group). Exactly once: each occasion
        is a row of rc_care_occasion under a UNIQUE (policy, partner, key) constraint,
        inserted with ON CONFLICT DO NOTHING in the same transaction as its activity.
        Batched and resumable: each batch commits (outside tests); after a crash the next
        run skips what was committed and does the rest.
        """
        today = today or fields.Date.context_today(self)
        # A policy whose account filter no longer works (a field removed since it was
        # saved) is logged and skipped: the other policies still run.
        policies = (policies or self.search([])).sudo()._care_valid_policies()
        candidates = []
        for policy in policies:
            candidates.extend(policy._care_candidates(today))
        todo = self._care_filter_new(candidates)
        # Each batch in a savepoint and, outside tests and button runs, committed: a
        # crash keeps the batches already done (the unique occasion key skips them).
        created = self.env["kam.batch.job"]._kam_run_in_batches(
            todo, self._care_process_batch, batch_size, commit=commit, savepoint=True
        )
        self.env["rc.care.compliance"]._update_for_policies(policies, today)
        _logger.info(
            "Care job: %d occasions found, %d activities created", len(todo), created
        )
        return created

    def _care_accounts_domain(self):
        self.ensure_one()
        # "active" spelled out: the people's domain nests this one under a many2one
        # "any", which does not filter archived records by itself.
        domain = safe_eval(self.account_domain or "[]") + [
            ("active", "=", True),
            ("is_company", "=", True),
            ("company_id", "in", [self.company_id.id, False]),
        ]
        # The funnel structure the policy targets (a visit cadence per stage and
        # potential sub-level), ANDed with the filter; empty means no restriction.
        if self.stage_ids:
            domain.append(("kam_stage_id", "in", self.stage_ids.ids))
        if self.potential_level_ids:
            domain.append(
                ("kam_potential_level_id", "in", self.potential_level_ids.ids)
            )
        return domain

    def _care_people_domain(self, account_extra=None):
        self.ensure_one()
        domain = [
            ("active", "=", True),  # also nested under the profiles' partner "any"
            ("is_company", "=", False),
            (
                "commercial_partner_id",
                "any",
                self._care_accounts_domain() + (account_extra or []),
            ),
            ("rc_care_profile_ids", "not any", [("do_not_contact", "=", True)]),
        ]
        if self.decision_role_ids:
            people = [
                ("kam_decision_role", "in", self.decision_role_ids.mapped("code"))
            ]
        else:
            people = [("kam_is_key_person", "=", True)]
        if self.include_rising_stars:
            people = ["|", ("kam_is_rising_star", "=", True), *people]
        return domain + people

    def _care_candidates(self, today):
        """Return [(policy id, partner id, occasion key, occasion date)] in the window."""
        self.ensure_one()
        method = getattr(self, f"_care_candidates_{self.occasion_type}")
        return method(today)

    def _care_candidates_birthday(self, today):
        keys = care_policy.birthday_keys_by_date(
            today, today + timedelta(days=self.lead_days)
        )
        people_domain = self._care_people_domain()
        # Private birthdays (key persons, people with a care profile) are on the profile;
        # the others in OCA's shared Birthdate. Two indexed searches.
        profiles = (
            self.env["rc.care.profile"]
            .with_context(active_test=True)
            .search_fetch(
                [
                    ("birthday_key", "in", list(keys)),
                    ("partner_id", "any", people_domain),
                ],
                ["partner_id", "birthday_key"],
            )
        )
        public = (
            self.env["res.partner"]
            .with_context(active_test=True)
            .search_fetch(
                people_domain
                + [
                    ("rc_birthday_key", "in", list(keys)),
                    ("rc_care_profile_ids", "=", False),
                ],
                ["rc_birthday_key"],
            )
        )
        result = []
        for partner_id, key in [
            (profile.partner_id.id, profile.birthday_key) for profile in profiles
        ] + [(person.id, person.rc_birthday_key) for person in public]:
            day = keys[key]
            result.append((self.id, partner_id, f"birthday:{day.isoformat()}", day))
        return result

    def _care_holiday_occurrences(self, country_code, start, end):
        """Return [(holiday, first date)] of this policy's holidays that start in the window."""
        try:
            calendar = holidays_lib.country_holidays(
                country_code, years=sorted({start.year, end.year}), language="en_US"
            )
        except NotImplementedError:
            return []
        firsts = {}
        for day, names in sorted(calendar.items()):
            for name in names.split("; "):
                for holiday in self.holiday_ids:
                    if name.strip() in holiday._match_name_set():
                        firsts.setdefault((holiday, day.year), day)
        return [
            (holiday, day)
            for (holiday, _year), day in firsts.items()
            if start <= day <= end
        ]

    def _care_candidates_holiday(self, today):
        end = today + timedelta(days=self.lead_days)
        Partner = self.env["res.partner"]
        default_country = self.company_id.country_id
        accounts_by_country = Partner._read_group(
            self._care_accounts_domain(), ["country_id"], ["__count"]
        )
        result = []
        for country, _count in accounts_by_country:
            code = (country or default_country).code
            occurrences = (
                self._care_holiday_occurrences(code, today, end) if code else []
            )
            if not occurrences:
                continue
            people = Partner.search(
                self._care_people_domain([("country_id", "=", country.id)])
            )
            for holiday, day in occurrences:
                key = f"holiday:{holiday.code}:{day.isoformat()}"
                result.extend((self.id, pid, key, day) for pid in people.ids)
        return result

    def _care_qualifying_domain(self):
        self.ensure_one()
        domain = [
            ("interaction_type", "=", care_policy.ACTION_INTERACTION[self.action_type])
        ]
        if self.action_type == "visit" and self.visit_seniority:
            rank = care_policy.SENIORITY_RANK[self.visit_seniority]
            domain.append(
                (
                    "seniority",
                    "in",
                    [
                        code
                        for code, r in care_policy.SENIORITY_RANK.items()
                        if r >= rank
                    ],
                )
            )
        return domain

    def _care_period(self, day):
        """[start, end) of the calendar period holding ``day``: weeks start on Monday,
        months, quarters, half-years and years on the 1st of their first month."""
        self.ensure_one()
        if self.period == "week":
            start = day - timedelta(days=day.weekday())
            return start, start + timedelta(days=7)
        months = care_policy.PERIOD_MONTHS[self.period]
        start = date(day.year, ((day.month - 1) // months) * months + 1, 1)
        return start, start + relativedelta(months=months)

    def _care_candidates_frequency(self, today):
        accounts = self.env["res.partner"].search(self._care_accounts_domain())
        if not accounts:
            return []
        last_dates = dict(
            self.env["rc.interaction"]
            .sudo()
            ._read_group(
                self._care_qualifying_domain()
                + [("account_id", "in", accounts.ids), ("date", "<=", today)],
                ["account_id"],
                ["date:max"],
            )
        )
        gap = timedelta(days=self._care_gap_days())
        period_start = self._care_period(today)[0]
        lead = timedelta(days=self.lead_days)
        result = []
        key_prefix = self.action_type
        for account in accounts:
            last = last_dates.get(account)
            due = last + gap if last else period_start
            if due - lead <= today:
                result.append(
                    (self.id, account.id, f"{key_prefix}:{due.isoformat()}", due)
                )
        return result

    @api.model
    def _care_filter_new(self, candidates):
        """Drop the candidates whose occasion already exists (one query)."""
        if not candidates:
            return []
        self.env["rc.care.occasion"].flush_model()
        policy_ids, partner_ids, keys, _dates = zip(*candidates, strict=True)
        self.env.cr.execute(
            SQL(
                """
                SELECT c.i FROM unnest(%(policies)s::int[], %(partners)s::int[],
                                       %(keys)s::varchar[]) WITH ORDINALITY
                                AS c(policy_id, partner_id, occasion_key, i)
                 WHERE NOT EXISTS (
                     SELECT 1 FROM rc_care_occasion o
                      WHERE o.policy_id = c.policy_id AND o.partner_id = c.partner_id
                        AND o.occasion_key = c.occasion_key)
                 ORDER BY c.i
                """,
                policies=list(policy_ids),
                partners=list(partner_ids),
                keys=list(keys),
            )
        )
        return [candidates[row[0] - 1] for row in self.env.cr.fetchall()]

    @api.model
    def _care_responsible_users(self, policies, accounts):
        """Return {(policy id, account id): user id} from the account teams."""
        members = defaultdict(dict)
        for line in (
            self.env["kam.account.team.member"]
            .sudo()
            .search([("partner_id", "in", accounts.ids)], order="id desc")
        ):
            members[line.partner_id.id][line.role] = line.user_id.id
        result = {}
        for policy in policies:
            for account in accounts:
                if policy.responsible_role == "team_member":
                    user = members[account.id].get(policy.member_role)
                else:
                    user = account[
                        care_policy.RESPONSIBLE_FIELDS[policy.responsible_role]
                    ].id
                # A claimed account of the funnel has no key account manager yet: its
                # salesperson (the claimer) cares for it.
                result[policy.id, account.id] = (
                    user or account.kam_manager_id.id or account.kam_claim_user_id.id
                )
        return result

    @api.model
    def _care_process_batch(self, batch):
        """Record the occasions of one batch and create their activities; return the count."""
        Partner = self.env["res.partner"].sudo()
        policies = self.sudo().browse({row[0] for row in batch})
        partners = Partner.browse({row[1] for row in batch})
        partners.fetch(["commercial_partner_id", "name"])
        accounts = partners.commercial_partner_id
        users = self._care_responsible_users(policies, accounts)
        rows = []
        for policy_id, partner_id, key, day in batch:
            partner = Partner.browse(partner_id)
            account = partner.commercial_partner_id
            user_id = users.get((policy_id, account.id))
            if user_id:
                rows.append((policy_id, partner_id, account.id, key, day, user_id))
        if not rows:
            return 0
        new = self._care_insert_occasions(rows)
        if not new:
            return 0
        activities = self._care_create_activities(new)
        self.env.cr.execute(
            SQL(
                """
                UPDATE rc_care_occasion o SET activity_id = a.activity_id
                  FROM unnest(%(occ)s::int[], %(act)s::int[]) AS a(occasion_id, activity_id)
                 WHERE o.id = a.occasion_id
                """,
                occ=[row[0] for row in new],
                act=activities.ids,
            )
        )
        self._care_send_greetings(new)
        return len(activities)

    @api.model
    def _care_insert_occasions(self, rows):
        """Insert occasions, skipping existing ones; return the new rows.

        Each returned row is (occasion id, policy id, partner id, key, date, user id).
        """
        policy_ids, partner_ids, account_ids, keys, dates, user_ids = zip(
            *rows, strict=True
        )
        company_by_policy = {
            p.id: p.company_id.id for p in self.sudo().browse(set(policy_ids))
        }
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO rc_care_occasion (policy_id, partner_id, account_id, occasion_key,
                       date, user_id, company_id, create_uid, write_uid, create_date,
                       write_date)
                SELECT r.policy_id, r.partner_id, r.account_id, r.occasion_key, r.date,
                       r.user_id, r.company_id, %(uid)s, %(uid)s,
                       NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                  FROM unnest(%(policies)s::int[], %(partners)s::int[], %(accounts)s::int[],
                              %(keys)s::varchar[], %(dates)s::date[], %(users)s::int[],
                              %(companies)s::int[])
                       AS r(policy_id, partner_id, account_id, occasion_key, date, user_id,
                            company_id)
                ON CONFLICT (policy_id, partner_id, occasion_key) DO NOTHING
                RETURNING id, policy_id, partner_id, occasion_key, date, user_id
                """,
                uid=self.env.uid,
                policies=list(policy_ids),
                partners=list(partner_ids),
                accounts=list(account_ids),
                keys=list(keys),
                dates=list(dates),
                users=list(user_ids),
                companies=[company_by_policy[p] for p in policy_ids],
            )
        )
        return sorted(self.env.cr.fetchall())

    @api.model
    def _care_activity_targets(self, new):
        """{(policy id, partner id): record} the activity of each new occasion goes on.

        Occasions of a person (birthdays, holidays) go on the person's care profile, which
        only the account team and the managers read: an activity on the contact would be
        readable by everyone who reads the contact, with the birthday as its deadline.
        Profiles missing are created (in one batch). Occasions of an account (visit gaps)
        go on the account.
        """
        policies = self.sudo().browse({row[1] for row in new})
        Partner = self.env["res.partner"].sudo()
        person_rows = [
            row for row in new if policies.browse(row[1]).occasion_type != "frequency"
        ]
        people = Partner.browse({row[2] for row in person_rows})
        profiles = people._rc_profiles_sudo()
        missing = [pid for pid in people.ids if pid not in profiles]
        if missing:
            created = (
                self.env["rc.care.profile"]
                .sudo()
                .with_context(tracking_disable=True)
                .create([{"partner_id": pid} for pid in missing])
            )
            profiles.update(zip(missing, created, strict=True))
        targets = {}
        for _occasion_id, policy_id, partner_id, *_rest in new:
            if policies.browse(policy_id).occasion_type == "frequency":
                targets[policy_id, partner_id] = Partner.browse(partner_id)
            else:
                targets[policy_id, partner_id] = profiles[partner_id]
        return targets

    @api.model
    def _care_create_activities(self, new):
        """Create one activity per new occasion, in one batch create, in the same order."""
        policies = self.sudo().browse({row[1] for row in new})
        partners = self.env["res.partner"].sudo().browse({row[2] for row in new})
        partners.fetch(["name"])
        targets = self._care_activity_targets(new)
        model_ids = {
            name: self.env["ir.model"]._get_id(name)
            for name in ("res.partner", "rc.care.profile")
        }
        default_type = self.env.ref("mail.mail_activity_data_todo")
        action_labels = dict(
            self._fields["action_type"]._description_selection(self.env)
        )
        gift_hint = " " + self.env._(
            "Record the gift under Care > Gifts: the compliance limits apply."
        )
        vals_list = []
        for _occasion_id, policy_id, partner_id, _key, day, user_id in new:
            policy = policies.browse(policy_id)
            target = targets[policy_id, partner_id]
            vals_list.append(
                {
                    "res_model_id": model_ids[target._name],
                    "res_id": target.id,
                    "user_id": user_id,
                    "activity_type_id": (policy.activity_type_id or default_type).id,
                    "date_deadline": day,
                    "summary": self.env._(
                        "%(action)s: %(policy)s",
                        action=action_labels[policy.action_type],
                        policy=policy.name,
                    ),
                    "note": self.env._(
                        "%(policy)s for %(partner)s, occasion on %(date)s.",
                        policy=policy.name,
                        partner=partners.browse(partner_id).name,
                        date=day,
                    )
                    + (gift_hint if policy.action_type == "gift" else ""),
                }
            )
        # mail.activity.create() subscribes each user to browse(res_ids) with duplicates
        # when a user gets two activities on one record, which breaks the followers'
        # unique key: subscribe once per user and record first.
        by_user = defaultdict(lambda: defaultdict(set))
        for vals, target in zip(
            vals_list, [targets[r[1], r[2]] for r in new], strict=True
        ):
            by_user[vals["user_id"]][target._name].add(target.id)
        for user in self.env["res.users"].sudo().browse(list(by_user)):
            for model, res_ids in by_user[user.id].items():
                self.env[model].sudo().browse(sorted(res_ids)).message_subscribe(
                    partner_ids=user.partner_id.ids
                )
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True, tracking_disable=True)
            .create(vals_list)
        )

    @api.model
    def _care_send_greetings(self, new):
        by_policy = defaultdict(list)
        for occasion_id, policy_id, partner_id, _key, _day, _user in new:
            by_policy[policy_id].append((occasion_id, partner_id))
        for policy in self.sudo().browse(list(by_policy)):
            if not (policy.send_email and policy.mail_template_id):
                continue
            rows = by_policy[policy.id]
            partners = self.env["res.partner"].sudo().browse([r[1] for r in rows])
            # Only by e-mail when the person has no other preferred channel.
            other_channel = partners.filtered(
                lambda p: p.kam_preferred_channel not in (False, "email")
            )
            with_email = partners.filtered("email") - other_channel
            if with_email:
                # Not attached to the contact: its chatter is read by every employee
                # and the greeting's date would tell the birthday.
                policy.mail_template_id.sudo().send_mail_batch(
                    with_email.ids, email_values={"model": False, "res_id": False}
                )
            sent = [r[0] for r in rows if r[1] in with_email.ids]
            self.env["rc.care.occasion"].sudo().browse(sent).write({"mail_sent": True})
