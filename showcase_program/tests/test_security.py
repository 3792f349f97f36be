# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestSecurity(ShowcaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.showcase = cls._create_showcase()
        cls.agreement = cls._create_agreement(cls, cls.showcase)
        cls.account_b = cls.env["res.partner"].create(
            {
                "name": "Account B",
                "is_company": True,
                "kam_manager_id": cls.salesperson_b.id,
            }
        )
        cls.showcase_b = cls.env["sc.showcase"].create(
            {
                "name": "Showcase B",
                "partner_id": cls.account_b.id,
                "level": "township",
                "team_id": cls.team_b.id,
                "user_id": cls.salesperson_b.id,
            }
        )

    def test_salesperson_sees_only_own_team(self):
        Showcase = self.env["sc.showcase"].with_user(self.salesperson_a)
        visible = Showcase.search([("id", "in", (self.showcase | self.showcase_b).ids)])
        self.assertEqual(visible, self.showcase)
        with self.assertRaises(AccessError):
            self.showcase_b.with_user(self.salesperson_a).read(["name"])
        with self.assertRaises(AccessError):
            self.showcase_b.with_user(self.salesperson_a).write({"solution": "x"})
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.salesperson_b).read(["name"])
        self.assertFalse(
            self.env["sc.agreement"]
            .with_user(self.salesperson_b)
            .search([("id", "=", self.agreement.id)])
        )
        # own showcase readable and writable
        self.showcase.with_user(self.salesperson_a).write({"solution": "ERP"})
        self.agreement.with_user(self.salesperson_a).read(["name"])

    def test_branch_member_sees_branch_showcases(self):
        self.team_b.member_ids = [(4, self.salesperson_a.id)]
        Showcase = self.env["sc.showcase"].with_user(self.salesperson_a)
        self.assertIn(self.showcase_b, Showcase.search([]))

    def test_manager_sees_all(self):
        Showcase = self.env["sc.showcase"].with_user(self.manager)
        visible = Showcase.search([("id", "in", (self.showcase | self.showcase_b).ids)])
        self.assertEqual(visible, self.showcase | self.showcase_b)
        self.showcase_b.with_user(self.manager).write({"solution": "CRM"})
        self.agreement.with_user(self.manager).read(["name"])

    def test_salesperson_cannot_delete_or_configure(self):
        with self.assertRaises(AccessError):
            self.showcase.with_user(self.salesperson_a).unlink()
        with self.assertRaises(AccessError):
            self.stages["planning"].with_user(self.salesperson_a).write({"name": "X"})

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.manager.company_ids = [(4, other_company.id)]
        showcase = (
            self.env["sc.showcase"]
            .with_company(other_company)
            .create(
                {
                    "name": "Other company showcase",
                    "partner_id": self.env["res.partner"]
                    .create({"name": "Other account", "is_company": True})
                    .id,
                    "company_id": other_company.id,
                }
            )
        )
        Showcase = self.env["sc.showcase"].with_user(self.manager)
        self.assertNotIn(
            showcase,
            Showcase.with_context(
                allowed_company_ids=[self.manager.company_id.id]
            ).search([]),
        )
        self.assertIn(
            showcase,
            Showcase.with_context(
                allowed_company_ids=[self.manager.company_id.id, other_company.id]
            ).search([]),
        )

    def test_salesperson_reads_featured_events(self):
        event = self.env["event.event"].create(
            {
                "name": "Summit",
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
                "sc_showcase_ids": [(6, 0, self.showcase.ids)],
            }
        )
        showcase = self.showcase.with_user(self.salesperson_a)
        self.assertEqual(showcase.event_ids, event)
        self.assertEqual(showcase.event_ids.name, "Summit")
        self.assertEqual(showcase.event_count, 1)
