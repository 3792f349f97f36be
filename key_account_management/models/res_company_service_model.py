# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Size thresholds that suggest how an account is served."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    kam_service_large_revenue = fields.Monetary(
        string="Large Account Revenue",
        currency_field="currency_id",
        default=1000000.0,
        help="Won revenue over the last 12 months from which an account is served by "
        "a dedicated key account manager.",
    )
    kam_service_large_employees = fields.Integer(
        string="Large Account Employees",
        default=1000,
        help="Headcount from which an account is served by a dedicated key account "
        "manager.",
    )
    kam_service_medium_revenue = fields.Monetary(
        string="Medium Account Revenue",
        currency_field="currency_id",
        default=100000.0,
        help="Won revenue over the last 12 months from which an account shares a key "
        "account manager with a few others; below, channels and telemarketing.",
    )
    kam_service_medium_employees = fields.Integer(
        string="Medium Account Employees", default=100
    )

    @api.constrains(
        "kam_service_large_revenue",
        "kam_service_large_employees",
        "kam_service_medium_revenue",
        "kam_service_medium_employees",
    )
    def _check_kam_service_thresholds(self):
        for company in self:
            if not (
                0
                < company.kam_service_medium_revenue
                < company.kam_service_large_revenue
                and 0
                < company.kam_service_medium_employees
                < company.kam_service_large_employees
            ):
                raise ValidationError(
                    self.env._(
                        "The service model thresholds must be positive, and those of "
                        "large accounts above those of medium accounts."
                    )
                )
