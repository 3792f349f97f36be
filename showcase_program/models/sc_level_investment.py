# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sc_qualification_criterion import SHOWCASE_LEVELS


class ScLevelInvestment(models.Model):
    """How much the company invests in a showcase of each level (投入力度): the yearly
    support budget of one showcase, for implementation, marketing and maintenance. Set
    per year; a showcase follows the latest setting of its level up to this year."""

    _name = "sc.level.investment"
    _description = "Showcase Investment by Level"
    _order = "year desc, level"
    _rec_name = "level"

    level = fields.Selection(SHOWCASE_LEVELS, required=True)
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    investment_level = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")],
        required=True,
        default="medium",
    )
    budget = fields.Monetary(
        string="Yearly Budget per Showcase",
        required=True,
        help="Support the company puts into one showcase of this level in a year: "
        "implementation resources, marketing, maintenance.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "level_year_company_unique",
            "UNIQUE (level, year, company_id)",
            "A showcase level has one investment setting per year and company.",
        ),
    ]

    @api.constrains("budget", "year")
    def _check_budget(self):
        for investment in self:
            if investment.budget < 0 or not 2000 <= investment.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "The budget of a showcase level cannot be negative, and its "
                        "year is between 2000 and 2100."
                    )
                )

    @api.model
    def _sc_settings(self, companies, year):
        """The setting in force per (level, company id): the latest up to ``year``."""
        settings = {}
        for setting in self.sudo().search(
            [("company_id", "in", companies.ids), ("year", "<=", year)],
            order="year desc",
        ):
            settings.setdefault((setting.level, setting.company_id.id), setting)
        return settings
