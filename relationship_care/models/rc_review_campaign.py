# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.key_account_management.models.kam_batch_job import kam_exclusive_job
from odoo.addons.key_account_management.models.res_partner import ACCOUNT_TIERS


class RcReviewCampaign(models.Model):
    """A periodic satisfaction and loyalty review: which accounts (by tier), how often,
    and the survey sent to their decision chain."""

    _name = "rc.review.campaign"
    _description = "Satisfaction Review Campaign"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tier = fields.Selection(ACCOUNT_TIERS, string="Account Tier", required=True)
    cadence_months = fields.Integer(
        string="Every (months)",
        default=12,
        required=True,
        help="An account of this tier is reviewed again this many months after its "
        "last review (3 for quarterly, 12 for yearly).",
    )
    survey_id = fields.Many2one("survey.survey", required=True, ondelete="restrict")
    drop_threshold = fields.Float(
        default=2.0,
        help="A satisfaction score falling by at least this much (0-10) from one "
        "review to the next raises an early-warning signal.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    review_ids = fields.One2many("rc.review", "campaign_id")

    @api.constrains("cadence_months", "drop_threshold")
    def _check_cadence(self):
        for campaign in self:
            if campaign.cadence_months < 1:
                raise ValidationError(
                    self.env._("A review campaign runs at least every month.")
                )
            if not 0 < campaign.drop_threshold <= 10:
                raise ValidationError(
                    self.env._("The drop threshold must be between 0 and 10.")
                )

    def _rc_due_accounts(self):
        """The accounts of this campaign's tier with no open review and no review
        within the cadence: two queries, whatever the number of accounts."""
        self.ensure_one()
        domain = [("is_company", "=", True), ("kam_tier", "=", self.tier)]
        if self.company_id:
            domain.append(("company_id", "in", [self.company_id.id, False]))
        accounts = self.env["res.partner"].sudo().search(domain)
        since = fields.Date.today() - relativedelta(months=self.cadence_months)
        recent = (
            self.env["rc.review"]
            .sudo()
            .search_fetch(
                [
                    ("campaign_id", "=", self.id),
                    ("account_id", "in", accounts.ids),
                    "|",
                    ("state", "in", ("due", "sent")),
                    ("date_due", ">", since),
                ],
                ["account_id"],
            )
        )
        return accounts - recent.account_id

    @api.model
    @kam_exclusive_job("rc_reviews")
    def _cron_rc_reviews(self):
        """Open the due reviews, each with an activity for the account's manager.
        Idempotent: an account with an open or recent review is skipped."""
        Review = self.env["rc.review"].sudo()
        created = 0
        for campaign in self.sudo().search([]):
            due = campaign._rc_due_accounts()

            def process(batch, campaign=campaign):
                reviews = Review.create(
                    [
                        {"campaign_id": campaign.id, "account_id": account.id}
                        for account in batch
                    ]
                )
                reviews._rc_schedule_activity()
                return len(reviews)

            created += self.env["kam.batch.job"]._kam_run_in_batches(due, process)
        return created

    def action_rc_open_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_care.rc_review_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"default_campaign_id": self.id}
        return action
