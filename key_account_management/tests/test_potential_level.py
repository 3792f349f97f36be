# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestPotentialLevel(KamCommon):
    @classmethod
    def default_env_context(cls):
        # Tracking on: the sub-level is tracked in the chatter.
        return {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.level_a = ref("key_account_management.kam_potential_level_a")
        cls.level_c = ref("key_account_management.kam_potential_level_c")
        # A listed account of salesperson A with a contact person, but no sub-level.
        cls.account = cls._create_account(kam_potential_level_id=False)
        cls.account.with_user(cls.salesperson_a).action_kam_claim()
        cls.env["res.partner"].create(
            {"name": "Mr Qian 钱先生", "parent_id": cls.account.id}
        )
        # A salesperson of the Sales app who is no key account user.
        cls.salesman = mail_new_test_user(
            cls.env,
            login="kam_plain_salesman",
            name="Plain Salesman",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman_all_leads",
        )

    def test_gate_requires_sub_level(self):
        account = self.account.with_user(self.salesperson_a)
        with self.assertRefused(UserError, r"a potential sub-level \(A/B/C\)"):
            account.action_kam_advance()
        self.assertEqual(self.account.kam_stage_id, self.stage_listed)
        account.kam_potential_level_id = self.level_c
        account.action_kam_advance()
        self.assertEqual(self.account.kam_stage_id, self.stage_potential)

    def test_gate_off(self):
        self.stage_potential.require_potential_level = False
        self.account.with_user(self.salesperson_a).action_kam_advance()
        self.assertEqual(self.account.kam_stage_id, self.stage_potential)

    def test_gate_lists_active_levels(self):
        self.level_c.active = False
        with self.assertRefused(UserError, r"a potential sub-level \(A/B\)"):
            self.account.with_user(self.salesperson_a).action_kam_advance()

    def test_only_key_account_users_set_it(self):
        with self.assertRefused(UserError, "Only key account users and managers"):
            self.account.with_user(self.salesman).write(
                {"kam_potential_level_id": self.level_a.id}
            )
        with self.assertRefused(UserError, "Only key account users and managers"):
            self.env["res.partner"].with_user(self.salesman).create(
                {
                    "name": "Forged",
                    "is_company": True,
                    "kam_potential_level_id": self.level_a.id,
                }
            )
        with self.assertRefused(UserError, "Only key account users and managers"):
            self.env["res.partner"].with_user(self.salesman).with_context(
                default_kam_potential_level_id=self.level_a.id
            ).create({"name": "Forged by context", "is_company": True})
        # Other fields of the account stay editable to him.
        self.account.with_user(self.salesman).write({"phone": "+86 10 1234"})
        self.assertFalse(self.account.kam_potential_level_id)

    def test_set_by_own_team_and_manager_tracked(self):
        for user, level in (
            (self.salesperson_a, self.level_c),
            (self.kam_manager, self.level_a),
        ):
            self.account.with_user(user).kam_potential_level_id = level
            self.env.flush_all()
            self.env.cr.precommit.run()  # the tracking messages are written at commit
        tracked = self.account.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "kam_potential_level_id"
        )
        self.assertEqual(len(tracked), 2)
        self.assertEqual(self.account.kam_potential_level_id, self.level_a)

    def test_other_team_refused(self):
        with self.assertRefused(AccessError, ""):
            self.account.with_user(self.salesperson_b).write(
                {"kam_potential_level_id": self.level_a.id}
            )

    def test_levels_configured_by_managers(self):
        Level = self.env["kam.potential.level"]
        self.assertEqual(
            Level.with_user(self.salesperson_a).search([]).mapped("code"),
            ["A", "B", "C"],
        )
        with self.assertRefused(AccessError, ""):
            Level.with_user(self.salesperson_a).create({"name": "D", "code": "D"})
        level = Level.with_user(self.kam_manager).create(
            {"name": "D - Dormant", "code": "D", "sequence": 40}
        )
        level.with_user(self.kam_manager).write({"criteria": "Asleep"})

    def test_views_load_for_a_salesperson(self):
        """The account views with the sub-level and the customer file open for a
        salesperson (no field of a group he lacks)."""
        Partner = self.env["res.partner"].with_user(self.salesperson_a)
        ref = self.env.ref
        views = Partner.get_views(
            [
                (ref("key_account_management.res_partner_view_list_kam").id, "list"),
                (
                    ref("key_account_management.res_partner_view_kanban_kam").id,
                    "kanban",
                ),
                (ref("key_account_management.res_partner_view_form_kam").id, "form"),
                (
                    ref("key_account_management.res_partner_view_search_kam").id,
                    "search",
                ),
            ]
        )
        self.assertIn("kam_potential_level_id", views["views"]["kanban"]["arch"])
        self.assertIn("customer_file_incomplete", views["views"]["search"]["arch"])
        self.assertIn("kam_account_document_ids", views["views"]["form"]["arch"])
        groups = Partner.read_group(
            [("id", "=", self.account.id)],
            ["kam_potential_level_id"],
            ["kam_potential_level_id"],
        )
        self.assertEqual(groups[0]["kam_potential_level_id_count"], 1)
