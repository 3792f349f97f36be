# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import importlib.util

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamCommon

ALL_MISSING = "Address, Industry, Phone or Email, Business Licence, First Visit Report"


@tagged("post_install", "-at_install")
class TestCustomerFile(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.item_address = ref("key_account_management.kam_customer_file_item_address")
        cls.item_industry = ref(
            "key_account_management.kam_customer_file_item_industry"
        )
        cls.item_licence = ref(
            "key_account_management.kam_customer_file_item_business_licence"
        )
        cls.item_visit = ref(
            "key_account_management.kam_customer_file_item_visit_report"
        )
        # A target of the East pool whose file nobody has started.
        cls.bare = cls._create_account(name="Bare 空白客户", complete_file=False)
        cls.full = cls._create_account(name="Full 完整客户")

    def _document_vals(self, account, item, **vals):
        return dict(
            {
                "partner_id": account.id,
                "item_id": item.id,
                "file": base64.b64encode(b"scan"),
                "file_name": "scan.txt",
            },
            **vals,
        )

    # --- the checklist ----------------------------------------------------------------
    def test_checklist(self):
        self.assertFalse(self.bare.kam_customer_file_complete)
        self.assertEqual(
            self.bare.kam_customer_file_missing_ids.mapped("name"),
            ALL_MISSING.split(", "),
        )
        self.assertFalse(self.bare.kam_customer_file_done_ids)
        self.assertTrue(self.full.kam_customer_file_complete)
        self.assertFalse(self.full.kam_customer_file_missing_ids)
        self.assertEqual(len(self.full.kam_customer_file_done_ids), 5)
        self.assertEqual(self.full.kam_account_document_count, 2)
        # Either field of an item does: the city is an address.
        self.bare.write({"city": "Suzhou"})
        self.env["kam.account.document"].create(
            self._document_vals(self.bare, self.item_licence)
        )
        self.bare.invalidate_recordset()
        self.assertEqual(
            self.bare.kam_customer_file_missing_ids.mapped("name"),
            ["Industry", "Phone or Email", "First Visit Report"],
        )
        self.assertEqual(
            self.bare.kam_customer_file_done_ids, self.item_address | self.item_licence
        )

    def test_search_incomplete(self):
        Partner = self.env["res.partner"]
        scope = [("id", "in", (self.bare | self.full).ids)]
        self.assertEqual(
            Partner.search(scope + [("kam_customer_file_complete", "=", False)]),
            self.bare,
        )
        self.assertEqual(
            Partner.search(scope + [("kam_customer_file_complete", "=", True)]),
            self.full,
        )
        self.assertEqual(
            Partner.search(scope + [("kam_customer_file_complete", "!=", True)]),
            self.bare,
        )
        # An archived item is no longer part of the file; an item of another company
        # does not apply to this company's accounts.
        (self.item_industry | self.item_licence).active = False
        other = self.env["res.company"].create({"name": "Other Co 其他公司"})
        self.item_address.company_id = other
        self.env["kam.customer.file.item"].create(
            {"name": "Other's Document", "kind": "document", "company_id": other.id}
        )
        self.bare.write({"phone": "+86 512 0000"})
        self.env["kam.account.document"].create(
            self._document_vals(self.bare, self.item_visit)
        )
        self.assertEqual(
            Partner.search(scope + [("kam_customer_file_complete", "=", True)]),
            self.bare | self.full,
        )
        self.assertTrue(self.bare.kam_customer_file_complete)

    def test_compute_is_set_based(self):
        """The checklist of many accounts costs what it costs for one (list views)."""
        accounts = self.env["res.partner"].create(
            [
                {"name": f"Batch {i}", "is_company": True, "city": "Wuxi"}
                for i in range(20)
            ]
        )
        self.env["kam.account.document"].create(
            [self._document_vals(account, self.item_licence) for account in accounts]
        )

        def queries(records):
            self.env.invalidate_all()
            records = records.with_user(self.kam_manager)
            before = self.env.cr.sql_log_count
            records.mapped("kam_customer_file_complete")
            records.mapped("kam_customer_file_missing_ids.name")
            return self.env.cr.sql_log_count - before

        queries(accounts[:1])  # warm the registry caches (groups, rules, items)
        queries(accounts)
        one, many = queries(accounts[:1]), queries(accounts)
        self.assertEqual(one, many)
        self.assertLessEqual(many, 6)
        self.assertEqual(
            accounts[7].kam_customer_file_missing_ids.mapped("name"),
            ["Industry", "Phone or Email", "First Visit Report"],
        )

        def gate_queries(records):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            missing = records._stage_missing_requirements(self.stage_listed)
            return self.env.cr.sql_log_count - before, missing

        gate_queries(accounts)
        (one, _missing), (many, missing) = (
            gate_queries(accounts[:1]),
            gate_queries(accounts),
        )
        self.assertEqual(one, many)
        self.assertIn(
            "the customer file: Industry, Phone or Email, First Visit Report",
            missing[accounts[19].id],
        )

    # --- the gate ---------------------------------------------------------------------
    def test_gate_names_missing_items(self):
        with self.assertRefused(UserError, f"the customer file: {ALL_MISSING}"):
            self.bare.with_user(self.kam_manager).action_kam_advance()
        self.bare.write(
            {
                "street": "1 Road",
                "industry_id": self.env.ref("base.res_partner_industry_C").id,
            }
        )
        with self.assertRefused(
            UserError, "the customer file: Phone or Email, Business Licence, First"
        ):
            self.bare._workflow_write({"kam_stage_id": self.stage_listed.id})
        self.assertEqual(self.bare.kam_stage_id, self.stage_target)

    def test_gate_many_accounts_at_once(self):
        lacking = self._create_account(name="Lacking Co", complete_file=False)
        (self.full | lacking).write({"kam_claim_user_id": self.salesperson_a.id})
        with self.assertRefused(UserError, "Lacking Co cannot enter the stage Listed"):
            (self.full | lacking)._workflow_write(
                {"kam_stage_id": self.stage_listed.id}
            )
        self.full._workflow_write({"kam_stage_id": self.stage_listed.id})
        self.assertEqual(self.full.kam_stage_id, self.stage_listed)

    def test_gate_off(self):
        self.stage_listed.require_customer_file = False
        self.bare.with_user(self.salesperson_a).action_kam_claim()
        self.assertEqual(self.bare.kam_stage_id, self.stage_listed)

    # --- the claim --------------------------------------------------------------------
    def test_claim_refused_until_file_complete(self):
        account = self.bare.with_user(self.salesperson_a)
        with self.assertRefused(
            UserError,
            f"cannot be claimed yet: its customer file is incomplete. Missing: "
            f"{ALL_MISSING}",
        ):
            account.action_kam_claim()
        self.assertFalse(self.bare.kam_claim_user_id)
        self.assertFalse(
            self.env["kam.claim"].search([("partner_id", "=", self.bare.id)])
        )
        self.assertEqual(self.bare.kam_stage_id, self.stage_target)
        # The salesperson completes the file of the pool account, then claims it.
        account.sudo().write(
            {
                "street": "8 Renmin Road",
                "industry_id": self.env.ref("base.res_partner_industry_G").id,
                "email": "info@bare.example.com",
            }
        )
        Document = self.env["kam.account.document"].with_user(self.salesperson_a)
        Document.create(self._document_vals(self.bare, self.item_licence))
        Document.create(self._document_vals(self.bare, self.item_visit))
        account.action_kam_claim()
        self.assertEqual(self.bare.kam_claim_user_id, self.salesperson_a)
        self.assertEqual(self.bare.kam_stage_id, self.stage_listed)

    def test_claim_message_in_user_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["key_account_management"], ["zh_CN"], overwrite=True
        )
        self.salesperson_a.lang = "zh_CN"
        with self.assertRefused(UserError, "营业执照"):
            # as the web client calls it: in the user's language
            self.bare.with_user(self.salesperson_a).with_context(
                lang="zh_CN"
            ).action_kam_claim()

    # --- configuration ----------------------------------------------------------------
    def test_item_constraints(self):
        Item = self.env["kam.customer.file.item"]
        field = self.env["ir.model.fields"]._get
        with self.assertRefused(ValidationError, "choose at least one field"):
            Item.create({"name": "Nothing", "kind": "field"})
        with self.assertRefused(ValidationError, "names no field"):
            Item.create(
                {
                    "name": "Doc",
                    "kind": "document",
                    "field_ids": [Command.set(field("res.partner", "city").ids)],
                }
            )
        with self.assertRefused(ValidationError, "cannot be part of the customer file"):
            Item.create(
                {
                    "name": "Contacts",
                    "kind": "field",
                    "field_ids": [Command.set(field("res.partner", "child_ids").ids)],
                }
            )
        with self.assertRefused(ValidationError, "no document type"):
            self.env["kam.account.document"].create(
                self._document_vals(self.bare, self.item_address)
            )
        with self.assertRefused(AccessError, ""):
            Item.with_user(self.salesperson_a).create(
                {"name": "Mine", "kind": "document"}
            )

    def test_migration_sets_gates(self):
        (self.stage_listed | self.stage_potential).write(
            {"require_customer_file": False, "require_potential_level": False}
        )
        path = (
            f"{get_module_path('key_account_management')}/migrations/18.0.1.2.0/"
            "post-customer-file-gate.py"
        )
        spec = importlib.util.spec_from_file_location("kam_post_file_gate", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertTrue(self.stage_listed.require_customer_file)
        self.assertTrue(self.stage_potential.require_potential_level)
        self.assertFalse(self.stage_potential.require_customer_file)
        script.migrate(self.env.cr, "18.0.1.1.0")  # twice: the same
        self.assertTrue(self.stage_listed.require_customer_file)


@tagged("post_install", "-at_install")
class TestAccountDocumentSecurity(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item = cls.env.ref(
            "key_account_management.kam_customer_file_item_business_licence"
        )
        # Salesperson A's listed account; a pool account of East; a pool account of West.
        cls.own = cls._create_account(name="Own Co")
        cls.own.with_user(cls.salesperson_a).action_kam_claim()
        cls.pool_east = cls._create_account(name="Pool East", complete_file=False)
        cls.pool_west = cls._create_account(
            name="Pool West", territory=cls.territory_west, complete_file=False
        )
        cls.own_doc = cls.own.kam_account_document_ids[:1]
        cls.portal = mail_new_test_user(
            cls.env, login="kam_portal", name="Portal", groups="base.group_portal"
        )

    def _vals(self, account):
        return {
            "partner_id": account.id,
            "item_id": self.item.id,
            "file": base64.b64encode(b"licence"),
            "file_name": "licence.txt",
        }

    def test_own_team(self):
        Document = self.env["kam.account.document"].with_user(self.salesperson_a)
        self.assertEqual(
            Document.search([("partner_id", "=", self.own.id)]),
            self.own.kam_account_document_ids,
        )
        doc = Document.create(self._vals(self.own))
        doc.write({"note": "Checked the original"})
        self.assertEqual(doc.create_uid, self.salesperson_a)
        doc.unlink()

    def test_territory_pool(self):
        """The territory's salespeople complete the file before claiming; others not."""
        Document = self.env["kam.account.document"]
        doc = Document.with_user(self.salesperson_b).create(self._vals(self.pool_east))
        self.assertTrue(doc.with_user(self.salesperson_a).file)
        with self.assertRefused(AccessError, ""):
            Document.with_user(self.salesperson_a).create(self._vals(self.pool_west))

    def test_other_team_refused(self):
        Document = self.env["kam.account.document"].with_user(self.salesperson_b)
        self.assertFalse(Document.search([("partner_id", "=", self.own.id)]))
        with self.assertRefused(AccessError, ""):
            self.own_doc.with_user(self.salesperson_b).read(["file"])
        with self.assertRefused(AccessError, ""):
            Document.create(self._vals(self.own))
        with self.assertRefused(AccessError, ""):
            self.own_doc.with_user(self.salesperson_b).unlink()

    def test_document_stays_with_account(self):
        with self.assertRefused(UserError, "stays with its account"):
            self.own_doc.with_user(self.salesperson_a).write(
                {"partner_id": self.pool_east.id}
            )

    def test_manager_sees_all(self):
        Document = self.env["kam.account.document"].with_user(self.kam_manager)
        Document.create(self._vals(self.pool_west))
        self.own_doc.with_user(self.kam_manager).write({"note": "Seen"})
        self.assertEqual(
            len(
                Document.search([("partner_id", "in", (self.own | self.pool_west).ids)])
            ),
            len(self.own.kam_account_document_ids) + 1,
        )

    def test_employee_and_portal_refused(self):
        for user in (self.employee, self.portal):
            with self.assertRefused(AccessError, ""):
                self.own_doc.with_user(user).read(["file"])
            with self.assertRefused(AccessError, ""):
                self.env["kam.account.document"].with_user(user).create(
                    self._vals(self.own)
                )
            with self.assertRefused(AccessError, ""):
                self.env["kam.customer.file.item"].with_user(user).search([])
