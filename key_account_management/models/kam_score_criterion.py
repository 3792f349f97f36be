# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamScoreCriterion(models.Model):
    """Weighted criterion of the account scorecard."""

    _name = "kam.score.criterion"
    _description = "Account Scorecard Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        default=1.0, help="Relative weight of this criterion in the 0-100 total."
    )
    description = fields.Text(translate=True, help="What a score of 0 and of 10 mean.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK (weight > 0)",
            "A criterion weight must be positive.",
        ),
    ]
