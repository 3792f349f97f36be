# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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
        help="How hard the account is to convert: drives the visit cadence "
        "of the care policies that target the level.",
    )

    def _kam_check_potential_level_user(self):
        """The sub-level is the salesperson's judgement: key account users only."""
        if self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_user"
        ):
            return
        raise UserError(
            self.env._(
                "Only key account users and managers can set the potential sub-level."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("default_kam_potential_level_id") or any(
            vals.get("kam_potential_level_id") for vals in vals_list
        ):
            self._kam_check_potential_level_user()
        return super().create(vals_list)

    def write(self, vals):
        if "kam_potential_level_id" in vals and self._workflow_changes(
            "kam_potential_level_id", vals["kam_potential_level_id"]
        ):
            self._kam_check_potential_level_user()
        return super().write(vals)
