# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestCareSecurity(RelationshipCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile_a = cls.env["rc.care.profile"].create(
            {"partner_id": cls.person_a.id, "hobbies": "Golf"}
        )
        cls.profile_b = cls.env["rc.care.profile"].create(
            {"partner_id": cls.person_b.id, "hobbies": "Tea"}
        )
        Interaction = cls.env["rc.interaction"]
        cls.visit_a = Interaction.create(
            {"name": "Visit A", "account_id": cls.acc_a.id, "user_id": cls.user_a.id}
        )
        cls.visit_b = Interaction.create(
            {"name": "Visit B", "account_id": cls.acc_b.id, "user_id": cls.user_b.id}
        )
        Gift = cls.env["rc.gift"]
        cls.gift_a = Gift.create(
            {"name": "G A", "partner_id": cls.person_a.id, "amount": 10}
        )
        cls.gift_b = Gift.create(
            {"name": "G B", "partner_id": cls.person_b.id, "amount": 10}
        )
        policy = cls._policy(name="Security birthdays", lead_days=366)
        with freeze_time("2027-01-01"):
            cls.env["rc.care.policy"]._cron_run_care(policies=policy)
        cls.occasions = cls.env["rc.care.occasion"].search(
            [("policy_id", "=", policy.id)]
        )

    def test_salesperson_sees_own_team_only(self):
        self.assertEqual(len(self.occasions), 2)
        for model, mine, theirs in (
            ("rc.care.profile", self.profile_a, self.profile_b),
            ("rc.interaction", self.visit_a, self.visit_b),
            ("rc.gift", self.gift_a, self.gift_b),
        ):
            records = self.env[model].with_user(self.user_a).search([])
            self.assertIn(mine, records, model)
            self.assertNotIn(theirs, records, model)
            with self.assertRaises(AccessError):
                theirs.with_user(self.user_a).read(["display_name"])
            manager_records = self.env[model].with_user(self.manager).search([])
            self.assertIn(mine, manager_records)
            self.assertIn(theirs, manager_records)
        occasions = (
            self.env["rc.care.occasion"]
            .with_user(self.user_a)
            .search([("id", "in", self.occasions.ids)])
        )
        self.assertEqual(occasions.partner_id, self.person_a)
        self.assertEqual(
            len(
                self.env["rc.care.occasion"]
                .with_user(self.manager)
                .search([("id", "in", self.occasions.ids)])
            ),
            2,
        )

    def test_private_profile_through_partner(self):
        # The profile lines of another team's person are invisible on the partner too.
        # (each read as in its own request: no cache shared between users)
        self.env.invalidate_all()
        self.assertFalse(self.person_b.with_user(self.user_a).rc_care_profile_ids)
        self.env.invalidate_all()
        profiles = self.person_a.with_user(self.user_a).rc_care_profile_ids
        self.assertEqual(profiles, self.profile_a)
        self.env.invalidate_all()
        profiles = self.person_b.with_user(self.user_b).rc_care_profile_ids
        self.assertEqual(profiles, self.profile_b)
        self.env.invalidate_all()
        values = self.person_b.with_user(self.user_a).read(["rc_care_profile_ids"])
        self.assertEqual(values[0]["rc_care_profile_ids"], [])
        # Nor can a salesperson create one for them, or write another team's.
        with self.assertRaises(AccessError):
            newcomer = self.env["res.partner"].create(
                {"name": "Newcomer B", "parent_id": self.acc_b.id}
            )
            self.env["rc.care.profile"].with_user(self.user_a).create(
                {"partner_id": newcomer.id, "hobbies": "Spy"}
            )
        with self.assertRaises(AccessError):
            self.profile_b.with_user(self.user_a).write({"hobbies": "Changed"})
        self.assertEqual(self.profile_b.hobbies, "Tea")
        # One source of truth with the decision chain's private data.
        self.assertEqual(self.person_b.kam_interests, "Tea")
        self.profile_a.with_user(self.user_a).gift_preferences = "Books"
        self.assertEqual(
            self.person_a.with_user(self.user_a).kam_gift_preferences, "Books"
        )

    def test_non_kam_user_has_no_access(self):
        employee = new_test_user(
            self.env, login="rc_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["rc.care.profile"].with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.env["rc.gift"].with_user(employee).search([])

    def test_policies_readonly_for_salespeople(self):
        policy = self.env["rc.care.policy"].with_user(self.user_a).search([], limit=1)
        self.assertTrue(policy)
        with self.assertRaises(AccessError):
            policy.write({"lead_days": 3})
        with self.assertRaises(AccessError):
            self.env["rc.care.policy"].with_user(self.user_a).create(
                {"name": "Mine", "account_domain": "[]"}
            )

    def test_multi_company_rule(self):
        other = self.env["res.company"].create({"name": "RC Other Company"})
        policy = self.env["rc.care.policy"].create(
            {"name": "Other company policy", "company_id": other.id}
        )
        self.manager.company_ids = [Command.link(other.id)]
        visible = self.env["rc.care.policy"].with_user(self.user_a).search([])
        self.assertNotIn(policy, visible)
        visible = (
            self.env["rc.care.policy"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.env.company.id, other.id])
            .search([])
        )
        self.assertIn(policy, visible)

    def test_salesperson_logs_interaction_in_form(self):
        form = Form(self.env["rc.interaction"].with_user(self.user_a))
        form.name = "Coffee with the CIO"
        form.interaction_type = "meal"
        form.account_id = self.acc_a
        form.contact_ids.add(self.person_a)
        form.cost = 120
        interaction = form.save()
        self.assertEqual(interaction.user_id, self.user_a)
        self.assertEqual(interaction.seniority, "account_manager")

    def test_views_load_for_salesperson(self):
        for xmlid in (
            "relationship_care.rc_care_occasion_action",
            "relationship_care.rc_interaction_action",
            "relationship_care.rc_gift_action",
            "relationship_care.rc_care_profile_action",
            "relationship_care.rc_care_compliance_action",
            "relationship_care.rc_care_policy_action",
            "relationship_care.helpdesk_ticket_action_vip",
        ):
            action = self.env.ref(xmlid)
            views = [[False, mode] for mode in action.view_mode.split(",")] + [
                [False, "search"]
            ]
            for user in (self.user_a, self.manager):
                result = self.env[action.res_model].with_user(user).get_views(views)
                self.assertTrue(result["views"], xmlid)
        partner_views = (
            self.env["res.partner"].with_user(self.user_a).get_views([[False, "form"]])
        )
        self.assertIn(
            "rc_care_profile_ids", str(partner_views["views"]["form"]["arch"])
        )
