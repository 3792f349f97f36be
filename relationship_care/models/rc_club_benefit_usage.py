# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RcClubBenefitUsage(models.Model):
    """A member benefit used by an account (or one of its key persons)."""

    _name = "rc.club.benefit.usage"
    _description = "Club Benefit Used"
    _order = "date desc, id desc"

    benefit_id = fields.Many2one("rc.club.benefit", required=True, ondelete="restrict")
    benefit_type = fields.Selection(related="benefit_id.benefit_type", store=True)
    account_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    person_id = fields.Many2one(
        "res.partner",
        string="Key Person",
        domain="[('commercial_partner_id', '=', account_id), ('is_company', '=', False)]",
    )
    level_id = fields.Many2one(
        "rc.club.level", related="account_id.rc_club_level_id", store=True
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    quantity = fields.Integer(default=1, required=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    note = fields.Char()
    company_id = fields.Many2one(related="account_id.company_id", store=True)

    @api.constrains("benefit_id", "account_id", "date", "quantity")
    def _check_benefit(self):
        """Members only, a benefit of their level, within its yearly limit: the
        usages of the year are summed in one grouped query."""
        Usage = self.sudo()
        totals = {}
        limited = self.filtered(lambda u: u.benefit_id.yearly_limit)
        if limited:
            years = {u.date.year for u in limited}
            groups = Usage._read_group(
                [
                    ("account_id", "in", limited.account_id.ids),
                    ("benefit_id", "in", limited.benefit_id.ids),
                    ("date", ">=", f"{min(years)}-01-01"),
                    ("date", "<=", f"{max(years)}-12-31"),
                ],
                ["account_id", "benefit_id", "date:year"],
                ["quantity:sum"],
            )
            totals = {
                (account.id, benefit.id, year.year): qty
                for account, benefit, year, qty in groups
            }
        for usage in self:
            level = usage.sudo().account_id.rc_club_level_id
            if usage.quantity < 1:
                raise ValidationError(self.env._("The quantity must be at least 1."))
            if not level:
                raise ValidationError(
                    self.env._(
                        "%(account)s is not a member of the key-account club.",
                        account=usage.account_id.display_name,
                    )
                )
            if level not in usage.benefit_id.level_ids:
                raise ValidationError(
                    self.env._(
                        "%(benefit)s is not a benefit of the %(level)s level.",
                        benefit=usage.benefit_id.name,
                        level=level.name,
                    )
                )
            limit = usage.benefit_id.yearly_limit
            used = totals.get(
                (usage.account_id.id, usage.benefit_id.id, usage.date.year)
            )
            if limit and used and used > limit:
                raise ValidationError(
                    self.env._(
                        "%(account)s has used %(benefit)s %(used)s times in "
                        "%(year)s: the limit is %(limit)s.",
                        account=usage.account_id.display_name,
                        benefit=usage.benefit_id.name,
                        used=used,
                        year=usage.date.year,
                        limit=limit,
                    )
                )
