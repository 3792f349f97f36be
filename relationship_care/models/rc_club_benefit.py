# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RcClubBenefit(models.Model):
    """A member benefit of the key-account club, with its yearly limit per account."""

    _name = "rc.club.benefit"
    _description = "Club Member Benefit"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    benefit_type = fields.Selection(
        [
            ("event", "Exclusive Event"),
            ("training", "Training"),
            ("priority_service", "Priority Service"),
            ("gift", "Gift"),
        ],
        required=True,
        default="event",
    )
    yearly_limit = fields.Integer(
        help="How many times an account may use it per calendar year (0: no limit). "
        "Gifts also obey the gift compliance limits."
    )
    level_ids = fields.Many2many(
        "rc.club.level",
        "rc_club_benefit_level_rel",
        "benefit_id",
        "level_id",
        string="Levels",
    )
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
