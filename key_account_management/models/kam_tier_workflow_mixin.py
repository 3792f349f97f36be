# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

# tier.validation's own context keys that lift its checks: honoured from server code only.
TIER_BYPASS_KEYS = ("skip_validation_check", "skip_check_state_condition")


class KamTierWorkflowMixin(models.AbstractModel):
    """A protected workflow whose approval is an OCA tier validation.

    The one way every approval of the product works (account plans, gifts, showcase
    reviews, annual showcase plans). On top of :class:`kam.workflow.mixin`:

    - the document's tier reviews change only through its review steps (request,
      validate, reject, and a restart made by a transition): base_tier_validation lets
      every employee write ``tier.review`` (see ``tier_review.py``);
    - tier.validation's bypass keys (``skip_validation_check``,
      ``skip_check_state_condition``) count only when a transition or the server sends
      them, never when a client does;
    - four-eyes: nobody validates a review of a request they made
      (:meth:`_workflow_requesters`), through the button or the comment wizard;
    - the reviews' cache is dropped around every transition: tier.review points to the
      document by a Many2oneReference, so the ORM refreshes neither ``review_ids`` nor
      ``need_validation`` by itself, and stale values made tier.validation request and
      validate reviews again from inside a state change (RecursionError).
    """

    _name = "kam.tier.workflow.mixin"
    _description = "Protected Workflow with Tier Validation"
    _inherit = ["kam.workflow.mixin", "tier.validation"]

    # read by tier.review to guard the reviews of these models
    _workflow_guards_tier_reviews = True

    # --- who requested the approval -------------------------------------------------
    def _workflow_requesters(self):
        """Return {record: res.users who requested its approval}. Extend to add the
        owner, the submitter..."""
        return {record: record.review_ids.requested_by for record in self}

    # --- cache ----------------------------------------------------------------------
    def _workflow_invalidate_reviews(self):
        self.invalidate_recordset(["review_ids", "need_validation", "can_review"])

    def _workflow_write(self, vals):
        self._workflow_invalidate_reviews()
        res = super()._workflow_write(vals)
        self._workflow_invalidate_reviews()
        return res

    # --- review steps -----------------------------------------------------------------
    def request_validation(self):
        # Creates reviews only for records in a state to validate that have none.
        res = super(
            KamTierWorkflowMixin, self._workflow_as_transition()
        ).request_validation()
        self._workflow_invalidate_reviews()
        return res

    def validate_tier(self):
        self._workflow_check_four_eyes(self._workflow_requesters())
        return super(
            KamTierWorkflowMixin, self._workflow_as_transition()
        ).validate_tier()

    def _validate_tier(self, tiers=False):
        # Also reached from the comment wizard of base_tier_validation.
        self._workflow_check_four_eyes(self._workflow_requesters())
        res = super(
            KamTierWorkflowMixin, self._workflow_as_transition()
        )._validate_tier(tiers)
        self._workflow_invalidate_reviews()
        return res

    def reject_tier(self):
        return super(KamTierWorkflowMixin, self._workflow_as_transition()).reject_tier()

    def _rejected_tier(self, tiers=False):
        transition = self._workflow_as_transition()
        res = super(KamTierWorkflowMixin, transition)._rejected_tier(
            tiers and tiers.with_env(transition.env)
        )
        self._workflow_invalidate_reviews()
        return res

    def restart_validation(self):
        """Reviews are withdrawn by the document's own buttons (reset, previous stage)."""
        if not self._workflow_trusted():
            raise UserError(
                self.env._(
                    "%(model)s: the review is withdrawn with the document's own buttons "
                    "(reset to draft, previous stage), not restarted directly.",
                    model=self._description,
                )
            )
        res = super().restart_validation()
        self._workflow_invalidate_reviews()
        return res

    def _workflow_restart_validation(self):
        """Withdraw the reviews: for transition methods."""
        return self._workflow_as_transition().restart_validation()

    def unlink(self):
        self.check_access("unlink")
        reviews = self._workflow_as_transition().review_ids
        if reviews:
            reviews.unlink()
            self._workflow_invalidate_reviews()
        return super().unlink()

    # --- tier.validation's bypass keys ----------------------------------------------
    def _workflow_without_tier_bypass(self):
        if self._workflow_trusted() or not any(
            self.env.context.get(key) for key in TIER_BYPASS_KEYS
        ):
            return self
        return self.with_context(**dict.fromkeys(TIER_BYPASS_KEYS, False))

    def _tier_validation_check_write_allowed(self, vals):
        return super(
            KamTierWorkflowMixin, self._workflow_without_tier_bypass()
        )._tier_validation_check_write_allowed(vals)

    def _check_state_from_condition(self):
        return super(
            KamTierWorkflowMixin, self._workflow_without_tier_bypass()
        )._check_state_from_condition()
