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
    - nor two levels of the same document: a reviewer of several levels (an executive
      who is also a sales manager) validates one of them; the next needs another person
      (:meth:`_workflow_check_one_level_each`);
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
        self._workflow_check_one_level_each()
        return super(
            KamTierWorkflowMixin, self._workflow_as_transition()
        ).validate_tier()

    def _validate_tier(self, tiers=False):
        # Also reached from the comment wizard of base_tier_validation.
        self._workflow_check_four_eyes(self._workflow_requesters())
        self._workflow_check_one_level_each()
        res = super(
            KamTierWorkflowMixin, self._workflow_as_transition()
        )._validate_tier(self._workflow_first_own_level(tiers))
        self._workflow_invalidate_reviews()
        return res

    def _workflow_check_one_level_each(self):
        """Refuse a validation by a user who already validated a level of the record."""
        user = self.env.user
        for record in self._workflow_four_eyes_records():
            done = record.review_ids.filtered(
                lambda r: r.status == "approved" and r.done_by == user
            )
            if done:
                raise UserError(
                    self.env._(
                        "%(record)s: you already approved its level %(level)s; "
                        "another person must approve the next one (four-eyes "
                        "principle).",
                        record=record.display_name,
                        level=done[0].name or done[0].definition_id.name,
                    )
                )

    def _workflow_first_own_level(self, tiers):
        """tier.validation approves at once every consecutive level the user reviews:
        keep only the first one (the others wait for another reviewer)."""
        if len(self) != 1 or not self._workflow_four_eyes_records():
            return tiers
        mine = (tiers or self.review_ids).filtered(
            lambda r: r.status in ("waiting", "pending")
            and self.env.user in r.reviewer_ids
        )
        return mine.sorted("sequence")[:1] if len(mine) > 1 else tiers

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
