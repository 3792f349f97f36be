# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

SHOWCASE_VIP_LEVEL = [("showcase", "Showcase VIP")]


def _drop_showcase_level(partners):
    """On uninstall, showcase customers fall back to relationship_care's level."""
    for partner in partners:
        account = partner.commercial_partner_id or partner
        partner.rc_vip_level = "vip" if account.kam_tier == "key" else "standard"


class ResPartner(models.Model):
    _inherit = "res.partner"

    rc_vip_level = fields.Selection(
        selection_add=SHOWCASE_VIP_LEVEL,
        ondelete={"showcase": _drop_showcase_level},
    )
    sc_showcase_ids = fields.One2many(
        "sc.showcase",
        "partner_id",
        string="Showcases",
        groups="key_account_management.group_kam_user",
    )
    sc_is_showcase = fields.Boolean(
        string="Showcase Customer",
        compute="_compute_sc_is_showcase",
        store=True,
        index=True,
        help="The account has an active showcase past planning and review.",
    )

    sc_showcase_count = fields.Integer(
        string="Showcase Count",
        compute="_compute_sc_showcase_count",
        groups="key_account_management.group_kam_user",
    )

    @api.depends("sc_showcase_ids.active", "sc_showcase_ids.review_state")
    def _compute_sc_is_showcase(self):
        for partner in self:
            partner.sc_is_showcase = any(
                showcase.active and showcase.review_state == "approved"
                for showcase in partner.sc_showcase_ids
            )

    def _compute_sc_showcase_count(self):
        counts = dict(
            self.env["sc.showcase"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.sc_showcase_count = counts.get(partner, 0)

    @api.depends("sc_is_showcase", "commercial_partner_id.sc_is_showcase")
    def _compute_rc_vip_level(self):
        """Showcase customers (and their people) get the showcase VIP level."""
        res = super()._compute_rc_vip_level()
        for partner in self:
            account = partner.commercial_partner_id or partner
            if account.sc_is_showcase:
                partner.rc_vip_level = "showcase"
        return res
