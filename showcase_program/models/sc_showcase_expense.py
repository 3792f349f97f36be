# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ScShowcaseExpense(models.Model):
    """Actual spend on a showcase, against its level's yearly support budget."""

    _name = "sc.showcase.expense"
    _description = "Showcase Spend"
    _order = "date desc, id desc"

    showcase_id = fields.Many2one(
        "sc.showcase", required=True, index=True, ondelete="cascade"
    )
    level = fields.Selection(related="showcase_id.level", store=True)
    team_id = fields.Many2one(related="showcase_id.team_id", store=True)
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    category = fields.Selection(
        [
            ("implementation", "Implementation"),
            ("marketing", "Marketing"),
            ("maintenance", "Maintenance"),
            ("hospitality", "Hospitality"),
            ("other", "Other"),
        ],
        required=True,
        default="implementation",
    )
    name = fields.Char(string="Description", required=True)
    amount = fields.Monetary(required=True)

    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if expense.amount <= 0:
                raise ValidationError(
                    self.env._("The amount spent on a showcase must be positive.")
                )
