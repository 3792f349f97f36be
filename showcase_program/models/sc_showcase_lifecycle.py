# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class ScShowcaseLifecycle(models.Model):
    """Lifecycle: the stage gates and the transitions (next / previous stage, start
    a management upgrade)."""

    _inherit = "sc.showcase"  # pylint: disable=consider-merging-classes-inherited

    # --- gates -----------------------------------------------------------------------
    def _is_forward_move(self, new_stage):
        """Forward by sequence, or the stage's explicit next stage (the upgrade loop)."""
        self.ensure_one()
        old = self.stage_id
        return (
            new_stage.sequence > old.sequence
            or old.next_stage_id == new_stage
            or (new_stage.sequence == old.sequence and new_stage.id > old.id)
        )

    def _get_stage_gate_missing(self, stage):
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

    def _check_stage_gate(self, stage, from_stage=None):
        """Raise when ``stage`` (and any stage skipped on the way from
        ``from_stage``) requires something the showcase lacks."""
        self.ensure_one()
        stages = stage
        if from_stage and from_stage.next_stage_id != stage:
            stages = (
                self.env["sc.showcase.stage"].search(
                    [
                        ("sequence", ">", from_stage.sequence),
                        ("sequence", "<=", stage.sequence),
                    ]
                )
                | stage
            )
        missing = []
        for gate in stages.sorted("sequence"):
            for item in self._get_stage_gate_missing(gate):
                if item not in missing:
                    missing.append(item)
        if missing:
            raise UserError(
                self.env._(
                    "%(showcase)s cannot enter the stage %(stage)s. Missing:\n- "
                    "%(missing)s",
                    showcase=self.name,
                    stage=stage.name,
                    missing="\n- ".join(missing),
                )
            )

    def _get_next_stage(self):
        self.ensure_one()
        if self.stage_id.next_stage_id:
            return self.stage_id.next_stage_id
        return self.env["sc.showcase.stage"].search(
            [("sequence", ">", self.stage_id.sequence)], limit=1
        )

    def _get_previous_stage(self):
        self.ensure_one()
        return self.env["sc.showcase.stage"].search(
            [("sequence", "<", self.stage_id.sequence)], order="sequence desc", limit=1
        )

    # --- actions -----------------------------------------------------------------------
    def action_next_stage(self):
        for showcase in self:
            stage = showcase._get_next_stage()
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
            stage = showcase._get_previous_stage()
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
            if (
                showcase.stage_id.sequence
                < self.env.ref("showcase_program.sc_showcase_stage_delivery").sequence
            ):
                raise UserError(
                    self.env._(
                        "%(showcase)s can start a management upgrade only once "
                        "delivered.",
                        showcase=showcase.name,
                    )
                )
            showcase._workflow_write({"stage_id": stage.id})
        return True
