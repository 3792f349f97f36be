# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

# The marker the showcase models put in the context around their own review steps
# (request, validate, reject, withdraw). A Python object: a client cannot send it.
_SC_REVIEW = object()


def sc_review_context(records):
    """``records`` allowed to create, change or delete their tier reviews."""
    return records.with_context(sc_tier_review=_SC_REVIEW)


class TierReview(models.Model):
    """base_tier_validation lets every employee write tier.review: a salesperson
    could mark the review of his own showcase or annual plan approved, or delete it.
    The reviews of the showcase models change only through their review steps."""

    _inherit = "tier.review"

    _SC_REVIEWED_MODELS = ("sc.showcase", "sc.annual.plan")

    def _sc_check_review_change(self, model_names):
        if (
            self.env.su
            or self.env.context.get("sc_tier_review") is _SC_REVIEW
            or not set(model_names) & set(self._SC_REVIEWED_MODELS)
        ):
            return
        raise UserError(
            self.env._(
                "Reviews of showcases and annual showcase plans are given with their "
                "Approve and Reject buttons, not edited."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._sc_check_review_change([vals.get("model") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._sc_check_review_change(self.sudo().mapped("model"))
        if vals.get("model"):
            self._sc_check_review_change([vals["model"]])
        return super().write(vals)

    def unlink(self):
        self._sc_check_review_change(self.sudo().mapped("model"))
        return super().unlink()
