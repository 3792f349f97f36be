# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .rc_care_budget import CHARGED_STATES
from .rc_gift import RcGift


class RcGiftBudget(models.Model):
    """A gift, hospitality or event invitation is charged to its account's care budget
    of the year; beyond the budget it goes to a manager's approval, as over the limits."""

    _inherit = "rc.gift"  # pylint: disable=consider-merging-classes-inherited
    # The budget follows the gift's account, year and company: a client does not set
    # it (a gift pointed elsewhere would escape its budget's approval and totals).
    _workflow_fields = (*RcGift._workflow_fields, "budget_id")

    budget_id = fields.Many2one(
        "rc.care.budget",
        string="Care Budget",
        compute="_compute_budget_id",
        store=True,
        index="btree_not_null",
        ondelete="set null",
        help="The account's care budget of the gift's year (whether charged or not).",
    )
    budget_remaining = fields.Monetary(
        currency_field="company_currency_id",
        compute="_compute_budget",
        compute_sudo=True,
        help="What the account's care budget of the year has left for this gift: the "
        "budget less its other gifts, hospitality and invitations submitted, approved "
        "or given.",
    )
    over_budget = fields.Boolean(
        compute="_compute_budget",
        compute_sudo=True,
        help="Beyond the account's care budget of the year: needs a manager's approval.",
    )

    @api.depends("account_id", "date", "company_id")
    def _compute_budget_id(self):
        gifts = self.filtered(lambda g: g.account_id and g.date)
        keys = {(g.account_id.id, g.date.year, g.company_id.id) for g in gifts}
        budgets = {
            (b.account_id.id, b.year, b.company_id.id): b
            for b in self.env["rc.care.budget"].search(
                [
                    ("account_id", "in", list({k[0] for k in keys})),
                    ("year", "in", list({k[1] for k in keys})),
                    ("company_id", "in", list({k[2] for k in keys})),
                ]
            )
        }
        for gift in self:
            key = (gift.account_id.id, gift.date and gift.date.year, gift.company_id.id)
            gift.budget_id = budgets.get(key, False)

    @api.depends("budget_id.amount", "amount_company", "state")
    def _compute_budget(self):
        gifts = self.filtered("budget_id")
        spent = gifts.budget_id._rc_spent_by_budget(
            exclude_gift_ids=[g._origin.id for g in gifts if g._origin.id]
        )
        # Gifts of this batch charged to the same budget count against each other.
        batch = {}
        for gift in gifts:
            if gift.state in CHARGED_STATES:
                batch.setdefault(gift.budget_id, []).append(gift)
        self.budget_remaining = 0.0
        self.over_budget = False
        for gift in gifts:
            budget = gift.budget_id
            others = sum(g.amount_company for g in batch.get(budget, []) if g != gift)
            remaining = budget.amount - spent.get(budget._origin.id, 0.0) - others
            gift.budget_remaining = remaining
            gift.over_budget = gift.state != "refused" and (
                gift.amount_company > remaining
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # An empty value sent along would be kept instead of computed; any other
            # value is refused by the workflow mixin.
            if "budget_id" in vals and not vals["budget_id"]:
                del vals["budget_id"]
        return super().create(vals_list)

    def _rc_submit(self):
        # Within the limits but beyond the budget: to the managers' approval too (the
        # tier definition "over budget" applies). Other gifts may have been charged
        # since the budget fields were read.
        self.invalidate_recordset(["budget_remaining", "over_budget"])
        over = self.filtered(lambda g: g.over_budget and not g.over_limit)
        for gift in over:
            gift._rc_set_state("to_approve")
            gift.request_validation()
        return super(RcGiftBudget, self - over)._rc_submit()
