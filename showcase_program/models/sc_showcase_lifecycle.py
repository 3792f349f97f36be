# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class ScShowcaseLifecycle(models.Model):
    """Lifecycle: the stage gates (on kam.stage.lifecycle.mixin) and the transitions
    (next / previous stage, start a management upgrade)."""

    _inherit = "sc.showcase"  # pylint: disable=consider-merging-classes-inherited

    # --- the stage engine (kam.stage.lifecycle.mixin) ---------------------------------
    def _stage_initial(self):
        return self._default_stage_id()

    @api.model
    def _stage_is_forward(self, from_stage, to_stage):
        # the upgrade loops back into implementation through its next stage override
        return from_stage.next_stage_id == to_stage or super()._stage_is_forward(
            from_stage, to_stage
        )

    @api.model
    def _stage_gates(self, from_stage, to_stage):
        """The gates of every stage skipped on the way count too."""
        if not from_stage or from_stage.next_stage_id == to_stage:
            return to_stage
        skipped = self.env["sc.showcase.stage"].search(
            [
                ("sequence", ">", from_stage.sequence),
                ("sequence", "<=", to_stage.sequence),
            ]
        )
        return (skipped | to_stage).sorted("sequence")

    def _stage_next(self):
        self.ensure_one()
        return self.stage_id.next_stage_id or super()._stage_next()

    def _stage_missing_requirements(self, stage):
        result = super()._stage_missing_requirements(stage)
        for showcase in self:
            missing = showcase._sc_gate_missing(stage)
            if missing:
                result.setdefault(showcase.id, []).extend(missing)
        return result

    def _sc_gate_missing(self, stage):
        """Return the labels of everything stage requires that the showcase lacks."""
        self.ensure_one()
        missing = []
        if stage.group_id and stage.group_id not in self.env.user.groups_id:
            missing.append(
                self.env._(
                    "Approval by a member of the group %(group)s",
                    group=stage.group_id.full_name,
                )
            )
        if stage.require_qualification:
            criteria = self.env["sc.qualification.criterion"].search(
                [("level", "=", self.level)]
            )
            for criterion in criteria - self.criterion_ids:
                missing.append(
                    self.env._(
                        "Qualification criterion met: %(criterion)s",
                        criterion=criterion.name,
                    )
                )
        if stage.require_value_assessment and not self.value_line_ids.filtered(
            lambda v: v.value_type == "focal"
        ):
            missing.append(self.env._("Focal value in the value assessment"))
        if stage.require_review_approved and self.review_state != "approved":
            missing.append(self.env._("Approved showcase review"))
        rule = stage.agreement_requirement
        if (
            rule == "always" or (rule != "none" and rule == self.signing_timing)
        ) and not self.agreement_ids.filtered(
            lambda a: a.state in ("signed", "active")
        ):
            missing.append(self.env._("Signed showcase agreement"))
        requirements = stage.requirement_ids.filtered(lambda r: r.level == self.level)
        category_labels = dict(
            self.env["sc.document.type"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        for requirement in requirements:
            doc_type = requirement.document_type_id
            documents = self.deliverable_ids.filtered(
                lambda d, t=doc_type: d.document_type_id == t
            )
            values = {
                "document": doc_type.name,
                "category": category_labels[doc_type.category].lower(),
            }
            if not documents:
                missing.append(
                    self.env._("%(document)s (%(category)s document) missing", **values)
                )
            elif not documents.filtered(lambda d: d.state == "approved"):
                missing.append(
                    self.env._(
                        "%(document)s (%(category)s document) not approved", **values
                    )
                )
        return missing

    def _stage_moved(self, stage):
        res = super()._stage_moved(stage)
        if stage.is_delivery:
            for showcase in self:
                self.env["sc.reward.rule"]._award("delivery", showcase, showcase)
        return res

    # --- actions -----------------------------------------------------------------------
    def action_next_stage(self):
        for showcase in self:
            stage = showcase._stage_next()
            if not stage:
                raise UserError(
                    self.env._(
                        "%(showcase)s is in the last stage; use Start Upgrade.",
                        showcase=showcase.name,
                    )
                )
            if stage.is_review_stage:
                showcase.action_submit_review()
            else:
                showcase._workflow_write({"stage_id": stage.id})
        return True

    def action_previous_stage(self):
        for showcase in self:
            stage = showcase._stage_previous()
            if not stage:
                raise UserError(
                    self.env._(
                        "%(showcase)s is already in the first stage.",
                        showcase=showcase.name,
                    )
                )
            vals = {"stage_id": stage.id}
            if showcase.review_state == "pending":
                # withdraw the review: its reviews go, the review returns to draft
                showcase._workflow_restart_validation()
                vals["review_state"] = "draft"
            showcase._workflow_write(vals)
        return True

    def action_start_upgrade(self):
        stage = self.env["sc.showcase.stage"].search(
            [("is_upgrade_stage", "=", True)], limit=1
        )
        if not stage:
            raise UserError(self.env._("No management upgrade stage is configured."))
        for showcase in self:
            if not showcase.stage_id.allow_upgrade:
                raise UserError(
                    self.env._(
                        "%(showcase)s cannot start a management upgrade from the "
                        "stage %(stage)s.",
                        showcase=showcase.name,
                        stage=showcase.stage_id.name,
                    )
                )
            showcase._workflow_write({"stage_id": stage.id})
        return True
