# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.key_account_management.models.res_partner import DECISION_ROLES


class RcDecisionRole(models.Model):
    _name = "rc.decision.role"
    _description = "Decision Role (care targeting)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(DECISION_ROLES, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "UNIQUE (code)", "Each decision role is listed once."),
    ]
