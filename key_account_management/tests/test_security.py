# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestAccountSecurity(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_a = cls._create_account(
            name="Team A Account", kam_manager_id=cls.salesperson_a.id
        )
        cls.account_b = cls._create_account(
            name="Team B Account",
            territory=cls.territory_west,
            kam_manager_id=cls.salesperson_b.id,
        )
        cls.contact_b = cls.env["res.partner"].create(
            {"name": "Contact of B", "parent_id": cls.account_b.id}
        )
        cls.pool_east = cls._create_account(name="East Pool")
        cls.pool_west = cls._create_account(
            name="West Pool", territory=cls.territory_west
        )
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Not a key account", "is_company": True}
        )

    def _visible(self, user):
        Partner = self.env["res.partner"].with_user(user)
        ids = (
            self.account_a
            | self.account_b
            | self.contact_b
            | self.pool_east
            | self.pool_west
            | self.outsider
        ).ids
        return Partner.search([("id", "in", ids)])

    def test_salesperson_sees_own_team_and_pool(self):
        visible = self._visible(self.salesperson_a)
        self.assertEqual(visible, self.account_a | self.pool_east | self.outsider)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_salesperson_cannot_read_or_write_other_team(self):
        other = self.account_b.with_user(self.salesperson_a)
        with self.assertRaises(AccessError):
            other.read(["name"])
        with self.assertRaises(AccessError):
            other.write({"kam_relationship_trend": "good"})
        with self.assertRaises(AccessError):
            self.contact_b.with_user(self.salesperson_a).read(["name"])
        self.assertFalse(self.account_b.kam_relationship_trend)

    def test_plain_employee_reads_partners(self):
        """CRM users outside the KAM groups read partners as before (read() over the API)."""
        employee = self.env["res.users"].create(
            {
                "name": "Plain Employee",
                "login": "plain_emp",
                "groups_id": [
                    (6, 0, [self.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        values = self.account_b.with_user(employee).read()[0]
        self.assertEqual(values["name"], "Team B Account")
        self.assertNotIn("kam_score_line_ids", values)
        self.assertNotIn("kam_team_user_ids", values)
        self.assertIn(
            "kam_score_line_ids", self.account_a.with_user(self.salesperson_a).read()[0]
        )

    def test_salesperson_writes_own_account(self):
        self.account_a.with_user(self.salesperson_a).write(
            {"kam_relationship_trend": "good"}
        )
        self.assertEqual(self.account_a.kam_relationship_trend, "good")

    def test_team_member_line_grants_access(self):
        self.assertNotIn(self.account_b, self._visible(self.salesperson_a))
        self.env["kam.account.team.member"].create(
            {
                "partner_id": self.account_b.id,
                "user_id": self.salesperson_a.id,
                "role": "technical_support",
            }
        )
        self.assertIn(self.account_b, self._visible(self.salesperson_a))

    def test_claimed_account_leaves_the_pool(self):
        self.pool_east.with_user(self.salesperson_b).action_kam_claim()
        self.assertNotIn(self.pool_east, self._visible(self.salesperson_a))
        self.assertIn(self.pool_east, self._visible(self.salesperson_b))

    def test_manager_sees_and_writes_all(self):
        visible = self._visible(self.kam_manager)
        self.assertEqual(len(visible), 6)
        self.account_b.with_user(self.kam_manager).write(
            {"kam_relationship_trend": "limited"}
        )
        self.assertEqual(self.account_b.kam_relationship_trend, "limited")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_configuration_is_manager_only(self):
        with self.assertRaises(AccessError):
            self.stage_target.with_user(self.salesperson_a).write({"name": "Hacked"})
        with self.assertRaises(AccessError):
            self.env["kam.territory"].with_user(self.salesperson_a).create(
                {"name": "Mine"}
            )
        self.env["kam.territory"].with_user(self.kam_manager).create(
            {"name": "Managed"}
        )

    def test_stage_history_follows_team(self):
        History = self.env["kam.stage.history"]
        mine = History.with_user(self.salesperson_a).search([])
        self.assertIn(self.account_a, mine.partner_id)
        self.assertNotIn(self.account_b, mine.partner_id)
        allh = History.with_user(self.kam_manager).search([])
        self.assertTrue({self.account_a, self.account_b} <= set(allh.partner_id))

    def test_multi_company_territories(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["kam.territory"].create(
            {"name": "Foreign", "company_id": other_company.id}
        )
        Territory = self.env["kam.territory"].with_user(self.kam_manager)
        self.assertNotIn(foreign, Territory.search([]))
        self.kam_manager.company_ids |= other_company
        self.assertIn(
            foreign,
            Territory.with_context(
                allowed_company_ids=[self.env.company.id, other_company.id]
            ).search([]),
        )


@tagged("post_install", "-at_install")
class TestExternalApiValidation(KamCommon):
    """Bad values through create/write, as over XML-RPC: a clear error, nothing written."""

    def test_bad_selection_refused(self):
        account = self._create_account(name="API Co")
        with self.assertRefused(ValueError, "Wrong value for res.partner.kam_tier"):
            account.write({"kam_tier": "platinum"})
        self.assertFalse(account.kam_tier)

    def test_bad_stage_and_gate(self):
        count = self.env["res.partner"].search_count([])
        with self.assertRefused(UserError, "cannot enter the stage Order"):
            self.env["res.partner"].create(
                {
                    "name": "Shortcut Ltd",
                    "is_company": True,
                    "kam_stage_id": self.stage_order.id,
                }
            )
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_tier_override_via_api(self):
        criteria = self.env["kam.score.criterion"].search([])
        with self.assertRefused(ValidationError, "Record the reason"):
            self.env["res.partner"].create(
                {
                    "name": "Override Ltd",
                    "is_company": True,
                    "kam_tier": "key",
                    "kam_score_line_ids": [
                        (0, 0, {"criterion_id": c.id, "score": 1}) for c in criteria
                    ],
                }
            )
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Override Ltd")])
        )

    def test_bad_company_settings(self):
        with self.assertRefused(ValidationError, "between 0 and 100"):
            self.env.company.write({"kam_clv_margin": 140})
        with self.assertRefused(ValidationError, "at least one day"):
            self.env.company.write({"kam_claim_expiry_days": 0})
        self.assertEqual(self.env.company.kam_clv_margin, 30)
        self.assertEqual(self.env.company.kam_claim_expiry_days, 30)

    def test_duplicate_scorecard_line_refused(self):
        account = self._create_account(name="Dup Co")
        criterion = self.env["kam.score.criterion"].search([], limit=1)
        self.env["kam.score.line"].create(
            {"partner_id": account.id, "criterion_id": criterion.id, "score": 5}
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRefused(Exception, "kam_score_line_criterion_unique"),
        ):
            self.env["kam.score.line"].create(
                {"partner_id": account.id, "criterion_id": criterion.id, "score": 6}
            )
        self.assertEqual(len(account.kam_score_line_ids), 1)
