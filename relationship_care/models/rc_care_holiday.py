# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RcCareHoliday(models.Model):
    _name = "rc.care.holiday"
    _description = "Care Holiday"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    match_names = fields.Char(
        required=True,
        help="Comma-separated English names of this holiday in the 'holidays' library "
        "(e.g. 'Chinese New Year (Spring Festival),Chinese New Year'). Observed days and "
        "eves are ignored; the first matching day of the year is the occasion.",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "The holiday code must be unique.")
    ]

    @api.constrains("match_names")
    def _check_match_names(self):
        for holiday in self:
            if not holiday._match_name_set():
                raise ValidationError(
                    self.env._(
                        "Give at least one holiday name to match for %(name)s.",
                        name=holiday.name,
                    )
                )

    def _match_name_set(self):
        self.ensure_one()
        return {n.strip() for n in (self.match_names or "").split(",") if n.strip()}
