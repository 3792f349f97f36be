# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.key_account_management.models.res_partner import ACCOUNT_TIERS


class RcClubLevel(models.Model):
    """A membership level of the key-account club and the account tier it is given
    to: the mapping is this table, one level per tier."""

    _name = "rc.club.level"
    _description = "Club Membership Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tier = fields.Selection(
        ACCOUNT_TIERS,
        string="Account Tier",
        required=True,
        help="Accounts of this tier are members at this level.",
    )
    benefit_ids = fields.Many2many(
        "rc.club.benefit",
        "rc_club_benefit_level_rel",
        "level_id",
        "benefit_id",
        string="Benefits",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _sql_constraints = [
        (
            "tier_unique",
            "UNIQUE (tier, company_id)",
            "Each account tier maps to one club level.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        levels = super().create(vals_list)
        levels._rc_recompute_members(set(levels.mapped("tier")))
        return levels

    def write(self, vals):
        tiers = set(self.mapped("tier"))
        res = super().write(vals)
        if {"tier", "active", "company_id"} & set(vals):
            self._rc_recompute_members(tiers | set(self.mapped("tier")))
        return res

    def unlink(self):
        tiers = set(self.mapped("tier"))
        res = super().unlink()
        self._rc_recompute_members(tiers)
        return res

    def _rc_recompute_members(self, tiers):
        """The mapping changed: the partners of these tiers get their level again."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("kam_tier", "in", list(tiers)),
                    ("commercial_partner_id.kam_tier", "in", list(tiers)),
                ]
            )
        )
        self.env.add_to_compute(partners._fields["rc_club_level_id"], partners)
