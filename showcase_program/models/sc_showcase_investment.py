# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ScShowcaseInvestment(models.Model):
    """The investment level and yearly support budget of the showcase's level, and what
    was actually spent on it this year."""

    _inherit = "sc.showcase"  # pylint: disable=consider-merging-classes-inherited

    expense_ids = fields.One2many("sc.showcase.expense", "showcase_id", string="Spend")
    investment_level = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")],
        compute="_compute_investment",
    )
    investment_budget = fields.Monetary(
        string="Yearly Support Budget",
        compute="_compute_investment",
        help="The yearly budget per showcase of this level (showcase settings).",
    )
    investment_spent = fields.Monetary(
        string="Spent This Year", compute="_compute_investment"
    )
    investment_remaining = fields.Monetary(
        string="Budget Remaining", compute="_compute_investment"
    )

    @api.depends("level", "company_id", "expense_ids.amount", "expense_ids.date")
    def _compute_investment(self):
        today = fields.Date.today()
        settings = self.env["sc.level.investment"]._sc_settings(
            self.company_id, today.year
        )
        year_start = today.replace(month=1, day=1)
        spent = dict(
            self.env["sc.showcase.expense"]
            .sudo()
            ._read_group(
                [("showcase_id", "in", self._origin.ids), ("date", ">=", year_start)],
                ["showcase_id"],
                ["amount:sum"],
            )
        )
        for showcase in self:
            setting = settings.get((showcase.level, showcase.company_id.id))
            showcase.investment_level = setting.investment_level if setting else False
            showcase.investment_budget = setting.budget if setting else 0.0
            showcase.investment_spent = spent.get(showcase._origin, 0.0)
            showcase.investment_remaining = (
                showcase.investment_budget - showcase.investment_spent
            )
