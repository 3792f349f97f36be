# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScRewardEntry(models.Model):
    """Ledger line of the showcase support and rewards programme."""

    _name = "sc.reward.entry"
    _description = "Showcase Reward Entry"
    _order = "date desc, id desc"
    _rec_name = "description"

    rule_id = fields.Many2one("sc.reward.rule", required=True, ondelete="restrict")
    milestone = fields.Selection(related="rule_id.milestone", store=True)
    showcase_id = fields.Many2one("sc.showcase", ondelete="cascade", index=True)
    team_id = fields.Many2one("crm.team", string="Branch", index=True)
    user_id = fields.Many2one("res.users", string="Person", index=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    points = fields.Integer(aggregator="sum")
    amount = fields.Monetary(aggregator="sum")
    currency_id = fields.Many2one(related="rule_id.currency_id", store=True)
    origin = fields.Char(help="The record that reached the milestone (model,id).")
    description = fields.Char()
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)

    _sql_constraints = [
        (
            "rule_showcase_origin_unique",
            "UNIQUE (rule_id, showcase_id, origin)",
            "A milestone is rewarded once per rule and showcase.",
        ),
    ]
