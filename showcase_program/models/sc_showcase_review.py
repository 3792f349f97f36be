# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class ScShowcaseReview(models.Model):
    """Review: submit, and the tier validation (validate / reject) as every approval of
    the product uses it (kam.tier.workflow.mixin, buttons injected in the form)."""

    _inherit = "sc.showcase"  # pylint: disable=consider-merging-classes-inherited

    # --- tier validation (its buttons are injected in the form) -------------------------
    def _get_tier_validation_readonly_domain(self):
        # the showcase is frozen under review only: its lifecycle goes on once approved
        return "review_state == 'pending'"

    def validate_tier(self):
        self.ensure_one()
        self._sc_check_can_review(self.env._("approved"))
        return super().validate_tier()

    def _validate_tier(self, tiers=False):
        res = super()._validate_tier(tiers)
        if self.review_state == "pending" and self.validation_status == "validated":
            self._workflow_write({"review_state": "approved"})
        return res

    def reject_tier(self):
        """Rejecting a review asks for the reason (the reject wizard)."""
        self.ensure_one()
        self._sc_check_can_review(self.env._("rejected"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Showcase Review"),
            "res_model": "sc.showcase.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_showcase_id": self.id},
        }

    def _workflow_requesters(self):
        requesters = super()._workflow_requesters()
        return {showcase: requesters[showcase] | showcase.user_id for showcase in self}

    def _sc_check_can_review(self, action):
        self._workflow_check_state(("pending",), action)
        for showcase in self:
            if not showcase.can_review:
                raise UserError(
                    self.env._(
                        "You are not a reviewer of %(showcase)s.",
                        showcase=showcase.name,
                    )
                )

    # --- actions -----------------------------------------------------------------------
    def action_submit_review(self):
        review_stage = self.env["sc.showcase.stage"].search(
            [("is_review_stage", "=", True)], limit=1
        )
        for showcase in self:
            if showcase.review_state in ("pending", "approved"):
                raise UserError(
                    self.env._(
                        "%(showcase)s is already under review or approved.",
                        showcase=showcase.name,
                    )
                )
            if review_stage and showcase.stage_id != review_stage:
                if review_stage.sequence < showcase.stage_id.sequence:
                    raise UserError(
                        self.env._(
                            "%(showcase)s is past the review stage.",
                            showcase=showcase.name,
                        )
                    )
                showcase._workflow_write({"stage_id": review_stage.id})
            elif review_stage:
                showcase._stage_check_entry(review_stage)
            showcase._workflow_write(
                {"review_state": "pending", "reject_reason": False}
            )
            showcase.request_validation()
        return True

    def _reject_review(self, reason):
        """Reject the pending review with a reason (called by the wizard)."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(self.env._("A reason is required to reject a review."))
        self._sc_check_can_review(self.env._("rejected"))
        sequences = self._get_sequences_to_approve(self.env.user)
        self._rejected_tier(self.review_ids.filtered(lambda r: r.sequence in sequences))
        self._workflow_write({"review_state": "rejected", "reject_reason": reason})
        self.message_post(
            body=self.env._("Review rejected: %(reason)s", reason=reason),
        )
