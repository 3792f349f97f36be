# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ScValueAssessment(models.Model):
    """A business value found in the value assessment."""

    _name = "sc.value.assessment"
    _description = "Showcase Value Assessment Line"
    _inherit = ["sc.showcase.child"]
    _order = "showcase_id, value_type desc, sequence, id"

    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Value", required=True)
    value_type = fields.Selection(
        [("focal", "Focal Value"), ("common", "Common Value")],
        required=True,
        default="focal",
        help="Focal values are specific to this customer and carry the story; common "
        "values are shared with any customer of the solution.",
    )
    description = fields.Text()
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)
