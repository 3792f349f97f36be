# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
    only_when_scored = fields.Boolean(
        string="Counts Only When Scored",
        help="The weight joins an account's total only when the account has a score for "
        "this criterion (e.g. one fed by surveys): an unscored account is not pulled "
        "down by it.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _sql_constraints = [
        (
            "weight_positive",
            "CHECK (weight > 0)",
            "A criterion weight must be positive.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        criteria = super().create(vals_list)
        criteria._kam_recompute_scores()
        return criteria

    def write(self, vals):
        res = super().write(vals)
        if {"weight", "active", "only_when_scored", "company_id"} & set(vals):
            self._kam_recompute_scores()
        return res

    def _kam_recompute_scores(self):
        """Every criterion's weight is in every scored account's denominator, not only
        in the accounts that have a line of it: recompute all the scored accounts."""
        Partner = self.env["res.partner"].sudo()
        scored = Partner.with_context(active_test=False).search(
            [("kam_score_line_ids", "!=", False)]
        )
        for field_name in ("kam_score_total", "kam_suggested_tier"):
            self.env.add_to_compute(Partner._fields[field_name], scored)
