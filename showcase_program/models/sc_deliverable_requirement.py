# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .sc_qualification_criterion import SHOWCASE_LEVELS


class ScDeliverableRequirement(models.Model):
    """One cell of the packaging matrix: a document type required for a level,
    approved before the showcase may enter a stage."""

    _name = "sc.deliverable.requirement"
    _description = "Showcase Packaging Requirement"
    _order = "level, stage_id, document_type_id"
    _rec_name = "document_type_id"

    level = fields.Selection(SHOWCASE_LEVELS, required=True, index=True)
    document_type_id = fields.Many2one(
        "sc.document.type", required=True, ondelete="cascade"
    )
    category = fields.Selection(related="document_type_id.category", store=True)
    stage_id = fields.Many2one(
        "sc.showcase.stage",
        string="Required Before Stage",
        required=True,
        ondelete="cascade",
        index=True,
    )

    _sql_constraints = [
        (
            "level_type_unique",
            "UNIQUE (level, document_type_id)",
            "A document type appears once per level in the packaging matrix.",
        ),
    ]
