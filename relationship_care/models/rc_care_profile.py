# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from lunardate import LunarDate

from odoo import api, fields, models


class RcCareProfile(models.Model):
    """Private care profile of a person (SPEC §2.2).

    Kept apart from res.partner so that record rules restrict it to the account team and
    the managers, through every path (form, list, export, search, API).
    """

    _name = "rc.care.profile"
    _description = "Key Person Care Profile"
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

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _rc_demo_lunar_birthdate(self, partner_ids, days, age):
        """Demo data only: a birthdate whose lunar anniversary is `days` from today."""
        day = fields.Date.context_today(self) + timedelta(days=days)
        lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
        born = LunarDate(
            lunar.year - age, lunar.month, min(lunar.day, 29)
        ).to_solar_date()
        self.env["res.partner"].browse(partner_ids).birthdate_date = born
        return True
