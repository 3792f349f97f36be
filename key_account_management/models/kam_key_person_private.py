# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

PRIVATE_FIELDS = {
    "kam_personal_needs": "personal_needs",
    "kam_interests": "interests",
    "kam_family_notes": "family_notes",
    "kam_gift_preferences": "gift_preferences",
}


class KamKeyPersonPrivate(models.Model):
    """Personal data of a key person, one record per contact.

    Kept apart from res.partner so that record rules decide who reads it: the team of the
    contact's account and the key account managers. The partner form shows it through
    computed fields that read this model with the user's own rights.
    """

    _name = "kam.key.person.private"
    _description = "Key Person Personal Data"
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
        string="Account",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    personal_needs = fields.Text(
        help="Personal needs below the waterline of the iceberg model (个人需求)."
    )
    interests = fields.Text(help="Hobbies and interests.")
    family_notes = fields.Text(string="Family")
    gift_preferences = fields.Text()

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE (partner_id)",
            "A person has only one set of personal data.",
        ),
    ]

    @api.model
    def _private_values(self, partners):
        """Return {partner id: {private field: value}} readable by the current user."""
        if not partners.ids or not self.has_access("read"):
            return {}
        return {
            rec.partner_id.id: {f: rec[f] for f in PRIVATE_FIELDS.values()}
            for rec in self.search([("partner_id", "in", partners.ids)])
        }
