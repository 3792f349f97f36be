# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

EXTENSIVE_RATINGS = [
    ("poor", "Poor"),
    ("fair", "Fair"),
    ("good", "Good"),
    ("excellent", "Excellent"),
]


class KamDepartmentRelationship(models.Model):
    """Extensive relationship (普遍客户关系) with one department of the customer."""

    _name = "kam.department.relationship"
    _description = "Extensive Relationship per Department"
    _order = "partner_id, department_id"
    _rec_name = "department_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    department_id = fields.Many2one(
        "res.partner.department",
        string="Department",
        required=True,
        ondelete="restrict",
    )
    rating = fields.Selection(EXTENSIVE_RATINGS, required=True, default="fair")
    user_id = fields.Many2one(
        "res.users", string="Owner", help="Our colleague in charge of this department."
    )
    note = fields.Char()
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    _sql_constraints = [
        (
            "department_unique",
            "UNIQUE (partner_id, department_id)",
            "This department is already rated on the account.",
        ),
    ]
