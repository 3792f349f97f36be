# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DOCUMENT_CATEGORIES = [
    ("presales", "Presales"),
    ("implementation", "Implementation"),
    ("market", "Market"),
    ("tool", "Marketing Tool"),
]
TOOL_STAGES = [
    ("market", "Market Tool"),
    ("sales", "Sales Tool"),
    ("presales", "Presales Tool"),
    ("implementation", "Implementation Tool"),
]


class ScDocumentType(models.Model):
    """A kind of showcase deliverable: result documents and marketing
    tools by project stage."""

    _name = "sc.document.type"
    _description = "Showcase Document Type"
    _order = "category, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    category = fields.Selection(DOCUMENT_CATEGORIES, required=True, index=True)
    tool_stage = fields.Selection(
        TOOL_STAGES,
        help="For marketing tools: the project stage the tool serves.",
    )
    sequence = fields.Integer(default=10)
    needs_consent = fields.Boolean(
        string="Needs Customer Consent",
        help="The customer must consent to publication before the document is approved.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "The document type code must be unique."),
    ]
