# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Actions met in person become meetings in the owner's calendar; the others to-dos.
MEETING_TYPES = ("visit", "dinner", "technical_exchange", "executive_meeting")


class KamRelationshipPlanAction(models.Model):
    """One planned action of a relationship development plan."""

    _name = "kam.relationship.plan.action"
    _description = "Relationship Plan Action"
    _order = "date_deadline, sequence, id"

    plan_id = fields.Many2one(
        "kam.relationship.plan", required=True, ondelete="cascade", index=True
    )
    account_id = fields.Many2one(related="plan_id.account_id", store=True, index=True)
    person_id = fields.Many2one(related="plan_id.person_id")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Action", required=True)
    action_type = fields.Selection(
        [
            ("visit", "Visit"),
            ("dinner", "Dinner"),
            ("technical_exchange", "Technical Exchange"),
            ("executive_meeting", "Executive Meeting"),
            ("event_invitation", "Event Invitation"),
            ("gift", "Gift"),
        ],
        string="Type",
        required=True,
        default="visit",
        help="A gift stays within the company's gift limits: it is recorded and "
        "approved as a gift when given.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        default=lambda self: self.env.user,
    )
    date_deadline = fields.Date(string="Date", required=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancel", "Cancelled")],
        required=True,
        default="todo",
    )
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Meeting", readonly=True, copy=False
    )
    activity_id = fields.Many2one(
        "mail.activity", string="Activity", readonly=True, copy=False
    )

    @api.depends("date_deadline", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_late = action.state == "todo" and action.date_deadline < today

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue actions."))
        late = [
            ("state", "=", "todo"),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        return late if (operator == "=") == value else ["!", "&", *late]

    def action_schedule(self):
        """Put the actions in the owners' agendas: a meeting with the person for the
        actions met in person, a to-do activity on the plan for the others. Actions
        already scheduled are left alone."""
        todo = self.filtered(
            lambda a: a.state == "todo" and not (a.calendar_event_id or a.activity_id)
        )
        meetings = todo.filtered(lambda a: a.action_type in MEETING_TYPES)
        others = todo - meetings
        if meetings:
            # No invitation e-mail to the customer's person: the owner invites himself.
            events = (
                self.env["calendar.event"]
                .with_context(no_mail_to_attendees=True)
                .create(
                    [
                        {
                            "name": f"{action.name} – {action.person_id.name}",
                            "allday": True,
                            "start_date": action.date_deadline,
                            "stop_date": action.date_deadline,
                            "user_id": action.user_id.id,
                            "partner_ids": [
                                (
                                    6,
                                    0,
                                    (action.user_id.partner_id | action.person_id).ids,
                                )
                            ],
                            "res_model_id": self.env["ir.model"]._get_id(
                                "kam.relationship.plan"
                            ),
                            "res_id": action.plan_id.id,
                        }
                        for action in meetings
                    ]
                )
            )
            for action, event in zip(meetings, events, strict=True):
                action.calendar_event_id = event
        if others:
            activities = self.env["mail.activity"].create(
                [
                    {
                        "res_model_id": self.env["ir.model"]._get_id(
                            "kam.relationship.plan"
                        ),
                        "res_id": action.plan_id.id,
                        "activity_type_id": self.env.ref(
                            "mail.mail_activity_data_todo"
                        ).id,
                        "summary": action.name,
                        "user_id": action.user_id.id,
                        "date_deadline": action.date_deadline,
                    }
                    for action in others
                ]
            )
            for action, activity in zip(others, activities, strict=True):
                action.activity_id = activity
        return True

    def action_done(self):
        self.filtered(lambda a: a.state == "todo").write({"state": "done"})

    def action_cancel(self):
        self.filtered(lambda a: a.state == "todo").write({"state": "cancel"})
