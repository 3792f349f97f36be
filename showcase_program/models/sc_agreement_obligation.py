# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ScAgreementObligation(models.Model):
    """A structured right or obligation of a showcase agreement."""

    _name = "sc.agreement.obligation"
    _description = "Showcase Agreement Obligation"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        "sc.agreement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    obligation_type = fields.Selection(
        [
            ("prospect_visits", "Host prospect visits"),
            ("testimonial", "Give a testimonial"),
            ("summit_talk", "Speak at a summit"),
            ("logo_use", "Allow logo use"),
            ("media_case", "Media case series"),
            ("vip_service", "VIP green channel (our side)"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
    )
    party = fields.Selection(
        [("customer", "Customer"), ("company", "Our Company")],
        default="customer",
        required=True,
    )
    quantity = fields.Integer(
        default=1, help="For prospect visits: the maximum number of visits per year."
    )
    name = fields.Char(string="Description")
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity < 0:
                raise ValidationError(
                    self.env._("An obligation quantity cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._sc_check_can_change()
        return lines

    def write(self, vals):
        self._sc_check_can_change()
        res = super().write(vals)
        if "agreement_id" in vals:
            self._sc_check_can_change()
        return res

    def unlink(self):
        self._sc_check_can_change()
        return super().unlink()

    def _sc_check_can_change(self):
        """Rights and obligations (the visit quota among them) are the agreement's
        terms: set by the showcase's owners, frozen once the agreement is signed."""
        if self.env.su:
            return
        agreements = self.agreement_id
        agreements.showcase_id._sc_check_owner(
            self.env._("change the rights and obligations of")
        )
        locked = agreements.filtered(lambda a: a.state in a._workflow_locked_states)
        if locked:
            raise UserError(
                self.env._(
                    "%(agreements)s: a signed agreement's rights and obligations no "
                    "longer change. Renew it, or terminate it and reset it to draft, "
                    "to change them.",
                    agreements=", ".join(locked.mapped("name")),
                )
            )
