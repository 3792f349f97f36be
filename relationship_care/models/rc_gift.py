# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class RcGift(models.Model):
    """Gift or hospitality to a person, with the company's compliance limits."""

    _name = "rc.gift"
    _description = "Gift and Hospitality"
    _inherit = ["mail.thread", "mail.activity.mixin", "kam.tier.workflow.mixin"]
    _order = "date desc, id desc"

    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "refused"
    _tier_validation_manual_config = False
    # The state, the snapshot of what was approved and the logged interaction change only
    # through the buttons (submit, tier validation, give, reset).
    _workflow_fields = (
        "state",
        "approved_amount",
        "approved_partner_id",
        "interaction_id",
    )
    # Compliance decision: an approved gift is the gift that was approved. Changing what it
    # is (value, currency, recipient, date, type, description, giver, company) does not keep
    # the approval: the change is saved, the tier reviews are dropped (the chatter keeps
    # the trail) and the gift goes through submission again: above a limit it waits for a
    # manager in "To Approve", within the limits it is approved again as any such gift.
    # A compliance officer wants the changed gift re-checked, not the salesperson blocked:
    # refusing would only push them to reset and resubmit by hand, with the same result.
    _workflow_locked_fields = (
        "amount",
        "currency_id",
        "partner_id",
        "date",
        "gift_type",
        "name",
        "user_id",
        "company_id",
    )
    # Under review too (tier.validation refuses such writes as well).
    _workflow_locked_states = ("to_approve", "approved")

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
    approved_amount = fields.Monetary(
        string="Approved Value",
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
        help="Value (company currency) the gift had when it was approved: it cannot be "
        "given for more.",
    )
    approved_partner_id = fields.Many2one(
        "res.partner", string="Approved Recipient", readonly=True, copy=False
    )

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

    def write(self, vals):
        if self.filtered(lambda g: g.state in ("refused", "given")) and set(vals) & {
            "amount",
            "currency_id",
            "partner_id",
            "date",
            "name",
            "gift_type",
            "user_id",
            "company_id",
        }:
            raise UserError(self.env._("A refused or given gift cannot be changed."))
        res = super().write(vals)
        if "partner_id" in vals and not self.env.su:
            # Odoo checks the record rules before a write, not after: a gift must not
            # be moved to a person of an account the user cannot see.
            self.check_access("write")
        return res

    def _workflow_on_locked_change(self, vals, fnames):
        """An approved gift that changes is submitted again (see _workflow_locked_fields)."""
        self._rc_back_to_draft()
        self.write(vals)
        self._rc_refresh_compliance()
        self._rc_submit()
        for gift in self:
            gift.message_post(
                body=self.env._(
                    "Changed after submission or approval (%(fields)s): the approval "
                    "no longer applies, the gift was submitted again.",
                    fields=self._workflow_field_labels(fnames),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _allow_to_remove_reviews(self, values):
        """Keep the reviews of a refused gift: they are its audit trail."""
        if values.get(self._state_field) == "refused":
            return False
        return super()._allow_to_remove_reviews(values)

    def _rc_drop_reviews(self):
        self._workflow_as_transition().review_ids.unlink()
        self._workflow_invalidate_reviews()

    def _rc_set_state(self, state, **vals):
        return self._workflow_write(dict(vals, state=state))

    def _rc_mark_approved(self):
        for gift in self:
            gift._rc_set_state(
                "approved",
                approved_amount=gift.amount_company,
                approved_partner_id=gift.partner_id.id,
            )

    def _rc_submit(self):
        """Submission without the state check (also used after a locked change)."""
        for gift in self:
            if gift.over_limit:
                gift._rc_set_state("to_approve")
                gift.request_validation()
            else:
                gift._rc_mark_approved()

    def action_submit(self):
        self._workflow_check_state(("draft",), self.env._("submitted"))
        self._rc_refresh_compliance()
        self._rc_submit()
        return True

    def _rc_refresh_compliance(self):
        """Recompute the limits now: other gifts to the same person may have been
        recorded since this one was computed (the yearly total depends on them)."""
        names = ("amount_company", "year_total", "over_limit", "limit_message")
        for name in names:
            self.env.add_to_compute(self._fields[name], self)
        self._recompute_recordset(list(names))

    def action_give(self):
        self._workflow_check_state(("approved",), self.env._("recorded as given"))
        # Given is final: re-check that the gift is still what was approved.
        self._rc_refresh_compliance()
        for gift in self:
            rounding = gift.company_currency_id.rounding or 0.01
            changed = gift.partner_id != gift.approved_partner_id or (
                float_compare(
                    gift.amount_company,
                    gift.approved_amount,
                    precision_rounding=rounding,
                )
                > 0
            )
            if changed:
                raise UserError(
                    self.env._(
                        "%(gift)s is not the gift that was approved (value or "
                        "recipient changed): reset it to draft and submit it again.",
                        gift=gift.name,
                    )
                )
            if gift.over_limit and gift.validation_status != "validated":
                raise UserError(
                    self.env._(
                        "%(gift)s is now %(reason)s: a manager must approve it before it "
                        "is given. Reset it to draft and submit it again.",
                        gift=gift.name,
                        reason=gift.limit_message,
                    )
                )
        for gift in self:
            interaction = self.env["rc.interaction"].create(
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
            gift._rc_set_state("given", interaction_id=interaction.id)
        return True

    def action_reset_draft(self):
        self._workflow_check_state(
            ("to_approve", "approved"), self.env._("reset to draft")
        )
        self._rc_back_to_draft()
        return True

    def _rc_back_to_draft(self):
        # Reviews first: tier.validation refuses any write to a record under review.
        self._rc_drop_reviews()
        self._rc_set_state("draft", approved_amount=0.0, approved_partner_id=False)

    def _workflow_requesters(self):
        """Nobody approves a gift they give, created or submitted (company setting)."""
        requesters = super()._workflow_requesters()
        return {
            gift: requesters[gift] | gift.user_id | gift.create_uid for gift in self
        }

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        for gift in self:
            if gift.state == "to_approve" and gift.validation_status == "validated":
                gift._rc_mark_approved()
        return res

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        for gift in self:
            if gift.state == "to_approve" and gift.validation_status == "rejected":
                gift._rc_set_state("refused")
        return res
