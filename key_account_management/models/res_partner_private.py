# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .kam_key_person_private import PRIVATE_FIELDS


class ResPartner(models.Model):
    """The personal data of a key person, stored in kam.key.person.private and read
    with the user's own rights: these fields are proxies."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_personal_needs = fields.Text(
        string="Personal Needs",
        compute="_compute_kam_private",
        inverse="_inverse_kam_personal_needs",
        search="_search_kam_personal_needs",
        help="Personal needs below the waterline (iceberg model). Visible only to the "
        "account team and the key account managers.",
    )
    kam_interests = fields.Text(
        string="Interests",
        compute="_compute_kam_private",
        inverse="_inverse_kam_interests",
        search="_search_kam_interests",
    )
    kam_family_notes = fields.Text(
        string="Family",
        compute="_compute_kam_private",
        inverse="_inverse_kam_family_notes",
        search="_search_kam_family_notes",
    )
    kam_gift_preferences = fields.Text(
        string="Gift Preferences",
        compute="_compute_kam_private",
        inverse="_inverse_kam_gift_preferences",
        search="_search_kam_gift_preferences",
    )
    kam_private_ids = fields.One2many(
        "kam.key.person.private",
        "partner_id",
        string="Personal Data Records",
        groups="key_account_management.group_kam_user",
    )
    kam_private_allowed = fields.Boolean(
        string="Personal Data Visible",
        compute="_compute_kam_private_allowed",
        help="The current user is on the account team or a key account manager.",
        groups="key_account_management.group_kam_user",
    )

    @api.depends(
        "kam_private_ids.personal_needs",
        "kam_private_ids.interests",
        "kam_private_ids.family_notes",
        "kam_private_ids.gift_preferences",
    )
    @api.depends_context("uid")
    def _compute_kam_private(self):
        # Never sudo: the record rules of the private model decide what the user sees,
        # also when this runs inside a sudo environment.
        Private = self.env(su=False)["kam.key.person.private"]
        values = Private._private_values(self.filtered("id"))
        for partner in self:
            row = values.get(partner.id, {})
            for fname, private_name in PRIVATE_FIELDS.items():
                partner[fname] = row.get(private_name, False)

    @api.depends_context("uid")
    def _compute_kam_private_allowed(self):
        manager = self.env.user.has_group("key_account_management.group_kam_manager")
        for partner in self:
            partner.kam_private_allowed = bool(
                manager
                # Team membership is not secret; the team's lines may be hidden.
                or self.env.user
                in partner.commercial_partner_id.sudo().kam_team_user_ids
            )

    def _kam_write_private(self, fname):
        """Write one personal field to kam.key.person.private with the user's rights."""
        private_name = PRIVATE_FIELDS[fname]
        Private = self.env(su=False)["kam.key.person.private"]
        # Look for hidden records too: writing one the user may not see must raise an
        # access error, not create a duplicate.
        existing = {
            rec.partner_id.id: rec.with_env(Private.env)
            for rec in Private.sudo().search([("partner_id", "in", self.ids)])
        }
        to_create = []
        for partner in self:
            value = partner[fname] or False
            if partner.id in existing:
                existing[partner.id].write({private_name: value})
            elif value:
                if partner.is_company:
                    raise ValidationError(
                        self.env._(
                            "%(name)s is a company: personal data is kept for people.",
                            name=partner.display_name,
                        )
                    )
                to_create.append({"partner_id": partner.id, private_name: value})
        if to_create:
            Private.create(to_create)
        # The values are cached per user: drop them so other users read the new ones.
        self.invalidate_recordset(list(PRIVATE_FIELDS))

    def _inverse_kam_personal_needs(self):
        self._kam_write_private("kam_personal_needs")

    def _inverse_kam_interests(self):
        self._kam_write_private("kam_interests")

    def _inverse_kam_family_notes(self):
        self._kam_write_private("kam_family_notes")

    def _inverse_kam_gift_preferences(self):
        self._kam_write_private("kam_gift_preferences")

    def _kam_search_private(self, private_name, operator, value):
        Private = self.env(su=False)["kam.key.person.private"]
        if not Private.has_access("read"):
            return [("id", "=", False)]
        partners = Private.search([(private_name, operator, value)]).partner_id
        return [("id", "in", partners.ids)]

    def _search_kam_personal_needs(self, operator, value):
        return self._kam_search_private("personal_needs", operator, value)

    def _search_kam_interests(self, operator, value):
        return self._kam_search_private("interests", operator, value)

    def _search_kam_family_notes(self, operator, value):
        return self._kam_search_private("family_notes", operator, value)

    def _search_kam_gift_preferences(self, operator, value):
        return self._kam_search_private("gift_preferences", operator, value)
