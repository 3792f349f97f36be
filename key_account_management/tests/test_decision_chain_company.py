# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KamChainCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(KamChainCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Kam4 Company B"})
        cls.account_b = cls.env["res.partner"].create(
            {
                "name": "B 公司客户 Account of B",
                "is_company": True,
                "company_id": cls.company_b.id,
            }
        )
        cls.person_b = cls.env["res.partner"].create(
            {
                "name": "B person",
                "parent_id": cls.account_b.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.plan_b = cls.env["kam.account.plan"].create(
            {"partner_id": cls.account_b.id, "company_id": cls.company_b.id}
        )
        cls.private_b = cls.env["kam.key.person.private"].create(
            {"partner_id": cls.person_b.id, "interests": "Golf"}
        )
        cls.competitor_b = cls.env["kam.competitor"].create(
            {"name": "B competitor", "company_id": cls.company_b.id}
        )

    def test_other_company_records_are_hidden_until_the_company_is_allowed(self):
        records = [self.plan_b, self.private_b, self.competitor_b]
        for record in records:
            self.assertFalse(
                record.with_user(self.manager).search([("id", "=", record.id)]),
                record._name,
            )
        self.manager.write({"company_ids": [(4, self.company_b.id)]})
        allowed = self.env.user.company_id | self.company_b
        for record in records:
            found = (
                record.with_user(self.manager)
                .with_context(allowed_company_ids=allowed.ids)
                .search([("id", "=", record.id)])
            )
            self.assertEqual(found, record, record._name)
