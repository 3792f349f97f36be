# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class TierReview(models.Model):
    """base_tier_validation gives every employee create, write and delete on
    tier.review: a salesperson could mark the review of his own request approved, or
    delete it. The reviews of the models on kam.tier.workflow.mixin change only
    through their review steps (request, validate, reject, restart by a transition)."""

    _inherit = "tier.review"

    def _kam_check_review_change(self, model_names):
        if self.env["kam.workflow.mixin"]._workflow_trusted():
            return
        guarded = sorted(
            {
                name
                for name in model_names
                if name in self.env
                and getattr(self.env[name], "_workflow_guards_tier_reviews", False)
            }
        )
        if guarded:
            raise UserError(
                self.env._(
                    "Reviews of %(documents)s are given with the document's Validate and "
                    "Reject buttons, not edited.",
                    documents=", ".join(
                        self.env[name]._description for name in guarded
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._kam_check_review_change([vals.get("model") for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) == {"comment"} and all(
            self.env.user in review.reviewer_ids for review in self.sudo()
        ):
            # base_tier_validation's comment wizard: a reviewer's own comment
            return super().write(vals)
        self._kam_check_review_change(self.sudo().mapped("model") + [vals.get("model")])
        return super().write(vals)

    def unlink(self):
        self._kam_check_review_change(self.sudo().mapped("model"))
        return super().unlink()
