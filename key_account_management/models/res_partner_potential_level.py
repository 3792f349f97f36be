# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    kam_potential_level_id = fields.Many2one(
        "kam.potential.level",
        string="Potential Sub-Level",
        tracking=True,
        index="btree_not_null",
        copy=False,
        ondelete="restrict",
        groups="base.group_user",
        help="How hard the account is to convert (seed 003): drives the visit cadence "
        "of the care policies that target the level.",
    )
