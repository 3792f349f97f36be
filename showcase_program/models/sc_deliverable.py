# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ScDeliverable(models.Model):
    """A result document or marketing tool of a showcase."""

    _name = "sc.deliverable"
    _description = "Showcase Deliverable"
    _inherit = [
        "kam.workflow.mixin",
        "sc.showcase.child",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_due, id"
    _workflow_fields = ("state",)
    # What was approved: changing it sends the document back for approval.
    _workflow_locked_fields = (
        "name",
        "showcase_id",
        "document_type_id",
        "content",
        "attachment_ids",
        "consent_to_publish",
    )
    _workflow_locked_states = ("approved",)

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    showcase_id = fields.Many2one(
        "sc.showcase", required=True, ondelete="cascade", index=True, tracking=True
    )
    document_type_id = fields.Many2one(
        "sc.document.type", required=True, ondelete="restrict", tracking=True
    )
    category = fields.Selection(related="document_type_id.category", store=True)
    tool_stage = fields.Selection(related="document_type_id.tool_stage")
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, tracking=True
    )
    date_due = fields.Date(string="Due Date", tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    consent_to_publish = fields.Boolean(
        string="Customer Consent to Publish",
        tracking=True,
        help="The customer agreed that this document may be published.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sc_deliverable_attachment_rel",
        "deliverable_id",
        "attachment_id",
        string="Attachments",
    )
    content = fields.Html(help="Text of the document, e.g. the testimonial itself.")
    level = fields.Selection(related="showcase_id.level", store=True)
    company_id = fields.Many2one(related="showcase_id.company_id", store=True)

    @api.depends("document_type_id", "showcase_id")
    def _compute_name(self):
        for deliverable in self:
            if not deliverable.name:
                deliverable.name = deliverable.document_type_id.name

    def action_submit(self):
        self._workflow_check_state(("draft",), self.env._("submitted"))
        for deliverable in self:
            if not deliverable.attachment_ids and not deliverable.content:
                raise UserError(
                    self.env._(
                        "%(document)s has no attachment and no content.",
                        document=deliverable.name,
                    )
                )
        self._workflow_write({"state": "submitted"})
        return True

    def action_approve(self):
        """A key account manager approves; with the customer's consent to publish
        when the document type needs it."""
        if not (
            self.env.su
            or self.env.user.has_group("key_account_management.group_kam_manager")
        ):
            raise UserError(self.env._("Only managers can approve showcase documents."))
        self._workflow_check_state(("submitted",), self.env._("approved"))
        for deliverable in self:
            if (
                deliverable.document_type_id.needs_consent
                and not deliverable.consent_to_publish
            ):
                raise UserError(
                    self.env._(
                        "%(document)s needs the customer's consent to publish before "
                        "approval.",
                        document=deliverable.name,
                    )
                )
        self._workflow_write({"state": "approved"})
        return True

    def action_reset(self):
        self._workflow_check_state(("submitted", "approved"), self.env._("reset"))
        self._workflow_write({"state": "draft"})
        return True

    def _workflow_on_locked_change(self, vals, fnames):
        """An approved document that changes goes back for approval."""
        self._workflow_write(dict(vals, state="submitted"))
        for deliverable in self:
            deliverable.message_post(
                body=self.env._(
                    "Changed after approval (%(fields)s): submitted again for "
                    "approval.",
                    fields=self._workflow_field_labels(fnames),
                )
            )
        return True
