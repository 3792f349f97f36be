# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .rc_care_policy import birthday_key


class RcCareProfile(models.Model):
    """Private care profile of a person.

    Kept apart from res.partner so that record rules restrict it to the account team and
    the managers, through every path (form, list, export, search, API). It holds the
    birthday of the person (res.partner's shared ``birthdate_date`` of OCA's
    partner_contact_birthdate stays empty for them) and the care job's activities about
    the person, so their dates and notes are read only by whoever may read the profile.
    """

    _name = "rc.care.profile"
    _description = "Key Person Care Profile"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", False)],
    )
    account_id = fields.Many2one(
        "res.partner",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        string="Account",
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    birthdate = fields.Date(
        string="Birthday",
        help="Private: only the account team and the key account managers see it.",
    )
    birthday_key = fields.Integer(
        string="Birthday Day Key",
        compute="_compute_birthday_key",
        store=True,
        index=True,
        help="Technical: MMDD of the birthday (10000 + lunar MMDD for lunar birthdays), "
        "so the care job finds the birthdays of a window with one indexed search.",
    )
    private_phone = fields.Char(
        help="Private: only the account team and the key account managers see it."
    )
    lunar_birthday = fields.Boolean(
        string="Celebrates Lunar Birthday",
        help="The birthday is celebrated on the lunar-calendar anniversary of the "
        "birthdate (农历生日), converted to its Gregorian date each year.",
    )
    # One source of truth with key_account_management's decision chain: the personal
    # notes live in its private model (same privacy rule), the channel on the partner.
    family_notes = fields.Text(
        string="Family Notes", related="partner_id.kam_family_notes", readonly=False
    )
    hobbies = fields.Text(
        string="Hobbies", related="partner_id.kam_interests", readonly=False
    )
    gift_preferences = fields.Text(
        related="partner_id.kam_gift_preferences", readonly=False
    )
    preferred_channel = fields.Selection(
        related="partner_id.kam_preferred_channel", readonly=False
    )
    preferred_lang = fields.Selection(
        selection="_get_languages", string="Preferred Language"
    )
    do_not_contact = fields.Boolean(
        help="Never send greetings, gifts or invitations to this person."
    )

    _sql_constraints = [
        ("partner_unique", "UNIQUE (partner_id)", "A person has one care profile."),
    ]

    @api.depends("birthdate", "lunar_birthday")
    def _compute_birthday_key(self):
        for profile in self:
            profile.birthday_key = birthday_key(
                profile.birthdate, profile.lunar_birthday
            )

    @api.model_create_multi
    def create(self, vals_list):
        """One profile per person: creating the profile of a person who has one (e.g. made
        when they became a key person) updates it, with the user's rights. The person's
        shared Birthdate moves into the profile."""
        partner_ids = {
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        }
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        existing = partners._rc_profiles_sudo()
        public = {p.id: p.birthdate_date for p in partners if p.birthdate_date}
        to_create, slots = [], []
        for vals in vals_list:
            partner_id = vals.get("partner_id")
            if partner_id in public and "birthdate" not in vals:
                vals = dict(vals, birthdate=public[partner_id])
            if partner_id in existing:
                profile = existing[partner_id].with_env(self.env)
                update = {k: v for k, v in vals.items() if k != "partner_id"}
                if update:
                    profile.write(update)
                slots.append(profile.id)
            else:
                to_create.append(vals)
                slots.append(None)
        created = iter(super().create(to_create).ids if to_create else [])
        profiles = self.browse([slot or next(created) for slot in slots])
        partners.filtered(lambda p: p.id in public)._rc_clear_public_birthdate()
        return profiles

    def write(self, vals):
        if "partner_id" in vals and any(
            profile.partner_id.id != vals["partner_id"] for profile in self
        ):
            raise UserError(
                self.env._("A care profile belongs to its person for good.")
            )
        return super().write(vals)

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()
