# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

# Marks the stage write of action_kam_reactivate: the only way out of the churned stage.
# A Python object, so that no client can put it in a context.
_REACTIVATION = object()


class ResPartner(models.Model):
    """The account lifecycle: stage moves, their gates and their history."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _kam_entry_stage(self):
        """The first stage of the funnel, where a new account starts (as Advance does)."""
        return self._kam_funnel_stages()[:1]

    def _kam_check_stage_move(self, stage):
        """Refuse moves the stage model does not allow, naming what is missing."""
        reactivating = self.env.context.get("kam_reactivate") is _REACTIVATION
        for partner in self:
            current = partner.sudo().kam_stage_id
            if current.is_churn and not reactivating:
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            backwards = (
                current and not stage.is_churn and stage.sequence < current.sequence
            )
            if not backwards:
                partner._kam_check_stage_entry(stage)

    def _kam_check_stage_entry(self, stage):
        missing_by_partner = self._kam_missing_stage_requirements(stage)
        for partner in self:
            missing = missing_by_partner.get(partner.id)
            if missing:
                raise UserError(
                    self.env._(
                        "%(account)s cannot enter the stage %(stage)s. Missing:\n%(missing)s",
                        account=partner.display_name,
                        stage=stage.name,
                        missing="\n".join("- " + m for m in missing),
                    )
                )

    def _kam_missing_stage_requirements(self, stage):
        """Return {partner id: [what is missing]} for entering ``stage``. Extend to add."""
        result = {}
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
                result[partner.id] = missing
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

    def _kam_record_stage_moves(self, previous, now):
        """Write one history line per account, with the days spent in the previous stage."""
        lines = []
        for partner in self:
            stage_from, since = previous.get(partner.id) or (False, False)
            lines.append(
                {
                    "partner_id": partner.id,
                    "stage_from_id": stage_from.id if stage_from else False,
                    "stage_to_id": partner.kam_stage_id.id,
                    "date": now,
                    "days_in_previous": (now - since).total_seconds() / 86400
                    if since
                    else 0.0,
                    "territory_id": partner.kam_territory_id.id,
                    "salesperson_id": (
                        partner.kam_manager_id or partner.kam_claim_user_id
                    ).id,
                }
            )
        self.env["kam.stage.history"].sudo().create(lines)

    def _kam_funnel_stages(self):
        return self.env["kam.account.stage"].search([("is_churn", "=", False)])

    def _kam_check_lifecycle_user(self, action):
        self._workflow_check_group("key_account_management.group_kam_user", action)

    def action_kam_advance(self):
        self._kam_check_lifecycle_user(self.env._("advance"))
        stages = self._kam_funnel_stages()
        for partner in self:
            current = partner.sudo().kam_stage_id
            if current.is_churn:
                raise UserError(
                    self.env._(
                        "%(account)s has churned: use Reactivate to bring it back.",
                        account=partner.display_name,
                    )
                )
            later = stages.filtered(
                lambda s, c=current: not c or s.sequence > c.sequence
            )
            if not later:
                raise UserError(
                    self.env._(
                        "%(account)s is already in the last stage.",
                        account=partner.display_name,
                    )
                )
            partner._workflow_write({"kam_stage_id": later[0].id})
        return True

    def action_kam_back(self):
        self._kam_check_lifecycle_user(self.env._("move back"))
        stages = self._kam_funnel_stages()
        for partner in self:
            current = partner.sudo().kam_stage_id
            earlier = stages.filtered(lambda s, c=current: s.sequence < c.sequence)
            if not current or current.is_churn or not earlier:
                raise UserError(
                    self.env._(
                        "%(account)s cannot go back from its current stage.",
                        account=partner.display_name,
                    )
                )
            partner._workflow_write({"kam_stage_id": earlier[-1].id})
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
