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
        compute="_compute_kam_customer_file",
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
        # its own compute: lists and gates read only this, not the two item lists
        compute="_compute_kam_customer_file_complete",
        search="_search_kam_customer_file_complete",
        help="Every field and document the customer file requires is there: the account "
        "can be claimed into a salesperson's list.",
        groups="key_account_management.group_kam_user",
    )

    @api.depends("kam_account_document_ids.item_id")
    def _compute_kam_customer_file(self):
        state = self._kam_customer_file_state()
        spec = self._kam_customer_file_spec()
        # one prefetch set: the items' names are read once for all the accounts
        Item = self.env["kam.customer.file.item"].with_prefetch([i[0] for i in spec])
        for partner in self:
            required = Item.browse(partner._kam_customer_file_required_ids(spec))
            required = required.with_prefetch(Item._prefetch_ids)
            if partner._origin.id:
                lacking, count = state.get(partner._origin.id, (Item, 0))
            else:  # a company being created: nothing collected yet
                lacking, count = required, 0
            partner.kam_customer_file_missing_ids = lacking
            partner.kam_customer_file_done_ids = required - lacking
            partner.kam_account_document_count = count

    @api.depends("kam_account_document_ids.item_id")
    def _compute_kam_customer_file_complete(self):
        missing = self._kam_customer_file_missing()
        for partner in self:
            if partner._origin.id:
                partner.kam_customer_file_complete = partner._origin.id not in missing
            else:  # a company being created: complete only if nothing is required
                partner.kam_customer_file_complete = (
                    not partner._kam_customer_file_required_ids()
                )

    def _search_kam_customer_file_complete(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the customer file."))
        Document = self.env["kam.account.document"].sudo()
        domains = []
        for item_id, kind, company_id, fnames in self._kam_customer_file_spec():
            if kind == "field":
                done = expression.OR([[(fname, "!=", False)] for fname in fnames])
            else:
                documents = Document._search([("item_id", "=", item_id)])
                done = [("id", "in", documents.subselect("partner_id"))]
            if company_id:
                subject = [company_id]
                if company_id == self.env.company.id:
                    subject.append(False)
                done = expression.OR([[("company_id", "not in", subject)], done])
            domains.append(done)
        complete = expression.AND(domains) if domains else [(1, "=", 1)]
        if (operator == "=") == value:
            return complete
        return ["!", *complete] if domains else [(0, "=", 1)]

    # --- the file ---------------------------------------------------------------------
    def _kam_customer_file_spec(self):
        return self.env["kam.customer.file.item"]._kam_file_spec()

    def _kam_customer_file_required_ids(self, spec=None):
        """Ids of the items the customer file of this account requires (by company)."""
        self.ensure_one()
        company_id = (self.sudo().company_id or self.env.company).id
        return [
            item[0]
            for item in spec or self._kam_customer_file_spec()
            if not item[2] or item[2] == company_id
        ]

    def _kam_customer_file_state(self):
        """{account id: (the items its customer file lacks, its number of documents)}
        for all of self at once.

        The gate must not depend on who asks: the file is read as superuser, in one
        query for the fields and one grouped query for the documents.
        """
        partners = self._origin.filtered("id").sudo()
        if not partners:
            return {}
        spec = self._kam_customer_file_spec()
        fnames = list({fname for item in spec for fname in item[3]})
        if fnames:
            partners.fetch(fnames)
        attached, counts = set(), {}
        for partner, item, count in (
            self.env["kam.account.document"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids)],
                ["partner_id", "item_id"],
                ["__count"],
            )
        ):
            attached.add((partner.id, item.id))
            counts[partner.id] = counts.get(partner.id, 0) + count
        by_id = {item[0]: item for item in spec}
        # one prefetch set: the items' names are read once for all the accounts
        Item = self.env["kam.customer.file.item"].with_prefetch(list(by_id))
        result = {}
        for partner in partners:
            lacking = []
            for item_id in partner._kam_customer_file_required_ids(spec):
                _id, kind, _company, item_fnames = by_id[item_id]
                if kind == "field":
                    done = any(partner[fname] for fname in item_fnames)
                else:
                    done = (partner.id, item_id) in attached
                if not done:
                    lacking.append(item_id)
            result[partner.id] = (
                Item.browse(lacking).with_prefetch(Item._prefetch_ids),
                counts.get(partner.id, 0),
            )
        return result

    def _kam_customer_file_missing(self):
        """{account id: the items its customer file lacks} (only accounts lacking)."""
        return {
            partner_id: lacking
            for partner_id, (lacking, _count) in self._kam_customer_file_state().items()
            if lacking
        }

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
        and the Listed stage requires the file."""
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
