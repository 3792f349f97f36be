# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class RelationshipCareCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Our own policies only: the shipped defaults are switched off.
        cls.env["rc.care.policy"].search([]).active = False
        cls.user_a = new_test_user(
            cls.env,
            login="rc_sales_a",
            groups="key_account_management.group_kam_user",
            name="Sales A",
        )
        cls.user_b = new_test_user(
            cls.env,
            login="rc_sales_b",
            groups="key_account_management.group_kam_user",
            name="Sales B",
        )
        cls.manager = new_test_user(
            cls.env,
            login="rc_manager",
            groups="key_account_management.group_kam_manager",
            name="Care Manager",
        )
        cls.branch_gm = new_test_user(
            cls.env,
            login="rc_branch_gm",
            groups="key_account_management.group_kam_user",
            name="Branch GM",
        )
        cls.branch_gm.rc_seniority = "branch_gm"
        Partner = cls.env["res.partner"]
        cls.cn = cls.env.ref("base.cn")
        cls.tw = cls.env.ref("base.tw")
        cls.acc_a = Partner.create(
            {
                "name": "RC Account A",
                "is_company": True,
                "country_id": cls.cn.id,
                "kam_tier": "key",
                "kam_manager_id": cls.user_a.id,
                "kam_sales_manager_id": cls.branch_gm.id,
            }
        )
        cls.acc_b = Partner.create(
            {
                "name": "RC Account B",
                "is_company": True,
                "country_id": cls.tw.id,
                "kam_tier": "key",
                "kam_manager_id": cls.user_b.id,
            }
        )
        cls.supplier = Partner.create(
            {"name": "RC Supplier", "is_company": True, "country_id": cls.cn.id}
        )
        cls.person_a = Partner.create(
            {
                "name": "Person A",
                "parent_id": cls.acc_a.id,
                "kam_decision_role": "approver",
                "email": "a@example.com",
                "birthdate_date": date(1975, 3, 10),
            }
        )
        cls.person_b = Partner.create(
            {
                "name": "Person B",
                "parent_id": cls.acc_b.id,
                "kam_decision_role": "decision_maker",
                "birthdate_date": date(1980, 6, 1),
            }
        )
        cls.supplier_person = Partner.create(
            {
                "name": "Supplier Person",
                "parent_id": cls.supplier.id,
                "kam_decision_role": "approver",
                "birthdate_date": date(1975, 3, 10),
            }
        )

    @classmethod
    def _policy(cls, **vals):
        defaults = {
            "name": "Test policy",
            "occasion_type": "birthday",
            "action_type": "greeting",
            "lead_days": 7,
            "account_domain": f"[('id', 'in', {[cls.acc_a.id, cls.acc_b.id, cls.supplier.id]}), "
            "('kam_tier', '=', 'key')]",
        }
        defaults.update(vals)
        return cls.env["rc.care.policy"].create(defaults)

    def _activities(self, partners, policy=None):
        """The care activities about these people or accounts: on their care profiles
        (people) or on the accounts themselves."""
        profiles = self.env["rc.care.profile"].search(
            [("partner_id", "in", partners.ids)]
        )
        domain = [
            "|",
            "&",
            ("res_model", "=", "res.partner"),
            ("res_id", "in", partners.ids),
            "&",
            ("res_model", "=", "rc.care.profile"),
            ("res_id", "in", profiles.ids),
        ]
        if policy:
            domain.append(("summary", "like", policy.name))
        return self.env["mail.activity"].search(domain)
