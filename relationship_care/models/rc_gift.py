# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class RcGift(models.Model):
    """Gift or hospitality to a person, with the company's compliance limits (SPEC §2.5)."""

    _name = "rc.gift"
    _description = "Gift and Hospitality"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "date desc, id desc"

    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "refused"
    _tier_validation_manual_config = False

    name = fields.Char(string="Gift", required=True, tracking=True)
    gift_type = fields.Selection(
        [
            ("gift", "Gift"),
            ("hospitality", "Hospitality"),
            ("event", "Event Invitation"),
        ],
        required=True,
        default="gift",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        required=True,
        tracking=True,
        index=True,
        domain=[("is_company", "=", False)],
        ondelete="restrict",
    )
    account_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        string="Account",
    )
    public_official = fields.Boolean(related="partner_id.rc_public_official")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Given By",
        default=lambda self: self.env.user,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    amount = fields.Monetary(string="Value", required=True, tracking=True)
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    amount_company = fields.Monetary(
        string="Value (company currency)",
        currency_field="company_currency_id",
        compute="_compute_compliance",
        store=True,
    )
    year_total = fields.Monetary(
        string="Recipient's Year Total",
        currency_field="company_currency_id",
        compute="_compute_compliance",
        store=True,
        help="Value of this gift plus the other gifts to the same person this year that "
        "are not refused, in company currency.",
    )
    over_limit = fields.Boolean(
        compute="_compute_compliance",
        store=True,
        tracking=True,
        help="Above the per-gift or per-recipient yearly limit: needs a manager's approval.",
    )
    limit_message = fields.Char(compute="_compute_compliance", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("given", "Given"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    interaction_id = fields.Many2one("rc.interaction", readonly=True, copy=False)
    note = fields.Text()

    @api.depends(
        "amount",
        "currency_id",
        "date",
        "partner_id",
        "partner_id.rc_public_official",
        "company_id",
    )
    def _compute_compliance(self):
        amounts = {}
        for gift in self:
            company = gift.company_id or self.env.company
            amounts[gift] = (
                gift.currency_id._convert(
                    gift.amount or 0.0,
                    company.currency_id,
                    company,
                    gift.date or fields.Date.today(),
                )
                if gift.currency_id
                else gift.amount
            )
        others_by_gift = self._rc_other_gifts_this_year(amounts)
        for gift in self:
            company = gift.company_id or self.env.company
            amount = gift.amount_company = amounts[gift]
            others = others_by_gift.get(gift, 0.0)
            gift.year_total = amount + (others or 0.0)
            per_gift, per_year = company._rc_gift_limits(
                gift.partner_id.rc_public_official
            )
            messages = []
            if per_gift and amount > per_gift:
                messages.append(
                    self.env._("above the per-gift limit of %(limit)s", limit=per_gift)
                )
            if per_year and gift.year_total > per_year:
                messages.append(
                    self.env._(
                        "above the yearly limit per recipient of %(limit)s",
                        limit=per_year,
                    )
                )
            gift.over_limit = bool(messages)
            gift.limit_message = "; ".join(messages)

    def _rc_other_gifts_this_year(self, amounts):
        """Value already given to each gift's recipient in the gift's year (refused gifts
        and the gift itself excluded), for the whole batch in one query. ``amounts`` holds
        the company-currency values being computed for this batch."""
        gifts = self.filtered(lambda g: g.partner_id and g.date)
        if not gifts:
            return {}
        years = [g.date.year for g in gifts]
        stored = self.sudo().search_fetch(
            [
                ("partner_id", "in", gifts.partner_id.ids),
                ("state", "!=", "refused"),
                ("date", ">=", fields.Date.to_date(f"{min(years)}-01-01")),
                ("date", "<=", fields.Date.to_date(f"{max(years)}-12-31")),
            ],
            ["partner_id", "company_id", "date", "amount_company"],
        )
        batch = {g._origin.id or g.id: g for g in gifts if g.state != "refused"}
        values = {o.id: (o, o.amount_company) for o in stored if o.id not in batch}
        values.update({key: (g, amounts[g]) for key, g in batch.items()})
        result = {}
        for gift in gifts:
            company = gift.company_id or self.env.company
            result[gift] = sum(
                value
                for key, (other, value) in values.items()
                if other.partner_id == gift.partner_id
                and (other.company_id or self.env.company) == company
                and other.date.year == gift.date.year
                and key != (gift._origin.id or gift.id)
            )
        return result

    @api.constrains("amount")
    def _check_amount(self):
        for gift in self:
            if gift.amount <= 0:
                raise ValidationError(
                    self.env._("The value of a gift must be positive.")
                )

    @api.constrains("partner_id")
    def _check_partner(self):
        for gift in self:
            if gift.partner_id.is_company:
                raise ValidationError(
                    self.env._("A gift goes to a person, not to a company.")
                )

    @api.constrains("state", "over_limit", "validation_status")
    def _check_given_approved(self):
        for gift in self:
            if (
                gift.state in ("approved", "given")
                and gift.over_limit
                and gift.validation_status != "validated"
            ):
                raise ValidationError(
                    self.env._(
                        "%(gift)s is %(reason)s: a manager must approve it first.",
                        gift=gift.name,
                        reason=gift.limit_message,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(self.env._("A gift starts as a draft."))
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals and not self.env.context.get("rc_gift_transition"):
            raise UserError(
                self.env._(
                    "Use the buttons (submit, give, reset) to change a gift's state."
                )
            )
        if self.filtered(lambda g: g.state in ("refused", "given")) and set(vals) & {
            "amount",
            "currency_id",
            "partner_id",
            "date",
            "name",
        }:
            raise UserError(self.env._("A refused or given gift cannot be changed."))
        return super().write(vals)

    def _allow_to_remove_reviews(self, values):
        """Keep the reviews of a refused gift: they are its audit trail."""
        if values.get(self._state_field) == "refused":
            return False
        return super()._allow_to_remove_reviews(values)

    def _set_state(self, state):
        return self.with_context(rc_gift_transition=True).write({"state": state})

    def action_submit(self):
        for gift in self:
            if gift.state != "draft":
                raise UserError(self.env._("Only draft gifts can be submitted."))
            if gift.over_limit:
                gift._set_state("to_approve")
                gift.request_validation()
            else:
                gift._set_state("approved")
        return True

    def action_give(self):
        for gift in self:
            if gift.state != "approved":
                raise UserError(
                    self.env._(
                        "%(gift)s cannot be recorded as given: it is not approved.",
                        gift=gift.name,
                    )
                )
        for gift in self:
            gift.interaction_id = self.env["rc.interaction"].create(
                {
                    "name": gift.name,
                    "interaction_type": "gift",
                    "date": gift.date,
                    "account_id": gift.account_id.id,
                    "contact_ids": [fields.Command.set(gift.partner_id.ids)],
                    "user_id": (gift.user_id or self.env.user).id,
                    "participant_ids": [
                        fields.Command.set((gift.user_id or self.env.user).ids)
                    ],
                    "cost": gift.amount,
                    "currency_id": gift.currency_id.id,
                    "company_id": gift.company_id.id,
                }
            )
            gift._set_state("given")
        return True

    def action_reset_draft(self):
        for gift in self:
            if gift.state not in ("to_approve", "approved"):
                raise UserError(
                    self.env._("Only pending or approved gifts go back to draft.")
                )
        self.with_context(rc_gift_transition=True).write({"state": "draft"})
        self.review_ids.sudo().unlink()
        return True

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        for gift in self:
            if gift.state == "to_approve" and gift.validation_status == "validated":
                gift._set_state("approved")
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        for gift in self:
            if gift.state == "to_approve" and gift.validation_status == "rejected":
                gift._set_state("refused")
        return res
