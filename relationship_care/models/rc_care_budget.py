# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Gifts that use the budget: submitted, approved or given (drafts and refusals do not).
CHARGED_STATES = ("to_approve", "approved", "given")


class RcCareBudget(models.Model):
    """Care and hospitality budget of one account for one year: gifts, hospitality and
    event invitations are charged to it; a gift beyond it needs a manager's approval."""

    _name = "rc.care.budget"
    _description = "Care and Hospitality Budget"
    _inherit = ["mail.thread"]
    _order = "year desc, account_id"
    _rec_names_search = ["account_id"]

    account_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Budget", required=True, tracking=True)
    # Stored so that the budgets can be summed, sorted, filtered and pivoted; the gifts
    # point at their budget (rc.gift.budget_id), so a gift's change recomputes it.
    gift_ids = fields.One2many("rc.gift", "budget_id", string="Gifts", readonly=True)
    spent = fields.Monetary(
        compute="_compute_spent",
        store=True,
        help="Value of the account's gifts, hospitality and event invitations of the "
        "year that are submitted, approved or given, in company currency.",
    )
    remaining = fields.Monetary(compute="_compute_spent", store=True)
    over_budget = fields.Boolean(
        compute="_compute_spent",
        store=True,
        help="More was spent than the budget.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "account_year_unique",
            "UNIQUE (account_id, year, company_id)",
            "An account has one care budget per year.",
        ),
    ]

    @api.depends(
        "account_id",
        "year",
        "company_id",
        "amount",
        "gift_ids.amount_company",
        "gift_ids.state",
    )
    def _compute_spent(self):
        spent = self._rc_spent_by_budget()
        for budget in self:
            budget.spent = spent.get(budget._origin.id, 0.0)
            budget.remaining = budget.amount - budget.spent
            budget.over_budget = budget.remaining < 0

    def _rc_spent_by_budget(self, exclude_gift_ids=()):
        """Charged value per budget id of self, in one grouped query over the gifts
        charged to them. Read as superuser: a salesperson's budget counts the gifts of
        the whole team."""
        budget_ids = [bid for bid in self._origin.ids if bid]
        if not budget_ids:
            return {}
        groups = (
            self.env["rc.gift"]
            .sudo()
            ._read_group(
                [
                    ("budget_id", "in", budget_ids),
                    ("state", "in", CHARGED_STATES),
                    ("id", "not in", list(exclude_gift_ids)),
                ],
                ["budget_id"],
                ["amount_company:sum"],
            )
        )
        return {budget.id: total for budget, total in groups}

    @api.constrains("amount", "year")
    def _check_amount(self):
        for budget in self:
            if budget.amount < 0 or not 2000 <= budget.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "A care budget is a positive amount for a year between 2000 "
                        "and 2100."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        budgets = super().create(vals_list)
        budgets._rc_reassign_gifts()
        return budgets

    def write(self, vals):
        if not {"account_id", "year", "company_id"} & set(vals):
            return super().write(vals)
        before = self.env["rc.gift"].sudo().search([("budget_id", "in", self.ids)])
        res = super().write(vals)
        self._rc_reassign_gifts(before)
        return res

    def _rc_reassign_gifts(self, gifts=None):
        """Point the gifts of these budgets' keys (and ``gifts``, charged to them
        before their keys changed) at their budget, in one search."""
        Gift = self.env["rc.gift"].sudo()
        budgets = self.filtered(lambda b: b.account_id and b.year)
        if budgets:
            years = budgets.mapped("year")
            gifts = (gifts or Gift) | Gift.search(
                [
                    ("account_id", "in", budgets.account_id.ids),
                    ("company_id", "in", budgets.company_id.ids),
                    ("date", ">=", fields.Date.to_date(f"{min(years)}-01-01")),
                    ("date", "<=", fields.Date.to_date(f"{max(years)}-12-31")),
                ]
            )
        if gifts:
            self.env.add_to_compute(Gift._fields["budget_id"], gifts)
            gifts._recompute_recordset(["budget_id"])
