# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class KamStageHistory(models.Model):
    """One lifecycle move of an account: who, when, and the days spent before it."""

    _name = "kam.stage.history"
    _description = "Account Stage History"
    _inherit = ["kam.stage.history.mixin"]
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Account", required=True, ondelete="cascade", index=True
    )
    stage_from_id = fields.Many2one("kam.account.stage", string="From Stage")
    stage_to_id = fields.Many2one("kam.account.stage", string="To Stage", required=True)
    territory_id = fields.Many2one("kam.territory", index=True)
    salesperson_id = fields.Many2one(
        "res.users",
        help="The key account manager, or else the claiming salesperson, at the time.",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    def init(self):
        # The target achievement counts a territory's moves in a period, per target.
        tools.create_index(
            self.env.cr,
            "kam_stage_history_territory_date_idx",
            self._table,
            ["territory_id", "date"],
        )
