# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamStageHistoryMixin(models.AbstractModel):
    """One move of a ``kam.stage.lifecycle.mixin`` record: who, when, and the days
    spent in the previous stage. The model adds the record and the two stages
    (``stage_from_id``, ``stage_to_id``)."""

    _name = "kam.stage.history.mixin"
    _description = "Stage History Line"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", string="Moved By", default=lambda self: self.env.user
    )
    days_in_previous = fields.Float(
        string="Days in Previous Stage", aggregator="avg", digits=(16, 1)
    )
