# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScShowcaseStageHistory(models.Model):
    """One lifecycle move of a showcase: who, when, and the days spent before it."""

    _name = "sc.showcase.stage.history"
    _description = "Showcase Stage History"
    _inherit = ["kam.stage.history.mixin"]
    _order = "date desc, id desc"
    _rec_name = "showcase_id"

    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="cascade", index=True
    )
    stage_from_id = fields.Many2one("sc.showcase.stage", string="From Stage")
    stage_to_id = fields.Many2one("sc.showcase.stage", string="To Stage", required=True)
    level = fields.Selection(related="showcase_id.level", store=True)
    team_id = fields.Many2one(related="showcase_id.team_id", store=True)
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
