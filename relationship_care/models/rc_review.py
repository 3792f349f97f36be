# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class RcReview(models.Model):
    """One satisfaction review of one account: the survey invitations sent to its
    decision chain and the score of their answers (0-10)."""

    _name = "rc.review"
    _description = "Satisfaction Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due desc, id desc"
    _rec_name = "account_id"

    campaign_id = fields.Many2one(
        "rc.review.campaign", required=True, ondelete="cascade", index=True
    )
    survey_id = fields.Many2one(related="campaign_id.survey_id")
    account_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True)
    date_due = fields.Date(default=fields.Date.context_today, required=True)
    state = fields.Selection(
        [("due", "Due"), ("sent", "Sent"), ("done", "Answered")],
        default="due",
        required=True,
        tracking=True,
    )
    user_input_ids = fields.One2many("survey.user_input", "rc_review_id")
    answer_count = fields.Integer(compute="_compute_score", store=True)
    score = fields.Float(
        compute="_compute_score",
        store=True,
        aggregator="avg",
        help="Average of the scale and number answers, brought to 0-10 by each "
        "question's own scale.",
    )
    date_answered = fields.Datetime(compute="_compute_score", store=True)

    @api.depends("account_id")
    def _compute_user_id(self):
        for review in self:
            review.user_id = review.account_id.kam_manager_id or review.user_id

    @api.depends(
        "user_input_ids.state",
        "user_input_ids.end_datetime",
        "user_input_ids.user_input_line_ids.value_scale",
        "user_input_ids.user_input_line_ids.value_numerical_box",
    )
    def _compute_score(self):
        """The lines of all the reviews are read in one query."""
        lines = (
            self.env["survey.user_input.line"]
            .sudo()
            .search_fetch(
                [
                    ("user_input_id.rc_review_id", "in", self._origin.ids),
                    ("user_input_id.state", "=", "done"),
                    ("answer_type", "in", ("scale", "numerical_box")),
                    ("skipped", "=", False),
                ],
                ["user_input_id", "question_id", "answer_type", "value_scale"]
                + ["value_numerical_box"],
            )
        )
        lines.question_id.fetch(["scale_min", "scale_max", "question_type"])
        lines.user_input_id.fetch(["rc_review_id", "end_datetime"])
        values, ends = defaultdict(list), defaultdict(list)
        for line in lines:
            question = line.question_id
            review_id = line.user_input_id.rc_review_id.id
            if line.answer_type == "scale":
                span = (question.scale_max - question.scale_min) or 1
                value = (line.value_scale - question.scale_min) * 10.0 / span
            else:
                value = line.value_numerical_box
            values[review_id].append(max(0.0, min(10.0, value)))
            if line.user_input_id.end_datetime:
                ends[review_id].append(line.user_input_id.end_datetime)
        for review in self:
            found = values.get(review._origin.id, [])
            review.score = round(sum(found) / len(found), 2) if found else 0.0
            review.answer_count = len(set(ends.get(review._origin.id, [])))
            review.date_answered = max(ends[review._origin.id], default=False)

    def _rc_recipients(self):
        """The decision chain of the account: its key persons with an email."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", self.account_id.id),
                    ("is_company", "=", False),
                    ("kam_is_key_person", "=", True),
                    ("email", "!=", False),
                ]
            )
        )

    def _rc_schedule_activity(self):
        """One activity per review for its salesperson (reviews are new: one each)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        self.account_id.fetch(["name"])
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": review.id,
                "user_id": review.user_id.id,
                "activity_type_id": todo.id,
                "date_deadline": review.date_due,
                "summary": self.env._(
                    "Satisfaction review due: %(account)s",
                    account=review.account_id.name,
                ),
            }
            for review in self
            if review.user_id
        ]
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    def action_rc_send(self):
        """Invite the account's key persons to the survey (one answer each)."""
        template = self.env.ref("survey.mail_template_user_input_invite")
        for review in self:
            if review.state == "done":
                raise UserError(self.env._("This review is already answered."))
            recipients = review._rc_recipients() - review.user_input_ids.partner_id
            if not recipients and not review.user_input_ids:
                raise UserError(
                    self.env._(
                        "%(account)s has no key person with an email to send the "
                        "review to.",
                        account=review.account_id.display_name,
                    )
                )
            survey = review.campaign_id.survey_id.sudo()
            for person in recipients:
                answer = survey._create_answer(
                    partner=person,
                    check_attempts=False,
                    rc_review_id=review.id,
                )
                template.sudo().send_mail(answer.id, force_send=False)
            review.state = "sent"
        return True

    def action_rc_close(self):
        """Close the review with the answers received so far."""
        for review in self:
            if not review.answer_count:
                raise UserError(
                    self.env._("A review without any answer cannot be closed.")
                )
        self.state = "done"
        self.activity_ids.action_feedback()
        self.account_id._rc_update_satisfaction()
        self._rc_feed_scorecard()
        return True

    def _rc_feed_scorecard(self):
        """Write the accounts' satisfaction into their scorecard line of the
        satisfaction criterion (0-10, rounded), in one search and one create."""
        criterion = self.env.ref(
            "relationship_care.rc_score_criterion_satisfaction",
            raise_if_not_found=False,
        )
        accounts = self.sudo().account_id.filtered("rc_satisfaction_date")
        if not criterion or not criterion.active or not accounts:
            return
        Line = self.env["kam.score.line"].sudo()
        lines = Line.search(
            [("partner_id", "in", accounts.ids), ("criterion_id", "=", criterion.id)]
        )
        by_account = {line.partner_id.id: line for line in lines}
        to_create = []
        for account in accounts:
            score = round(account.rc_satisfaction_score)
            line = by_account.get(account.id)
            if line and line.score != score:
                line.score = score
            elif not line:
                to_create.append(
                    {
                        "partner_id": account.id,
                        "criterion_id": criterion.id,
                        "score": score,
                    }
                )
        Line.create(to_create)
