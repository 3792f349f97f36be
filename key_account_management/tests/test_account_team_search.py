# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestAccountTeamSearch(KamCommon):
    """The account team search (filter "My Accounts", salespeople's record rule) finds an
    account by each of the five roles, and only by them (it is a union of index look-ups
    since the OR of the roles made the salesperson's list scan every partner)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = {}
        for role in (
            "kam_manager_id",
            "kam_executive_sponsor_id",
            "kam_sales_manager_id",
        ):
            cls.roles[role] = cls._create_account(
                name=f"Team {role}",
                territory=cls.territory_west,
                **{role: cls.salesperson_a.id},
            )
        cls.roles["member"] = cls._create_account(
            name="Team member", territory=cls.territory_west
        )
        cls.env["kam.account.team.member"].create(
            {
                "partner_id": cls.roles["member"].id,
                "user_id": cls.salesperson_a.id,
                "role": "technical_support",
            }
        )
        cls.roles["claim"] = cls._create_account(name="Team claim")
        cls.roles["claim"].with_user(cls.salesperson_a).action_kam_claim()
        cls.unrelated = cls._create_account(
            name="Team nobody", territory=cls.territory_west
        )

    def test_each_role_finds_the_account(self):
        Partner = self.env["res.partner"]
        found = Partner.search([("kam_team_user_ids", "in", self.salesperson_a.ids)])
        for role, account in self.roles.items():
            self.assertIn(account, found, role)
        self.assertNotIn(self.unrelated, found)
        self.assertEqual(
            Partner.search([("kam_team_user_ids", "=", self.salesperson_a.id)]), found
        )
        self.assertFalse(
            Partner.search([("kam_team_user_ids", "in", self.salesperson_b.ids)])
            & (found | self.unrelated)
        )
        self.assertFalse(Partner.search([("kam_team_user_ids", "in", [])]))

    def test_salesperson_reads_her_team_accounts_only(self):
        """Territory West is not hers: she reads these accounts by her roles alone."""
        mine = (
            self.env["res.partner"]
            .with_user(self.salesperson_a)
            .search([("is_company", "=", True), ("name", "=like", "Team %")])
        )
        self.assertEqual(mine, sum(self.roles.values(), self.env["res.partner"]))
        self.assertFalse(
            self.unrelated.with_user(self.salesperson_a)._filtered_access("read")
        )
