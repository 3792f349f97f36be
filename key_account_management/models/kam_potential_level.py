# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamPotentialLevel(models.Model):
    """Sub-level of a potential customer (A / B / C by how hard it is to win).

    Records, not a selection: a company names its own levels, writes their criteria and
    targets them from care policies (visit cadence) and reports.
    """

    _name = "kam.potential.level"
    _description = "Potential Customer Sub-Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short label, e.g. A, B or C.")
    sequence = fields.Integer(default=10, help="Easiest to convert first.")
    criteria = fields.Text(
        translate=True, help="What makes a potential customer belong to this level."
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "code_company_unique",
            "UNIQUE (code, company_id)",
            "The code of a potential sub-level must be unique.",
        ),
    ]
