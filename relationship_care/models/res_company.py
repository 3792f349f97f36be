# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    rc_gift_limit = fields.Monetary(
        string="Gift Limit per Gift",
        currency_field="currency_id",
        default=500.0,
        help="Above this value (company currency) a gift needs a manager's approval.",
    )
    rc_gift_limit_year = fields.Monetary(
        string="Gift Limit per Recipient and Year",
        currency_field="currency_id",
        default=2000.0,
    )
    rc_gift_official_limit = fields.Monetary(
        string="Public Official: Limit per Gift",
        currency_field="currency_id",
        default=200.0,
        help="The stricter limit for people flagged as public officials.",
    )
    rc_gift_official_limit_year = fields.Monetary(
        string="Public Official: Limit per Year",
        currency_field="currency_id",
        default=200.0,
    )

    @api.constrains(
        "rc_gift_limit",
        "rc_gift_limit_year",
        "rc_gift_official_limit",
        "rc_gift_official_limit_year",
    )
    def _check_rc_gift_limits(self):
        for company in self:
            if (
                min(
                    company.rc_gift_limit,
                    company.rc_gift_limit_year,
                    company.rc_gift_official_limit,
                    company.rc_gift_official_limit_year,
                )
                < 0
            ):
                raise ValidationError(self.env._("Gift limits cannot be negative."))
            if company.rc_gift_official_limit > company.rc_gift_limit or (
                company.rc_gift_official_limit_year > company.rc_gift_limit_year
            ):
                raise ValidationError(
                    self.env._("The limits for public officials must be the strictest.")
                )

    def _rc_gift_limits(self, public_official=False):
        """Return (limit per gift, limit per recipient and year); 0 means no limit."""
        self.ensure_one()
        if public_official:
            return self.rc_gift_official_limit, self.rc_gift_official_limit_year
        return self.rc_gift_limit, self.rc_gift_limit_year
