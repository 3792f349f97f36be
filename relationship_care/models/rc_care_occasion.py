# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import html2plaintext

from .rc_care_policy import ACTION_INTERACTION


class RcCareOccasion(models.Model):
    """One care occasion found by the daily job: the guarantee of exactly-once activities."""

    _name = "rc.care.occasion"
    _description = "Care Occasion"
    _order = "date desc, id desc"
    _rec_name = "occasion_key"

    policy_id = fields.Many2one(
        "rc.care.policy", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person or Account",
        required=True,
        ondelete="cascade",
        index=True,
    )
    account_id = fields.Many2one("res.partner", string="Account", index=True)
    occasion_key = fields.Char(required=True)
    date = fields.Date(required=True)
    user_id = fields.Many2one("res.users", string="Responsible")
    activity_id = fields.Many2one(
        "mail.activity", ondelete="set null", index="btree_not_null"
    )
    activity_done = fields.Boolean(
        compute="_compute_activity_done",
        help="The activity was done (or removed).",
    )
    mail_sent = fields.Boolean(string="Greeting Sent")
    interaction_id = fields.Many2one(
        "rc.interaction",
        string="Logged Interaction",
        ondelete="set null",
        help="Logged when the care activity was marked done.",
    )
    action_type = fields.Selection(related="policy_id.action_type")
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "occasion_unique",
            "UNIQUE (policy_id, partner_id, occasion_key)",
            "This care occasion is already recorded.",
        ),
    ]

    def _compute_activity_done(self):
        for occasion in self:
            occasion.activity_done = not occasion.activity_id

    def _rc_log_done(self, feedback=False):
        today = fields.Date.context_today(self)
        vals_list = []
        # Gifts are logged by the gift itself when given (compliance limits apply).
        occasions = self.filtered(lambda o: o.policy_id.action_type != "gift")
        for occasion in occasions:
            user = occasion.activity_id.user_id or self.env.user
            person = (
                occasion.partner_id if not occasion.partner_id.is_company else False
            )
            vals_list.append(
                {
                    "name": occasion.activity_id.summary or occasion.policy_id.name,
                    "interaction_type": ACTION_INTERACTION[
                        occasion.policy_id.action_type
                    ],
                    "date": today,
                    "account_id": occasion.account_id.id,
                    "contact_ids": [fields.Command.set(person.ids if person else [])],
                    "user_id": user.id,
                    "participant_ids": [fields.Command.set(user.ids)],
                    "policy_id": occasion.policy_id.id,
                    "outcome": html2plaintext(feedback) if feedback else False,
                    "company_id": (occasion.company_id or self.env.company).id,
                }
            )
        interactions = self.env["rc.interaction"].sudo().create(vals_list)
        for occasion, interaction in zip(occasions, interactions, strict=True):
            occasion.interaction_id = interaction
        return interactions
