# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ScPromotion(models.Model):
    """A promotion of a showcase: national media by headquarters
    for national showcases, local media by the branch for city and township ones."""

    _name = "sc.promotion"
    _description = "Showcase Promotion"
    _inherit = ["sc.showcase.child", "mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
    channel = fields.Selection(
        [
            ("media_series", "Media case series"),
            ("case_collection", "Case collection"),
            ("press_release", "Press release"),
            ("exhibition", "Exhibition / roadshow"),
            ("online", "Website / online"),
        ],
        required=True,
        default="media_series",
    )
    scope = fields.Selection(
        [("national", "National (headquarters)"), ("local", "Local (branch)")],
        compute="_compute_scope",
        store=True,
        readonly=False,
    )
    date = fields.Date(default=fields.Date.context_today)
    url = fields.Char(string="Link")
    user_id = fields.Many2one("res.users", string="Responsible")
    state = fields.Selection(
        [("planned", "Planned"), ("published", "Published")],
        default="planned",
        tracking=True,
    )

    @api.depends("showcase_id.level")
    def _compute_scope(self):
        for promotion in self:
            promotion.scope = (
                "national" if promotion.showcase_id.level == "national" else "local"
            )
