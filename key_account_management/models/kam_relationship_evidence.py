# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

RELATIONSHIP_LEVELS = [
    ("vendor", "Vendor"),
    ("preferred_supplier", "Preferred Supplier"),
    ("partner", "Partner"),
    ("strategic_alliance", "Strategic Alliance"),
]


class KamRelationshipEvidence(models.Model):
    """Observable proof of an organisation relationship level."""

    _name = "kam.relationship.evidence"
    _description = "Relationship Level Evidence"
    _order = "level_sequence, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    level = fields.Selection(
        RELATIONSHIP_LEVELS,
        required=True,
        help="The relationship level this evidence supports. A level is suggested when "
        "all evidence of that level and of the levels below it is checked.",
    )
    level_sequence = fields.Integer(compute="_compute_level_sequence", store=True)
    active = fields.Boolean(default=True)

    @api.depends("level")
    def _compute_level_sequence(self):
        order = [code for code, _label in RELATIONSHIP_LEVELS]
        for evidence in self:
            evidence.level_sequence = (
                order.index(evidence.level) if evidence.level else 0
            )
