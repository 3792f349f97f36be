# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import escape

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.key_account_management.models.kam_batch_job import kam_exclusive_job

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    rc_vip_level = fields.Selection(
        string="Service Level",
        related="commercial_partner_id.rc_vip_level",
        store=True,
        index=True,
    )
    rc_response_hours = fields.Float(
        string="Response Target (h)",
        compute="_compute_rc_response_deadline",
        store=True,
    )
    rc_response_deadline = fields.Datetime(
        string="Response Deadline", compute="_compute_rc_response_deadline", store=True
    )
    rc_first_response_date = fields.Datetime(
        string="First Response", readonly=True, copy=False, tracking=True
    )
    rc_response_time = fields.Float(
        string="Response Time (h)",
        compute="_compute_rc_times",
        store=True,
        aggregator="avg",
        help="Hours from creation to the first response (a reply to the customer or "
        "moving the ticket out of its first stage).",
    )
    rc_resolution_time = fields.Float(
        string="Resolution Time (h)",
        compute="_compute_rc_times",
        store=True,
        aggregator="avg",
        help="Hours from creation to closing.",
    )
    rc_response_escalated_date = fields.Datetime(
        string="Response Breach Escalated On", readonly=True, copy=False
    )
    rc_breached = fields.Boolean(
        string="SLA Breached",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Set by the escalation job when a response or resolution target was missed.",
    )
    rc_satisfaction = fields.Selection(
        [
            ("1", "Very Dissatisfied"),
            ("2", "Dissatisfied"),
            ("3", "Neutral"),
            ("4", "Satisfied"),
            ("5", "Very Satisfied"),
        ],
        string="Satisfaction",
        tracking=True,
        copy=False,
    )
    rc_satisfaction_comment = fields.Text(string="Satisfaction Comment", copy=False)

    @api.depends(
        "create_date",
        "ticket_sla_ids",
        "ticket_sla_ids.sla_id.rc_response_hours",
        "commercial_partner_id.rc_sla_response_hours",
    )
    def _compute_rc_response_deadline(self):
        for ticket in self:
            hours = ticket.commercial_partner_id.sudo().rc_sla_response_hours
            if not hours:
                targets = [
                    h
                    for h in ticket.ticket_sla_ids.sla_id.mapped("rc_response_hours")
                    if h
                ]
                hours = min(targets) if targets else 0.0
            ticket.rc_response_hours = hours
            ticket.rc_response_deadline = (
                ticket.create_date + timedelta(hours=hours)
                if hours and ticket.create_date
                else False
            )

    @api.depends("create_date", "rc_first_response_date", "closed_date")
    def _compute_rc_times(self):
        for ticket in self:
            start = ticket.create_date
            ticket.rc_response_time = (
                (ticket.rc_first_response_date - start).total_seconds() / 3600
                if start and ticket.rc_first_response_date
                else 0.0
            )
            ticket.rc_resolution_time = (
                (ticket.closed_date - start).total_seconds() / 3600
                if start and ticket.closed_date
                else 0.0
            )

    @api.constrains("rc_satisfaction", "stage_id")
    def _check_rc_satisfaction(self):
        for ticket in self:
            if ticket.rc_satisfaction and not ticket.stage_id.closed:
                raise ValidationError(
                    self.env._(
                        "A satisfaction rating is given when the ticket is closed."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._rc_apply_vip_priority()
        return tickets

    def write(self, vals):
        if "stage_id" in vals:
            first_response = self.filtered(
                lambda t: not t.rc_first_response_date
                and t.stage_id.id != vals["stage_id"]
            )
        res = super().write(vals)
        if "stage_id" in vals and first_response:
            first_response.write({"rc_first_response_date": fields.Datetime.now()})
        if "partner_id" in vals:
            self._rc_apply_vip_priority()
        if vals.get("rc_satisfaction") in ("1", "2"):
            for ticket in self.sudo().filtered("commercial_partner_id"):
                ticket.commercial_partner_id.rc_poor_rating_date = (
                    ticket.closed_date or fields.Datetime.now()
                )
        return res

    def _message_post_after_hook(self, message, msg_vals):
        # A public reply by an employee is the first response.
        if (
            not self.rc_first_response_date
            and msg_vals.get("message_type") == "comment"
            and msg_vals.get("subtype_id") == self.env.ref("mail.mt_comment").id
            and not self.env.user.share
            and self.env.user.partner_id.id == msg_vals.get("author_id")
        ):
            self.sudo().rc_first_response_date = fields.Datetime.now()
        return super()._message_post_after_hook(message, msg_vals)

    @api.model
    def _rc_vip_priorities(self):
        """{service level: minimum priority} of the VIP channel's tickets. Extend it
        with the levels another programme adds."""
        return {"vip": "2"}

    def _rc_apply_vip_priority(self):
        priorities = self._rc_vip_priorities()
        for ticket in self:
            wanted = priorities.get(ticket.rc_vip_level)
            if wanted and int(ticket.priority or 0) < int(wanted):
                ticket.priority = wanted

    def _get_sla(self):
        """Keep the SLAs of the ticket's service level and account tier only."""
        slas = super()._get_sla()
        account = self.commercial_partner_id
        level = account.rc_vip_level or "standard"
        return slas.filtered(
            lambda s: (not s.rc_vip_level or s.rc_vip_level == level)
            and (not s.rc_kam_tier or s.rc_kam_tier == account.kam_tier)
        )

    # --- escalation ----------------------------------------------------------------------
    @api.model
    @kam_exclusive_job("rc_sla_escalation")
    def _cron_rc_escalate(self, batch_size=1000):
        """Escalate each SLA breach once: a note mentioning the escalation owner, an
        activity for the owner, the priority raised, the account's breach date set.

        Idempotent: an escalated breach carries its escalation date, written in the same
        batch as its note and activity, and is not found again. Set-based: each batch is
        a few writes and batch creates, whatever its size.
        """
        now = fields.Datetime.now()
        breached_slas = (
            self.env["helpdesk.ticket.sla"]
            .sudo()
            .search(
                [
                    ("expired", "=", True),
                    ("rc_escalated_date", "=", False),
                    ("ticket_id.stage_id.closed", "=", False),
                ]
            )
        )
        late_responses = self.sudo().search(
            [
                ("rc_response_deadline", "<", now),
                ("rc_first_response_date", "=", False),
                ("rc_response_escalated_date", "=", False),
                ("stage_id.closed", "=", False),
            ]
        )

        # {owner: ticket ids}, for one summary per owner at the end (a set: a batch
        # tried again after a concurrency error counts once).
        escalated = defaultdict(set)

        def escalate_slas(ticket_slas):
            followed = self._rc_escalate_many(
                [
                    (
                        ticket_sla.ticket_id,
                        "sla",
                        {
                            "sla": ticket_sla.sla_id.name,
                            "deadline": ticket_sla.deadline,
                        },
                    )
                    for ticket_sla in ticket_slas
                ],
                now,
            )
            ticket_slas.write({"rc_escalated_date": now})
            for owner, ticket_ids in followed.items():
                escalated[owner] |= ticket_ids
            return len(ticket_slas)

        def escalate_responses(tickets):
            followed = self._rc_escalate_many(
                [
                    (
                        ticket,
                        "response",
                        {
                            "hours": ticket.rc_response_hours,
                            "deadline": ticket.rc_response_deadline,
                        },
                    )
                    for ticket in tickets
                ],
                now,
            )
            tickets.with_context(tracking_disable=True).write(
                {"rc_response_escalated_date": now}
            )
            for owner, ticket_ids in followed.items():
                escalated[owner] |= ticket_ids
            return len(tickets)

        BatchJob = self.env["kam.batch.job"]
        count = BatchJob._kam_run_in_batches(breached_slas, escalate_slas, batch_size)
        count += BatchJob._kam_run_in_batches(
            late_responses, escalate_responses, batch_size
        )
        self._rc_notify_escalation_owners(escalated)
        if count:
            _logger.info("VIP channel: %d SLA breaches escalated", count)
        return count

    @api.model
    def _rc_notify_escalation_owners(self, escalated):
        """Tell each owner once which tickets were escalated to them by this run."""
        self.env["kam.batch.job"]._kam_notify_users(
            {
                owner: self.browse(sorted(ticket_ids))
                for owner, ticket_ids in escalated.items()
            },
            lambda env: env._("SLA breaches escalated to you"),
            lambda env, names, count: env._(
                "Tickets escalated to you (their activities are in your to-do "
                "list): %(tickets)s",
                tickets=names,
            ),
        )

    def _rc_escalation_owner(self):
        self.ensure_one()
        return (
            self.team_id.rc_escalation_user_id
            or self.commercial_partner_id.kam_manager_id
            or self.team_id.user_id
            or self.user_id
        )

    @api.model
    def _rc_escalation_reason(self, kind, values):
        """The escalation text of a breach, in the language of ``self.env``."""
        if kind == "sla":
            return self.env._(
                "SLA %(sla)s breached: the deadline was %(deadline)s.", **values
            )
        return self.env._(
            "No response within %(hours)s hours (deadline %(deadline)s).", **values
        )

    @api.model
    def _rc_escalate_many(self, breaches, now):
        """Escalate ``breaches``, a list of (ticket, kind, values), in a few batch writes.

        The note and the activity of a breach are written in the owner's language (the
        owner is who acts on them). The note is logged without a notification per ticket
        (the owner is mentioned on it and finds the activities in their to-do list; the
        job sends each owner one summary): a mail per breach would flood the owner of a
        busy team. Return {owner: ticket ids}.
        """
        tickets = self.browse([ticket.id for ticket, _kind, _values in breaches]).sudo()
        tickets.with_context(tracking_disable=True).write(
            {"priority": "3", "rc_breached": True}
        )
        tickets.commercial_partner_id.with_context(tracking_disable=True).write(
            {"rc_sla_breach_date": now}
        )
        owners = {ticket.id: ticket._rc_escalation_owner() for ticket in tickets}
        author_id, email_from = self.env["mail.thread"]._message_compute_author(
            raise_on_email=False
        )
        note_type = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        # Computed once, as mail.thread._message_log_batch() does: mail.message.create()
        # would look up an alias per message otherwise.
        reply_to = self.env["mail.thread"]._notify_get_reply_to(default=email_from)[
            False
        ]
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        by_lang = {}
        messages, activities, followed = [], [], defaultdict(set)
        for ticket, kind, values in breaches:
            owner = owners[ticket.id]
            lang = owner.lang or self.env.lang
            if lang not in by_lang:
                by_lang[lang] = self.with_context(lang=lang)
            local = by_lang[lang]
            body = escape(
                local.env._(
                    "Escalated: %(reason)s",
                    reason=local._rc_escalation_reason(kind, values),
                )
            )
            messages.append(
                {
                    "model": self._name,
                    "res_id": ticket.id,
                    "body": body,
                    "author_id": author_id,
                    "email_from": email_from,
                    "reply_to": reply_to,
                    "message_type": "comment",
                    "subtype_id": note_type,
                    "is_internal": True,
                    "partner_ids": [Command.set(owner.partner_id.ids)],
                }
            )
            if not owner:
                continue
            followed[owner].add(ticket.id)
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "user_id": owner.id,
                    "activity_type_id": todo_type.id,
                    "date_deadline": today,
                    "summary": local.env._(
                        "SLA breach: %(ticket)s", ticket=ticket.display_name
                    ),
                    "note": body,
                }
            )
        self.env["mail.message"].sudo().create(messages)
        # mail.activity.create() subscribes each owner to their tickets, with duplicates
        # when an owner gets two activities on one ticket, which breaks the followers'
        # unique key: such a second activity goes in a create of its own (rare: two
        # SLAs of one ticket breached at once).
        rounds, seen = [], defaultdict(int)
        for vals in activities:
            key = vals["user_id"], vals["res_id"]
            if seen[key] == len(rounds):
                rounds.append([])
            rounds[seen[key]].append(vals)
            seen[key] += 1
        Activity = self.env["mail.activity"].sudo()
        for vals_list in rounds:
            Activity.with_context(
                mail_activity_quick_update=True, tracking_disable=True
            ).create(vals_list)
        return followed
