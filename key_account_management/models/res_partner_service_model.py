# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The values of kam_service_model (res_partner.py), for the suggestion.
SERVICE_MODELS = [
    ("large", "Large: one manager per account"),
    ("medium", "Medium: one manager for several accounts"),
    ("small", "Small: channel / telemarketing"),
]


class ResPartner(models.Model):
    """Service model by size: large accounts get a dedicated key account manager,
    medium ones share one, small ones are served by channels and telemarketing."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_employee_count = fields.Integer(
        string="Employees",
        help="Headcount of the account, with its won revenue the size that suggests "
        "the service model.",
        groups="key_account_management.group_kam_user",
    )
    kam_service_model_suggested = fields.Selection(
        SERVICE_MODELS,
        string="Suggested Service Model",
        compute="_compute_kam_service_model_suggested",
        help="From the won revenue of the last 12 months and the headcount, against "
        "the thresholds of the Key Accounts settings. Empty while neither is known.",
        groups="key_account_management.group_kam_user",
    )
    kam_service_model_differs = fields.Boolean(
        compute="_compute_kam_service_model_suggested",
        groups="key_account_management.group_kam_user",
    )
    kam_service_model_reason = fields.Text(
        string="Service Model Override Reason",
        tracking=True,
        groups="key_account_management.group_kam_user",
    )

    @api.depends("kam_employee_count", "kam_service_model")
    @api.depends_context("company")
    def _compute_kam_service_model_suggested(self):
        for partner in self:
            company = partner.company_id or self.env.company
            revenue = partner.kam_won_revenue_12m if partner.is_company else 0.0
            employees = partner.kam_employee_count
            if not partner.is_company or not (revenue or employees):
                suggested = False
            elif (
                revenue >= company.kam_service_large_revenue
                or employees >= company.kam_service_large_employees
            ):
                suggested = "large"
            elif (
                revenue >= company.kam_service_medium_revenue
                or employees >= company.kam_service_medium_employees
            ):
                suggested = "medium"
            else:
                suggested = "small"
            partner.kam_service_model_suggested = suggested
            partner.kam_service_model_differs = bool(
                suggested
                and partner.kam_service_model
                and partner.kam_service_model != suggested
            )

    @api.constrains("kam_service_model", "kam_service_model_reason")
    def _check_kam_service_model_reason(self):
        if self.env.context.get("install_module"):
            # Data files state the model by hand; the suggestion depends on revenue the
            # database may already hold, so an upgrade must not stop on it.
            return
        labels = dict(
            self._fields["kam_service_model"]._description_selection(self.env)
        )
        for partner in self:
            if (
                partner.kam_service_model_differs
                and not (partner.kam_service_model_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%(account)s: the service model %(model)s differs from the "
                        "suggested %(suggested)s. Record the reason for this override.",
                        account=partner.display_name,
                        model=labels[partner.kam_service_model],
                        suggested=labels[partner.kam_service_model_suggested],
                    )
                )

    @api.constrains("kam_service_model", "kam_manager_id")
    def _check_kam_dedicated_manager(self):
        # One key account manager per large account: whoever serves a large account
        # serves no other one. Checked over all companies' accounts, whoever can read them.
        large = self.filtered(
            lambda p: p.kam_service_model == "large" and p.kam_manager_id
        )
        if not large:
            return
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("kam_service_model", "=", "large"),
                    ("kam_manager_id", "in", large.kam_manager_id.ids),
                ],
                ["kam_manager_id"],
                ["id:recordset"],
            )
        )
        for manager, accounts in groups:
            if len(accounts) > 1:
                raise ValidationError(
                    self.env._(
                        "%(manager)s is already the dedicated key account manager of "
                        "the large account %(other)s: a large account has a manager of "
                        "its own. Choose another manager or another service model.",
                        manager=manager.name,
                        other=(accounts - large)[:1].display_name
                        or accounts[1].display_name,
                    )
                )
