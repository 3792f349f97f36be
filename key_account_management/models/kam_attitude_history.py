# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .res_partner import ATTITUDES, DECISION_ROLES

ATTITUDE_RANK = {code: rank for rank, (code, _label) in enumerate(ATTITUDES)}


class KamAttitudeHistory(models.Model):
    """One change of a key person's attitude towards us (关系程度), who made it and when."""

    _name = "kam.attitude.history"
    _description = "Attitude History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="cascade", index=True
    )
    account_id = fields.Many2one(
        "res.partner",
        string="Account",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    decision_role = fields.Selection(
        DECISION_ROLES, help="The person's decision role when the attitude changed."
    )
    old_attitude = fields.Selection(ATTITUDES, string="Previous Attitude")
    new_attitude = fields.Selection(ATTITUDES)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Changed By",
        required=True,
        default=lambda self: self.env.user,
    )
    is_drop = fields.Boolean(
        string="Attitude Dropped",
        compute="_compute_is_drop",
        store=True,
        help="The new attitude is less favourable than the previous one.",
    )

    @api.depends("old_attitude", "new_attitude")
    def _compute_is_drop(self):
        for line in self:
            line.is_drop = bool(
                line.old_attitude
                and ATTITUDE_RANK.get(line.new_attitude, -1)
                < ATTITUDE_RANK[line.old_attitude]
            )
