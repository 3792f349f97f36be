# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SHOWCASE_LEVELS = [
    ("national", "National (provincial / ministry)"),
    ("city", "City"),
    ("township", "Township"),
]


class ScQualificationCriterion(models.Model):
    """Selection standard a showcase of a level must meet."""

    _name = "sc.qualification.criterion"
    _description = "Showcase Qualification Criterion"
    _order = "level, sequence, id"

    name = fields.Char(required=True, translate=True)
    level = fields.Selection(SHOWCASE_LEVELS, required=True, index=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
