# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KamScoreLine(models.Model):
    _name = "kam.score.line"
    _description = "Account Score"
    _order = "sequence, id"

    partner_id = fields.Many2one(
        "res.partner", string="Account", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "kam.score.criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(related="criterion_id.weight")
    score = fields.Integer(help="From 0 (poor) to 10 (excellent).")
    note = fields.Char()
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    _sql_constraints = [
        (
            "criterion_unique",
            "UNIQUE (partner_id, criterion_id)",
            "Each criterion is scored once per account.",
        ),
    ]

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 0 <= line.score <= 10:
                raise ValidationError(
                    self.env._(
                        "The score of %(criterion)s must be between 0 and 10.",
                        criterion=line.criterion_id.name,
                    )
                )
