# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.key_account_management.models.kam_batch_job import kam_exclusive_job

from .sc_qualification_criterion import SHOWCASE_LEVELS

_logger = logging.getLogger(__name__)

AGREEMENT_STATES = [
    ("draft", "Draft"),
    ("negotiation", "Negotiation"),
    ("signed", "Signed"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]


class ScAgreement(models.Model):
    """Showcase agreement 样板建设协议."""

    _name = "sc.agreement"
    _description = "Showcase Agreement"
    _inherit = ["kam.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _workflow_fields = ("state", "date_signed", "reminder_sent", "renewed_from_id")
    # A signed agreement is what both parties signed: its terms no longer change (a
    # renewal or a new agreement changes them).
    _workflow_locked_fields = (
        "showcase_id",
        "level",
        "company_signatory_id",
        "customer_signatory_id",
        "date_start",
        "date_end",
        "obligation_ids",
        "terms",
        "implementation_agreement_ref",
        "visit_min_rest_days",
    )
    _workflow_locked_states = ("signed", "active", "expired", "terminated")
    # What the showcase is owed (prospect visit quota, rest between visits): set by
    # the showcase's owners only (sc.showcase._sc_check_owner).
    _SC_QUOTA_FIELDS = frozenset(
        ("obligation_ids", "visit_min_rest_days", "showcase_id", "level")
    )

    name = fields.Char(
        string="Reference", required=True, default="/", copy=False, readonly=True
    )
    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="restrict", index=True, tracking=True
    )
    partner_id = fields.Many2one(
        related="showcase_id.partner_id", string="Customer", store=True, index=True
    )
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
    level = fields.Selection(
        SHOWCASE_LEVELS,
        compute="_compute_level",
        store=True,
        readonly=False,
        tracking=True,
    )
    signing_timing = fields.Selection(
        related="showcase_id.signing_timing", readonly=False
    )
    company_signatory_id = fields.Many2one(
        "res.users",
        string="Our Signatory",
        tracking=True,
        help="The sales executive (销售老总) who signs for us.",
    )
    customer_signatory_id = fields.Many2one(
        "res.partner",
        string="Customer Signatory",
        tracking=True,
        domain="[('parent_id', '=', partner_id)]",
    )
    date_signed = fields.Date(
        string="Signed On", tracking=True, copy=False, readonly=True
    )
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True)
    state = fields.Selection(
        AGREEMENT_STATES, default="draft", required=True, tracking=True, copy=False
    )
    obligation_ids = fields.One2many(
        "sc.agreement.obligation",
        "agreement_id",
        string="Rights and Obligations",
        copy=True,
    )
    terms = fields.Html()
    implementation_agreement_ref = fields.Char(
        string="Implementation Agreement", help="Reference of the 实施协议."
    )
    implementation_manager_id = fields.Many2one(
        "res.users", string="Implementation Manager"
    )
    visit_min_rest_days = fields.Integer(
        string="Minimum Days Between Visits",
        default=14,
        help="Minimum rest between two prospect visits, against reference fatigue.",
    )
    reminder_sent = fields.Char(
        string="Expiry Reminders Sent",
        copy=False,
        readonly=True,
        help="Thresholds (days before expiry) whose reminder was already sent.",
    )
    renewed_from_id = fields.Many2one("sc.agreement", readonly=True, copy=False)
    days_to_expiry = fields.Integer(compute="_compute_days_to_expiry")

    _sql_constraints = [
        ("name_unique", "UNIQUE (name)", "The agreement reference must be unique."),
    ]

    @api.depends("showcase_id.level")
    def _compute_level(self):
        for agreement in self:
            if agreement.state in self._workflow_locked_states and agreement.level:
                # what was signed stays signed when the showcase changes level
                agreement.level = agreement.level
            else:
                agreement.level = agreement.showcase_id.level

    def _compute_days_to_expiry(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement.days_to_expiry = (
                (agreement.date_end - today).days if agreement.date_end else 0
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if (
                agreement.date_start
                and agreement.date_end
                and agreement.date_end < agreement.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "Agreement %(name)s: the validity ends before it starts.",
                        name=agreement.name,
                    )
                )

    @api.constrains("visit_min_rest_days")
    def _check_visit_min_rest_days(self):
        if any(a.visit_min_rest_days < 0 for a in self):
            raise ValidationError(
                self.env._("The minimum days between visits cannot be negative.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("sc.agreement")
        agreements = super().create(vals_list)
        # what a showcase is owed is its owners' to set (the rule lets the branch in)
        agreements.showcase_id._sc_check_owner(self.env._("add an agreement to"))
        return agreements

    def write(self, vals):
        if self._SC_QUOTA_FIELDS.intersection(vals):
            self.showcase_id._sc_check_owner(
                self.env._("change the agreement terms of")
            )
        if "showcase_id" in vals:
            self.env["sc.showcase"].browse(vals["showcase_id"])._sc_check_owner(
                self.env._("add an agreement to")
            )
        return super().write(vals)

    def _workflow_on_locked_change(self, vals, fnames):
        raise UserError(
            self.env._(
                "%(agreements)s: a signed agreement's %(fields)s no longer change. "
                "Renew it, or terminate it and reset it to draft, to change them.",
                agreements=", ".join(self.mapped("name")),
                fields=self._workflow_field_labels(fnames),
            )
        )

    def _get_visit_quota(self):
        """Yearly prospect visits allowed by the agreement (0 when none)."""
        return sum(
            self.obligation_ids.filtered(
                lambda o: o.obligation_type == "prospect_visits"
            ).mapped("quantity")
        )

    def action_negotiate(self):
        self._workflow_check_state(("draft",), self.env._("negotiated"))
        self._workflow_write({"state": "negotiation"})
        return True

    def action_sign(self):
        self._workflow_check_state(("draft", "negotiation"), self.env._("signed"))
        for agreement in self:
            missing = []
            if not agreement.company_signatory_id:
                missing.append(self.env._("our signatory"))
            if not agreement.customer_signatory_id:
                missing.append(self.env._("the customer's signatory"))
            if not (agreement.date_start and agreement.date_end):
                missing.append(self.env._("the validity dates"))
            if missing:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s cannot be signed without %(missing)s.",
                        name=agreement.name,
                        missing=", ".join(missing),
                    )
                )
        self._workflow_write(
            {
                "state": "signed",
                "date_signed": fields.Date.context_today(self),
            }
        )
        self.env["sc.reward.rule"]._award("agreement_signed", self.showcase_id, self)
        return True

    def action_activate(self):
        self._workflow_check_state(("signed",), self.env._("activated"))
        self._workflow_write({"state": "active"})
        return True

    def action_terminate(self):
        self._workflow_check_state(("signed", "active"), self.env._("terminated"))
        self._workflow_write({"state": "terminated"})
        return True

    def action_reset_draft(self):
        self._workflow_check_state(("negotiation", "terminated"), self.env._("reset"))
        self._workflow_write({"state": "draft", "date_signed": False})
        return True

    def action_renew(self):
        self.ensure_one()
        if self.state not in ("signed", "active", "expired"):
            raise UserError(
                self.env._("Only signed, active or expired agreements can be renewed.")
            )
        start = (self.date_end or fields.Date.context_today(self)) + relativedelta(
            days=1
        )
        length = (
            relativedelta(self.date_end, self.date_start)
            if self.date_start and self.date_end
            else relativedelta(years=1)
        )
        renewal = self.copy({"date_start": start, "date_end": start + length})
        renewal._workflow_write({"renewed_from_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "sc.agreement",
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_print(self):
        return self.env.ref(
            "showcase_program.action_report_sc_agreement"
        ).report_action(self)

    @api.model
    def _get_reminder_thresholds(self):
        raw = self.env.company.sc_expiry_reminder_days or "60,30,7"
        return sorted(
            {int(x) for x in raw.replace(" ", "").split(",") if x.isdigit()},
            reverse=True,
        )

    def _get_due_thresholds(self, today, thresholds):
        """Thresholds reached by the agreement whose reminder was not sent yet."""
        self.ensure_one()
        days_left = (self.date_end - today).days
        sent = {int(x) for x in (self.reminder_sent or "").split(",") if x}
        return [t for t in thresholds if days_left <= t and t not in sent]

    @api.model
    @kam_exclusive_job("sc_agreement_expiry")
    def _cron_expiry_reminders(self, thresholds=None, batch_size=1000):
        """Remind the signatory once per threshold before an agreement expires, and
        expire agreements past their end date.

        Idempotent and resumable: each agreement is stamped with the thresholds sent,
        in the same transaction as its activity, and batches are committed.
        """
        if not self.env.su:
            # a job: run by the scheduler (as superuser), or by a manager
            self._workflow_check_group(
                "key_account_management.group_kam_manager",
                self.env._("send the expiry reminders of"),
            )
            return self.sudo()._cron_expiry_reminders(thresholds, batch_size)
        today = fields.Date.context_today(self)
        thresholds = thresholds or self._get_reminder_thresholds()
        ended = self.search(
            [("state", "in", ("signed", "active")), ("date_end", "<", today)]
        )
        ended._workflow_write({"state": "expired"})
        if not thresholds:
            _logger.info("Expired %d agreements; no reminder thresholds", len(ended))
            return
        candidates = self.search(
            [
                ("state", "in", ("signed", "active")),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=max(thresholds))),
            ],
            order="date_end, id",
        )
        todo = candidates.filtered(lambda a: a._get_due_thresholds(today, thresholds))
        # Each batch commits (outside tests): a crash resumes from the stamps written.
        # Large batches: the activities subscribe their users once per batch and user.
        sent = self.env["kam.batch.job"]._kam_run_in_batches(
            todo,
            lambda batch: batch._send_expiry_reminders(today, thresholds),
            batch_size,
        )
        _logger.info(
            "Expired %d agreements; sent %d expiry reminders (%d agreements in the "
            "window already reminded; signed agreements without an end date are skipped)",
            len(ended),
            sent,
            len(candidates) - len(todo),
        )

    def _send_expiry_reminders(self, today, thresholds):
        """Create the due reminders of these agreements and stamp them; return the
        number of reminders. Set-based: one activity batch, one write per distinct stamp.
        """
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        activities = []
        stamps = defaultdict(list)
        for agreement in self:
            due = agreement._get_due_thresholds(today, thresholds)
            if not due:
                continue
            days_left = (agreement.date_end - today).days
            threshold = min(due)
            user = (
                agreement.company_signatory_id
                or agreement.showcase_id.user_id
                or self.env.user
            )
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": agreement.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": today,
                    # in the language of the user who reads it
                    "summary": self.with_context(lang=user.lang or self.env.lang).env._(
                        "Showcase agreement expires in %(days)s days (%(threshold)s-day "
                        "reminder)",
                        days=days_left,
                        threshold=threshold,
                    ),
                }
            )
            sent = {int(x) for x in (agreement.reminder_sent or "").split(",") if x}
            stamp = ",".join(str(t) for t in sorted(sent | set(due), reverse=True))
            stamps[stamp].append(agreement.id)
        for stamp, ids in stamps.items():
            self.browse(ids)._workflow_write({"reminder_sent": stamp})
        # The activity is the reminder: no "assigned to you" email per activity.
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            activities
        )
        return len(activities)
