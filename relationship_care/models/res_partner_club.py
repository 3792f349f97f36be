# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    """Club membership, derived from the account tier, and club participation."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    rc_club_level_id = fields.Many2one(
        "rc.club.level",
        string="Club Level",
        compute="_compute_rc_club_level_id",
        store=True,
        index="btree_not_null",
        help="Membership level of the key-account club, given by the account tier "
        "(see Club Levels). Contacts follow their company.",
    )
    rc_club_event_count = fields.Integer(
        string="Club Events Attended",
        compute="_compute_rc_club_event_count",
        groups="base.group_user",
    )

    @api.depends("kam_tier", "commercial_partner_id.kam_tier", "company_id")
    def _compute_rc_club_level_id(self):
        levels = self.env["rc.club.level"].sudo().search([])
        by_tier = {}
        for level in levels:
            by_tier.setdefault((level.tier, level.company_id.id), level)
        for partner in self:
            account = partner.commercial_partner_id or partner
            tier = account.sudo().kam_tier
            company = account.company_id.id
            partner.rc_club_level_id = (
                by_tier.get((tier, company)) or by_tier.get((tier, False))
                if tier
                else False
            )

    def _rc_club_registration_domain(self):
        return [
            ("event_id.rc_is_club_event", "=", True),
            ("state", "in", ("open", "done")),
            "|",
            ("partner_id", "in", self.ids),
            ("partner_id.commercial_partner_id", "in", self.ids),
        ]

    def _compute_rc_club_event_count(self):
        """Accounts count their key persons' registrations: one grouped query."""
        groups = (
            self.env["event.registration"]
            .sudo()
            ._read_group(
                self.filtered("id")._rc_club_registration_domain(),
                ["partner_id", "event_id"],
            )
        )
        events = {}
        for person, event in groups:
            for partner_id in {person.id, person.commercial_partner_id.id}:
                events.setdefault(partner_id, set()).add(event.id)
        for partner in self:
            partner.rc_club_event_count = len(events.get(partner.id, ()))

    def action_rc_club_participation(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_care.rc_club_participation_action"
        )
        action["domain"] = self._rc_club_registration_domain()
        return action
