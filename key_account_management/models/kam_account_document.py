# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class KamAccountDocument(models.Model):
    """A document of an account's customer file: its business licence, the report of
    the first visit... (a target customer is one actually visited)."""

    _name = "kam.account.document"
    _description = "Account Document"
    _order = "date desc, id desc"
    _rec_name = "item_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    item_id = fields.Many2one(
        "kam.customer.file.item",
        string="Document Type",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("kind", "=", "document")],
    )
    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char()
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="Date of the document (e.g. of the visit it reports).",
    )
    note = fields.Text()
    company_id = fields.Many2one(
        related="partner_id.company_id", store=True, index="btree_not_null"
    )

    @api.constrains("item_id")
    def _check_item_kind(self):
        for document in self:
            if document.item_id.kind != "document":
                raise ValidationError(
                    self.env._(
                        "%(item)s is no document type of the customer file.",
                        item=document.item_id.name,
                    )
                )

    def write(self, vals):
        # Record rules check a write before it: moving a document to an account outside
        # the team would pass them, so the account is fixed once chosen.
        if "partner_id" in vals and any(
            document.partner_id.id != vals["partner_id"] for document in self
        ):
            raise UserError(self.env._("A document stays with its account."))
        return super().write(vals)
