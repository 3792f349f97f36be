# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class ResPartner(models.Model):
    """The customer file (客户档案): what a target account needs before it is listed."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    kam_account_document_ids = fields.One2many(
        "kam.account.document",
        "partner_id",
        string="Account Documents",
        copy=False,
        groups="key_account_management.group_kam_user",
    )
    kam_account_document_count = fields.Integer(
        string="Documents",
        compute="_compute_kam_account_document_count",
        groups="key_account_management.group_kam_user",
    )
    kam_customer_file_done_ids = fields.Many2many(
        "kam.customer.file.item",
        string="Customer File: Done",
        compute="_compute_kam_customer_file",
        groups="key_account_management.group_kam_user",
    )
    kam_customer_file_missing_ids = fields.Many2many(
        "kam.customer.file.item",
        string="Customer File: Missing",
        compute="_compute_kam_customer_file",
        groups="key_account_management.group_kam_user",
    )
    kam_customer_file_complete = fields.Boolean(
        string="Customer File Complete",
        compute="_compute_kam_customer_file",
        search="_search_kam_customer_file_complete",
        help="Every field and document the customer file requires is there: the account "
        "can be claimed into a salesperson's list.",
        groups="key_account_management.group_kam_user",
    )

    def _compute_kam_account_document_count(self):
        counts = dict(
            self.env["kam.account.document"]._read_group(
                [("partner_id", "in", self._origin.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.kam_account_document_count = counts.get(partner._origin, 0)

    @api.depends("kam_account_document_ids.item_id")
    def _compute_kam_customer_file(self):
        missing = self._kam_customer_file_missing()
        items = self._kam_customer_file_items()
        for partner in self:
            required = partner._kam_customer_file_items_of(items)
            if partner._origin.id:
                lacking = missing.get(partner._origin.id, items.browse())
            else:  # a company being created: nothing collected yet
                lacking = required
            partner.kam_customer_file_missing_ids = lacking
            partner.kam_customer_file_done_ids = required - lacking
            partner.kam_customer_file_complete = not lacking

    def _search_kam_customer_file_complete(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the customer file."))
        Document = self.env["kam.account.document"].sudo()
        domains = []
        for item in self._kam_customer_file_items():
            if item.kind == "field":
                done = expression.OR(
                    [[(field.name, "!=", False)] for field in item.field_ids]
                )
            else:
                documents = Document._search([("item_id", "=", item.id)])
                done = [("id", "in", documents.subselect("partner_id"))]
            if item.company_id:
                subject = [item.company_id.id]
                if item.company_id == self.env.company:
                    subject.append(False)
                done = expression.OR([[("company_id", "not in", subject)], done])
            domains.append(done)
        complete = expression.AND(domains) if domains else [(1, "=", 1)]
        if (operator == "=") == value:
            return complete
        return ["!", *complete] if domains else [(0, "=", 1)]

    # --- the file ---------------------------------------------------------------------
    @api.model
    def _kam_customer_file_items(self):
        """The active items of every company (each account keeps those of its own)."""
        return self.env["kam.customer.file.item"].sudo().search([])

    def _kam_customer_file_items_of(self, items):
        self.ensure_one()
        return items.filtered(lambda item: item._kam_applies_to(self))

    def _kam_customer_file_missing(self):
        """{account id: the items its customer file lacks}, for all of self at once.

        The gate must not depend on who asks: the file is read as superuser, in one
        query for the fields and one grouped query for the documents.
        """
        partners = self._origin.filtered("id").sudo()
        items = self._kam_customer_file_items()
        if not partners or not items:
            return {}
        fnames = list(set(items.field_ids.mapped("name")))
        if fnames:
            partners.fetch(fnames)
        attached = set()
        document_items = items.filtered(lambda i: i.kind == "document")
        if document_items:
            for partner, item in (
                self.env["kam.account.document"]
                .sudo()
                ._read_group(
                    [
                        ("partner_id", "in", partners.ids),
                        ("item_id", "in", document_items.ids),
                    ],
                    ["partner_id", "item_id"],
                )
            ):
                attached.add((partner.id, item.id))
        result = {}
        for partner in partners:
            lacking = items.browse()
            for item in partner._kam_customer_file_items_of(items):
                if item.kind == "field":
                    done = any(partner[field.name] for field in item.field_ids)
                else:
                    done = (partner.id, item.id) in attached
                if not done:
                    lacking |= item
            if lacking:
                result[partner.id] = lacking.with_env(self.env)
        return result

    # --- gates ------------------------------------------------------------------------
    def _stage_missing_requirements(self, stage):
        result = super()._stage_missing_requirements(stage)
        if stage.require_customer_file:
            for partner_id, items in self._kam_customer_file_missing().items():
                result.setdefault(partner_id, []).append(
                    self.env._(
                        "the customer file: %(items)s",
                        items=", ".join(items.with_env(self.env).mapped("name")),
                    )
                )
        if stage.require_potential_level:
            lacking = self.sudo().filtered(lambda p: not p.kam_potential_level_id)
            if lacking:
                codes = "/".join(
                    self.env["kam.potential.level"].sudo().search([]).mapped("code")
                )
                label = self.env._("a potential sub-level (%(levels)s)", levels=codes)
                for partner in lacking:
                    result.setdefault(partner.id, []).append(label)
        return result

    def _kam_check_claimable(self):
        """The claim lists the account: refuse it while its customer file is incomplete
        and the Listed stage requires the file (seed 003)."""
        super()._kam_check_claimable()
        listed = self.env["kam.account.stage"].search(
            [("require_claim", "=", True)], limit=1
        )
        current = self.sudo().kam_stage_id
        if not listed.require_customer_file or (
            current and current.sequence >= listed.sequence
        ):
            return
        lacking = self._kam_customer_file_missing().get(self.id)
        if lacking:
            raise UserError(
                self.env._(
                    "%(account)s cannot be claimed yet: its customer file is "
                    "incomplete. Missing: %(items)s",
                    account=self.display_name,
                    items=", ".join(lacking.mapped("name")),
                )
            )

    def action_kam_open_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "key_account_management.kam_account_document_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
