# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# Field types whose emptiness means "not known yet"; a boolean or a list of records
# (x2many) says nothing about whether the salesperson has collected the information.
FILE_FIELD_TYPES = [
    "char",
    "text",
    "html",
    "selection",
    "many2one",
    "date",
    "datetime",
    "integer",
    "float",
    "monetary",
]


class KamCustomerFileItem(models.Model):
    """What the customer file (客户档案) of an account must hold.

    A target account becomes a listed account only once its file exists: these items
    say what that means for the company, as data, so that it can tighten or loosen the
    file without code. An item is either a field of the company that must be filled or
    a document of this type that must be attached.
    """

    _name = "kam.customer.file.item"
    _description = "Customer File Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("field", "Company Field"), ("document", "Document")],
        required=True,
        default="field",
        help="Company Field: done when one of the fields has a value. Document: done "
        "when a document of this type is attached to the account.",
    )
    field_ids = fields.Many2many(
        "ir.model.fields",
        "kam_customer_file_item_field_rel",
        "item_id",
        "field_id",
        string="Fields",
        domain=[
            ("model", "=", "res.partner"),
            ("store", "=", True),
            ("ttype", "in", FILE_FIELD_TYPES),
        ],
        help="The item is done when any of these fields of the company has a value "
        "(e.g. street or city for the address).",
    )
    description = fields.Text(
        translate=True, help="What the salesperson has to collect, and how."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to require the item in every company.",
    )

    @api.constrains("kind", "field_ids")
    def _check_field_ids(self):
        for item in self:
            if item.kind == "document" and item.field_ids:
                raise ValidationError(
                    self.env._(
                        "%(item)s is a document: it names no field of the company.",
                        item=item.name,
                    )
                )
            if item.kind == "field" and not item.field_ids:
                raise ValidationError(
                    self.env._(
                        "%(item)s: choose at least one field of the company.",
                        item=item.name,
                    )
                )
            wrong = item.field_ids.filtered(
                lambda f: f.model != "res.partner"
                or not f.store
                or f.ttype not in FILE_FIELD_TYPES
            )
            if wrong:
                raise ValidationError(
                    self.env._(
                        "%(item)s: %(fields)s cannot be part of the customer file (only "
                        "stored fields of the company holding a single value).",
                        item=item.name,
                        fields=", ".join(wrong.mapped("field_description")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # _kam_file_spec
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()  # _kam_file_spec
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()  # _kam_file_spec
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _kam_file_spec(self):
        """(id, kind, company id, field names) of the active items of every company.

        Cached: every list and form of accounts reads the customer file.
        """
        items = self.sudo().with_context(active_test=True).search([])
        return tuple(
            (
                item.id,
                item.kind,
                item.company_id.id,
                tuple(item.field_ids.mapped("name")),
            )
            for item in items
        )
