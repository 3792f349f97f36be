# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
        "res.partner", string="Person or Account", required=True, ondelete="cascade"
    )
    account_id = fields.Many2one("res.partner", string="Account", index=True)
    occasion_key = fields.Char(required=True)
    date = fields.Date(required=True)
    user_id = fields.Many2one("res.users", string="Responsible")
    activity_id = fields.Many2one("mail.activity", ondelete="set null")
    activity_done = fields.Boolean(
        compute="_compute_activity_done",
        help="The activity was done (or removed).",
    )
    mail_sent = fields.Boolean(string="Greeting Sent")
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
