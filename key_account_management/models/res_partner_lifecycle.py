# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

# Marks the stage write of action_kam_reactivate: the only way out of the churned stage.
# A Python object, so that no client can put it in a context.
_REACTIVATION = object()


class ResPartner(models.Model):
    """The account lifecycle: stage moves, their gates and their history."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # The account lifecycle runs on kam.stage.lifecycle.mixin (res_partner.py).
    _stage_field = "kam_stage_id"
    _stage_date_field = "kam_stage_date"
    _stage_history_model = "kam.stage.history"
    _stage_history_record_field = "partner_id"

    def _stage_path_domain(self):
        """The funnel: every stage but churned (Mark as Churned leads there)."""
        return [("is_churn", "=", False)]

    def _kam_entry_stage(self):
        """The first stage of the funnel, where a new account starts (as Advance does)."""
        return self._stage_model().search(self._stage_path_domain(), limit=1)

    @api.model
    def _stage_is_forward(self, from_stage, to_stage):
        # churning is gated from any stage
        return to_stage.is_churn or super()._stage_is_forward(from_stage, to_stage)

    def _stage_check_move(self, stage, previous):
        """Only Reactivate moves an account out of the churned stage."""
        if self.env.context.get("kam_reactivate") is not _REACTIVATION:
            for partner in self:
                if previous[partner.id][0].is_churn:
                    raise UserError(
                        self.env._(
                            "%(account)s has churned: use Reactivate to bring it back.",
                            account=partner.display_name,
                        )
                    )
        return super()._stage_check_move(stage, previous)

    def _stage_missing_requirements(self, stage):
        result = super()._stage_missing_requirements(stage)
        open_opps, won_opps = self._kam_opportunity_counts()
        for partner in self:
            missing = []
            if not partner.is_company:
                missing.append(self.env._("the contact is not a company"))
            if stage.require_claim and not partner.kam_claim_user_id:
                missing.append(self.env._("a claim by a salesperson"))
            if stage.require_contact and not partner.child_ids.filtered(
                lambda c: c.type == "contact"
            ):
                missing.append(self.env._("at least one contact person"))
            if stage.require_manager and not partner.kam_manager_id:
                missing.append(self.env._("a key account manager on the account team"))
            if stage.require_opportunity and not (
                open_opps.get(partner.id) or won_opps.get(partner.id)
            ):
                missing.append(self.env._("an open opportunity"))
            if stage.require_won_opportunity and not won_opps.get(partner.id):
                missing.append(self.env._("a won opportunity"))
            if missing:
                result.setdefault(partner.id, []).extend(missing)
        return result

    def _kam_opportunity_counts(self):
        """Open and won opportunity counts per account, in two grouped queries."""
        if not self.ids:
            return {}, {}
        Lead = self.env["crm.lead"].sudo().with_context(active_test=True)
        base = [("partner_id", "child_of", self.ids), ("type", "=", "opportunity")]
        counts = []
        for extra in (
            [("stage_id.is_won", "=", False)],
            [("stage_id.is_won", "=", True)],
        ):
            by_account = {}
            for contact, count in Lead._read_group(
                base + extra, ["partner_id"], ["__count"]
            ):
                account = contact.commercial_partner_id.id
                by_account[account] = by_account.get(account, 0) + count
            counts.append(by_account)
        return counts[0], counts[1]

    def _stage_history_values(self, stage_from, since, now):
        values = super()._stage_history_values(stage_from, since, now)
        values["territory_id"] = self.kam_territory_id.id
        values["salesperson_id"] = (self.kam_manager_id or self.kam_claim_user_id).id
        return values

    def _kam_check_lifecycle_user(self, action):
        self._workflow_check_group("key_account_management.group_kam_user", action)

    def action_kam_advance(self):
        self._kam_check_lifecycle_user(self.env._("advance"))
        for partner in self:
            if partner.sudo().kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            later = partner._stage_next()
            if not later:
                raise UserError(
                    self.env._(
                        "%(account)s is already in the last stage.",
                        account=partner.display_name,
                    )
                )
            partner._workflow_write({"kam_stage_id": later.id})
        return True

    def action_kam_back(self):
        self._kam_check_lifecycle_user(self.env._("move back"))
        for partner in self:
            current = partner.sudo().kam_stage_id
            earlier = partner._stage_previous()
            if not current or current.is_churn or not earlier:
                raise UserError(
                    self.env._(
                        "%(account)s cannot go back from its current stage.",
                        account=partner.display_name,
                    )
                )
            partner._workflow_write({"kam_stage_id": earlier.id})
        return True

    def action_kam_mark_churned(self):
        self._kam_check_lifecycle_user(self.env._("mark as churned"))
        churn = self.env["kam.account.stage"].search([("is_churn", "=", True)], limit=1)
        if not churn:
            raise UserError(self.env._("No churned stage is configured."))
        for partner in self:
            if partner.sudo().kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "%(account)s has already churned.", account=partner.display_name
                    )
                )
            partner._workflow_write({"kam_stage_id": churn.id})
        return True

    def action_kam_reactivate(self):
        self._kam_check_lifecycle_user(self.env._("reactivate"))
        target = self.env["kam.account.stage"].search(
            [("is_reactivation_target", "=", True), ("is_churn", "=", False)], limit=1
        )
        if not target:
            raise UserError(self.env._("No reactivation stage is configured."))
        for partner in self:
            if not partner.sudo().kam_stage_id.is_churn:
                raise UserError(
                    self.env._(
                        "Only a churned account can be reactivated; %(account)s has not churned.",
                        account=partner.display_name,
                    )
                )
            partner.with_context(kam_reactivate=_REACTIVATION)._workflow_write(
                {"kam_stage_id": target.id}
            )
        return True
