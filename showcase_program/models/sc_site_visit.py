# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

VISIT_STATES = [
    ("1_request", "Requested"),
    ("2_approved", "Approved"),
    ("3_scheduled", "Scheduled"),
    ("4_done", "Done"),
    ("5_feedback", "Feedback Received"),
    ("9_cancel", "Cancelled"),
]
BOOKED_STATES = ("2_approved", "3_scheduled", "4_done", "5_feedback")


class ScSiteVisit(models.Model):
    """A prospect's visit to a showcase customer 参观."""

    _name = "sc.site.visit"
    _description = "Showcase Site Visit"
    _inherit = [
        "kam.workflow.mixin",
        "sc.showcase.child",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "visit_date desc, id desc"
    _workflow_fields = ("state",)
    # What the owner and the customer agreed to: changing it after approval sends the
    # visit back to a request (approved again, quota checked again); a visit that took
    # place no longer changes.
    _workflow_locked_fields = (
        "showcase_id",
        "agreement_id",
        "prospect_id",
        "visit_date",
        "visitor_count",
        "owner_approved",
        "customer_consent",
    )
    _workflow_locked_states = BOOKED_STATES

    name = fields.Char(required=True, tracking=True)
    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="restrict", index=True, tracking=True
    )
    agreement_id = fields.Many2one(
        "sc.agreement",
        compute="_compute_agreement_id",
        store=True,
        readonly=False,
        domain="[('showcase_id', '=', showcase_id)]",
    )
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
    prospect_id = fields.Many2one(
        "res.partner", string="Prospect", required=True, tracking=True
    )
    lead_id = fields.Many2one(
        "crm.lead",
        string="Opportunity",
        domain="[('type', '=', 'opportunity')]",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    visit_date = fields.Date(tracking=True)
    visitor_count = fields.Integer(string="Visitors", default=1)
    owner_approved = fields.Boolean(
        string="Approved by Owner", tracking=True, copy=False
    )
    customer_consent = fields.Boolean(tracking=True, copy=False)
    demo_environment = fields.Text(
        help="What the service department prepares: demo data, experience centre...",
    )
    state = fields.Selection(
        VISIT_STATES, default="1_request", required=True, tracking=True, copy=False
    )
    feedback = fields.Text()
    rating = fields.Selection(
        [("1", "Poor"), ("2", "Fair"), ("3", "Good"), ("4", "Excellent")]
    )

    @api.depends("showcase_id")
    def _compute_agreement_id(self):
        for visit in self:
            visit.agreement_id = visit.showcase_id.current_agreement_id

    def _sc_lock_showcases(self):
        """Serialise the quota check per showcase.

        The row of each showcase is updated (a no-op update): a concurrent approval of
        a visit of the same showcase waits for this transaction, then fails with a
        serialisation error (Odoo runs in REPEATABLE READ and retries the request), so
        its own check then sees the visits booked here. A plain SELECT ... FOR UPDATE
        would make it wait but let it check against its older snapshot.
        """
        if self.showcase_id:
            self.env.cr.execute(
                "UPDATE sc_showcase SET write_date = write_date WHERE id IN %s",
                [tuple(self.showcase_id.ids)],
            )

    @api.constrains("state", "visit_date", "agreement_id", "showcase_id")
    def _check_quota(self):
        booked = self.filtered(lambda v: v.state in BOOKED_STATES and v.visit_date)
        booked._sc_lock_showcases()
        for visit in booked:
            agreement = visit.agreement_id
            if not agreement:
                raise ValidationError(
                    self.env._(
                        "%(visit)s: %(showcase)s has no signed showcase agreement "
                        "allowing prospect visits.",
                        visit=visit.name,
                        showcase=visit.showcase_id.name,
                    )
                )
            year = visit.visit_date.year
            quota = agreement._get_visit_quota()
            # counted whoever can read them
            others = self.sudo().search(
                [
                    ("agreement_id", "=", agreement.id),
                    ("state", "in", BOOKED_STATES),
                    ("visit_date", ">=", date(year, 1, 1)),
                    ("visit_date", "<=", date(year, 12, 31)),
                    ("id", "!=", visit.id),
                ]
            )
            if len(others) + 1 > quota:
                raise ValidationError(
                    self.env._(
                        "%(visit)s refused: the agreement %(agreement)s allows "
                        "%(quota)s prospect visits in %(year)s and %(used)s are already "
                        "booked.",
                        visit=visit.name,
                        agreement=agreement.name,
                        quota=quota,
                        year=year,
                        used=len(others),
                    )
                )
            rest = agreement.visit_min_rest_days
            too_close = self.sudo().search(
                [
                    ("showcase_id", "=", visit.showcase_id.id),
                    ("state", "in", BOOKED_STATES),
                    ("visit_date", ">", visit.visit_date - timedelta(days=rest)),
                    ("visit_date", "<", visit.visit_date + timedelta(days=rest)),
                    ("id", "!=", visit.id),
                ],
                limit=1,
            )
            if too_close:
                raise ValidationError(
                    self.env._(
                        "%(visit)s refused: %(showcase)s needs at least %(rest)s "
                        "days between two visits; %(other)s is on %(date)s.",
                        visit=visit.name,
                        showcase=visit.showcase_id.name,
                        rest=rest,
                        other=too_close[0].name,
                        date=too_close[0].visit_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("owner_approved") for vals in vals_list):
            showcases = self.env["sc.showcase"].browse(
                [
                    vals.get("showcase_id")
                    for vals in vals_list
                    if vals.get("owner_approved")
                ]
            )
            showcases._sc_check_owner(self.env._("approve visits to"))
        visits = super().create(vals_list)
        visits._link_lead_to_showcase()
        return visits

    def write(self, vals):
        if vals.get("showcase_id") and "owner_approved" not in vals and not self.env.su:
            # an owner's approval is for his showcase: moved elsewhere, it is asked again
            showcase = self.env["sc.showcase"].browse(vals["showcase_id"])
            if not showcase._sc_is_owner():
                vals = dict(vals, owner_approved=False)
        if vals.get("owner_approved") and not self.env.su:
            # the owner's approval is the showcase owner's to give
            self.showcase_id._sc_check_owner(self.env._("approve visits to"))
            if vals.get("showcase_id"):
                self.env["sc.showcase"].browse(vals["showcase_id"])._sc_check_owner(
                    self.env._("approve visits to")
                )
        res = super().write(vals)
        if "lead_id" in vals or "showcase_id" in vals:
            self._link_lead_to_showcase()
        return res

    def _workflow_on_locked_change(self, vals, fnames):
        """An approved or scheduled visit that changes is requested again; a visit
        that took place no longer changes."""
        past = self.filtered(lambda v: v.state not in ("2_approved", "3_scheduled"))
        if past:
            return super(ScSiteVisit, past)._workflow_on_locked_change(vals, fnames)
        reset = dict(vals, state="1_request")
        if "owner_approved" not in vals:
            reset["owner_approved"] = False
        self._workflow_write(reset)
        for visit in self:
            visit.message_post(
                body=self.env._(
                    "Changed after approval (%(fields)s): requested again, to be "
                    "approved by the showcase owner.",
                    fields=self._workflow_field_labels(fnames),
                )
            )
        return True

    def _link_lead_to_showcase(self):
        for visit in self.filtered("lead_id"):
            visit.lead_id._sc_link_showcases(visit.showcase_id)

    def action_approve(self):
        self._workflow_check_state(("1_request",), self.env._("approved"))
        for visit in self:
            missing = []
            if not visit.owner_approved:
                missing.append(self.env._("the showcase owner's approval"))
            if not visit.customer_consent:
                missing.append(self.env._("the customer's consent"))
            if not visit.visit_date:
                missing.append(self.env._("a visit date"))
            if missing:
                raise UserError(
                    self.env._(
                        "%(visit)s cannot be approved without %(missing)s.",
                        visit=visit.name,
                        missing=", ".join(missing),
                    )
                )
        # the quota is checked under a lock on the showcases (_check_quota)
        self._sc_lock_showcases()
        self._workflow_write({"state": "2_approved"})
        return True

    def action_schedule(self):
        self._workflow_check_state(("2_approved",), self.env._("scheduled"))
        self._workflow_write({"state": "3_scheduled"})
        return True

    def action_done(self):
        self._workflow_check_state(("3_scheduled",), self.env._("marked as done"))
        self._workflow_write({"state": "4_done"})
        for visit in self:
            self.env["sc.reward.rule"]._award("visit_hosted", visit.showcase_id, visit)
        return True

    def action_feedback(self):
        self._workflow_check_state(("4_done",), self.env._("closed with feedback"))
        for visit in self:
            if not visit.feedback:
                raise UserError(
                    self.env._(
                        "Write the prospect's feedback on %(visit)s first.",
                        visit=visit.name,
                    )
                )
        self._workflow_write({"state": "5_feedback"})
        return True

    def action_cancel(self):
        self._workflow_check_state(
            ("1_request", "2_approved", "3_scheduled"), self.env._("cancelled")
        )
        self._workflow_write({"state": "9_cancel"})
        return True
