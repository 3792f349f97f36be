# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScShowcaseStageHistory(models.Model):
    """One lifecycle move of a showcase: who, when, and the days spent before it."""

    _name = "sc.showcase.stage.history"
    _description = "Showcase Stage History"
    _order = "date desc, id desc"
    _rec_name = "showcase_id"

    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="cascade", index=True
    )
    stage_from_id = fields.Many2one("sc.showcase.stage", string="From Stage")
    stage_to_id = fields.Many2one("sc.showcase.stage", string="To Stage", required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="Moved By", default=lambda self: self.env.user
    )
    days_in_previous = fields.Float(
        string="Days in Previous Stage", aggregator="avg", digits=(16, 1)
    )
    level = fields.Selection(related="showcase_id.level", store=True)
    team_id = fields.Many2one(related="showcase_id.team_id", store=True)
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
