# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

import psycopg2.errors
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .kam_batch_job import kam_exclusive_job

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    """Claims: Claim / Release, and the job that expires idle claims."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def action_kam_claim(self):
        """Claim the account for the current user: exclusive, first come first served."""
        self.ensure_one()
        self._workflow_check_group(
            "key_account_management.group_kam_user", self.env._("claim")
        )
        user = self.env.user
        if not self.is_company or not self.kam_territory_id:
            raise UserError(
                self.env._(
                    "%(account)s is in no territory: only territory accounts can be claimed.",
                    account=self.display_name,
                )
            )
        if self.kam_claim_user_id:
            raise UserError(
                self.env._(
                    "%(account)s is already claimed by %(user)s.",
                    account=self.display_name,
                    user=self.kam_claim_user_id.name,
                )
            )
        # As the button shows it: a claim would put the user on the team of an account
        # another salesperson manages, or bring a churned account back without Reactivate.
        if self.sudo().kam_manager_id or self.sudo().kam_stage_id.is_churn:
            raise UserError(
                self.env._(
                    "%(account)s is not in the pool: it has a key account manager or "
                    "has churned.",
                    account=self.display_name,
                )
            )
        territory = self.kam_territory_id
        is_manager = user.has_group("key_account_management.group_kam_manager")
        if not is_manager and user not in territory.user_ids | territory.manager_id:
            raise UserError(
                self.env._(
                    "You are not a salesperson of the territory %(territory)s.",
                    territory=territory.name,
                )
            )
        self._kam_check_claimable()
        now = fields.Datetime.now()
        try:
            # The partial unique index settles a race: the later transaction fails here.
            with self.env.cr.savepoint():
                self.env["kam.claim"].sudo().create(
                    {
                        "partner_id": self.id,
                        "user_id": user.id,
                        "territory_id": territory.id,
                        "date_claimed": now,
                    }
                )
                self.sudo().write({"kam_claim_user_id": user.id, "kam_claim_date": now})
        except (
            psycopg2.errors.UniqueViolation,
            psycopg2.errors.SerializationFailure,
            psycopg2.errors.LockNotAvailable,
        ) as exc:
            raise UserError(
                self.env._(
                    "%(account)s has just been claimed by another salesperson.",
                    account=self.display_name,
                )
            ) from exc
        listed = self.env["kam.account.stage"].search(
            [("require_claim", "=", True)], limit=1
        )
        if listed and (
            not self.kam_stage_id or self.kam_stage_id.sequence < listed.sequence
        ):
            self.sudo()._workflow_write({"kam_stage_id": listed.id})
        return True

    def _kam_check_claimable(self):
        """Refuse the claim of this account for what it lacks, before anything is
        created (the checks of who may claim it have passed). Extend to add rules."""

    def action_kam_release(self):
        for partner in self:
            if not partner.kam_claim_user_id:
                raise UserError(
                    self.env._(
                        "%(account)s is not claimed.", account=partner.display_name
                    )
                )
            if (
                partner.kam_claim_user_id != self.env.user
                and not self.env.user.has_group(
                    "key_account_management.group_kam_manager"
                )
            ):
                raise UserError(
                    self.env._(
                        "Only the claiming salesperson or a manager can release it."
                    )
                )
        self._kam_release_claims(
            "released", self.env._("Released by %s", self.env.user.name)
        )
        return True

    def _children_sync(self, values):
        # Base Odoo visits every contact of each written account (two queries per
        # account) even when no commercial or address field changed; the suite's jobs
        # write account fields on thousands of accounts at once.
        synced = set(self._commercial_fields()) | set(self._address_fields())
        if synced.isdisjoint(values):
            return
        return super()._children_sync(values)

    def _kam_release_claims(self, state, reason):
        """End the active claims of these accounts (Release button)."""
        claims = (
            self.env["kam.claim"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("state", "=", "active")])
        )
        claims = self._kam_end_claims(claims, state, reason)
        # An account claimed without a claim record (data of an older version) is freed
        # too: the user releases this account's claim, whatever recorded it.
        stray = self.sudo().filtered("kam_claim_user_id")
        if stray:
            stray._workflow_write({"kam_claim_user_id": False, "kam_claim_date": False})
        return claims

    @api.model
    def _kam_end_claims(self, claims, state, reason):
        """End these claims, by claim: an account is freed only while the ended claim is
        still its current one, so a newer claim on the same account is never touched."""
        claims = claims.sudo().filtered(lambda c: c.state == "active")
        if not claims:
            return claims
        claims._workflow_write(
            {
                "state": state,
                "date_released": fields.Datetime.now(),
                "release_reason": reason,
            }
        )
        ended = {(c.partner_id.id, c.user_id.id) for c in claims}
        freed = claims.partner_id.filtered(
            lambda p: (p.id, p.kam_claim_user_id.id) in ended
        )
        if freed:
            freed._workflow_write({"kam_claim_user_id": False, "kam_claim_date": False})
        return claims

    @api.model
    def _kam_last_sales_action_dates(self, claims):
        """Return {claim id: datetime} of the claimant's last normative sales action.

        Counted: notes and messages the claimant posted, and activities they marked done,
        on the account, its contacts or its opportunities; meetings they organised with
        the account's people. Extend (super + merge the later date) to add more sources.
        """
        if not claims:
            return {}
        self.env["mail.message"].flush_model()
        self.env["calendar.event"].flush_model()
        self.env["crm.lead"].flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                WITH claim AS (
                    SELECT c.id, c.partner_id, c.date_claimed, u.partner_id AS author_id,
                           c.user_id
                      FROM kam_claim c JOIN res_users u ON u.id = c.user_id
                     WHERE c.id = ANY(%(ids)s)
                ), people AS (
                    SELECT claim.*, p.id AS person_id
                      FROM claim JOIN res_partner p ON p.commercial_partner_id = claim.partner_id
                )
                -- From each person to their documents by the (model, record) index, not
                -- a scan of each claimant's messages per claim.
                SELECT id, MAX(moment) FROM (
                    SELECT pe.id, m.date AS moment
                      FROM people pe
                      JOIN mail_message m ON m.model = 'res.partner'
                                         AND m.res_id = pe.person_id
                     WHERE m.author_id = pe.author_id AND m.date > pe.date_claimed
                       AND m.message_type IN ('comment', 'notification')
                       AND (m.subtype_id IS NOT NULL OR m.mail_activity_type_id IS NOT NULL)
                    UNION ALL
                    SELECT pe.id, m.date
                      FROM people pe
                      JOIN crm_lead l ON l.partner_id = pe.person_id
                      JOIN mail_message m ON m.model = 'crm.lead' AND m.res_id = l.id
                     WHERE m.author_id = pe.author_id AND m.date > pe.date_claimed
                       AND m.message_type IN ('comment', 'notification')
                       AND (m.subtype_id IS NOT NULL OR m.mail_activity_type_id IS NOT NULL)
                    UNION ALL
                    SELECT pe.id, e.start
                      FROM people pe
                      JOIN calendar_event_res_partner_rel r ON r.res_partner_id = pe.person_id
                      JOIN calendar_event e ON e.id = r.calendar_event_id
                     WHERE e.user_id = pe.user_id AND e.active
                       AND e.start > pe.date_claimed AND e.start <= NOW() AT TIME ZONE 'UTC'
                ) last_action
                 GROUP BY id
                """,
                ids=list(claims.ids),
            )
        )
        return {claim_id: last for claim_id, last in self.env.cr.fetchall() if last}

    @api.model
    @kam_exclusive_job("kam_claim_expiry")
    def _cron_release_expired_claims(self, batch_size=200):
        """Release claims without normative sales actions for the company's expiry delay.

        Idempotent: released claims are no longer active, so a second run finds nothing.
        Batched: each batch commits (outside tests) and reports progress to the scheduler.
        Safe against claims and releases made meanwhile: each batch locks its claims
        still active (skipping those another transaction holds), re-checks them under
        the lock and ends them by claim, never by account.
        """
        candidates = self._kam_claim_expiry_candidates()
        released = self.env["kam.batch.job"]._kam_run_in_batches(
            candidates,
            lambda claim_ids: len(self._kam_expire_claim_batch(claim_ids)),
            batch_size,
        )
        _logger.info(
            "Released %d expired account claims; kept %d older claims (a recent sales "
            "action, a longer company delay, or ended meanwhile)",
            released,
            len(candidates) - released,
        )
        return released

    @api.model
    def _kam_claim_expiry_candidates(self):
        """Ids of the active claims older than the shortest expiry delay of the companies."""
        now = fields.Datetime.now()
        min_days = min(
            self.env["res.company"].sudo().search([]).mapped("kam_claim_expiry_days")
        )
        return (
            self.env["kam.claim"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("date_claimed", "<", now - timedelta(days=min_days)),
                ]
            )
            .ids
        )

    @api.model
    def _kam_expire_claim_batch(self, claim_ids):
        """Expire the claims of ``claim_ids`` that are still active and idle, under a lock.

        Returns the expired claims.
        """
        Claim = self.env["kam.claim"].sudo()
        Claim.flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM kam_claim
                 WHERE id = ANY(%(ids)s) AND state = 'active'
                   FOR UPDATE SKIP LOCKED
                """,
                ids=list(claim_ids),
            )
        )
        batch = Claim.browse([row[0] for row in self.env.cr.fetchall()])
        # Re-read under the lock what another transaction may have changed.
        batch.invalidate_recordset()
        batch.partner_id.invalidate_recordset(["kam_claim_user_id", "kam_claim_date"])
        now = fields.Datetime.now()
        last_actions = self._kam_last_sales_action_dates(batch)
        expired = Claim.browse()
        for claim in batch:
            days = (claim.company_id or self.env.company).kam_claim_expiry_days
            last = max(filter(None, [claim.date_claimed, last_actions.get(claim.id)]))
            if claim.state == "active" and last < now - timedelta(days=days):
                expired |= claim
        self._kam_notify_claims_expired(expired)
        # The expiry note says it on each account: no tracking message besides it.
        return self._kam_end_claims(
            expired.with_context(tracking_disable=True),
            "expired",
            self.env._("No sales action within the expiry delay"),
        )

    @api.model
    def _kam_notify_claims_expired(self, claims):
        """Tell each former claimant, on the account's chatter and in their Inbox.

        In the claimant's language. One batch of notes and one of Inbox notifications
        for all the claims, where a message_post per claim costs dozens of queries each.
        """
        if not claims:
            return self.env["mail.message"]
        note = self.env.ref("mail.mt_note")
        author = self.env.ref("base.partner_root")
        email_from = self.env["mail.thread"]._message_compute_author(
            author.id, raise_on_email=False
        )[1]
        # Computed once for all accounts: mail.message would look it up per message.
        reply_to = claims.partner_id._notify_get_reply_to(default=email_from)
        vals_list = []
        for claim in claims:
            user = claim.user_id
            reader = self.with_context(lang=user.lang or self.env.lang).env
            text = reader._(
                "The claim of %(user)s on %(account)s expired: no sales action in "
                "%(days)s days. The account is back in the pool of %(territory)s.",
                user=user.name,
                account=claim.partner_id.display_name,
                days=(claim.company_id or self.env.company).kam_claim_expiry_days,
                territory=claim.territory_id.name or "-",
            )
            vals_list.append(
                {
                    "model": "res.partner",
                    "res_id": claim.partner_id.id,
                    "message_type": "comment",
                    "subtype_id": note.id,
                    "is_internal": True,
                    "author_id": author.id,
                    "email_from": email_from,
                    "reply_to": reply_to[claim.partner_id.id],
                    "record_name": claim.partner_id.display_name,
                    "body": Markup("<p>%s</p>") % text,
                    "partner_ids": [Command.link(user.partner_id.id)],
                }
            )
        messages = self.env["mail.message"].sudo().create(vals_list)
        self.env["mail.notification"].sudo().create(
            [
                {
                    "mail_message_id": message.id,
                    "res_partner_id": claim.user_id.partner_id.id,
                    "author_id": author.id,
                    "notification_type": "inbox",
                    "is_read": False,
                }
                for message, claim in zip(messages, claims, strict=True)
            ]
        )
        return messages
