# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
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


class CareCadenceCase(RelationshipCareCase):
    """Visit cadence tests: funnel stages and sub-levels, frequency policies over
    ``cls.accounts`` (set by the test class before it creates policies)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.stage_listed = ref("key_account_management.kam_account_stage_listed")
        cls.stage_potential = ref("key_account_management.kam_account_stage_potential")
        cls.stage_intent = ref("key_account_management.kam_account_stage_intent")
        cls.level_a = ref("key_account_management.kam_potential_level_a")
        cls.level_b = ref("key_account_management.kam_potential_level_b")

    @classmethod
    def _place(cls, account, stage, level=None, claimer=None):
        """Put the account in a stage and sub-level as the funnel would have.

        Straight in the table: these tests are about the care engine, not about the
        stage gates of key_account_management (which have their own tests).
        """
        cls.env.flush_all()
        cls.env.cr.execute(
            """
            UPDATE res_partner
               SET kam_stage_id = %s, kam_potential_level_id = %s,
                   kam_claim_user_id = COALESCE(%s, kam_claim_user_id)
             WHERE id = %s
            """,
            (
                stage.id,
                level.id if level else None,
                claimer.id if claimer else None,
                account.id,
            ),
        )
        cls.env.invalidate_all()

    @classmethod
    def _cadence_policy(cls, **vals):
        defaults = {
            "name": "Cadence",
            "occasion_type": "frequency",
            "action_type": "visit",
            "frequency": 1,
            "period": "month",
            "lead_days": 3,
            "account_domain": f"[('id', 'in', {cls.accounts.ids})]",
        }
        return cls.env["rc.care.policy"].create(dict(defaults, **vals))

    def _interaction(self, account, day, kind="visit", user=None):
        user = user or self.user_a
        return self.env["rc.interaction"].create(
            {
                "name": f"{kind} {day}",
                "interaction_type": kind,
                "account_id": account.id,
                "date": day,
                "user_id": user.id,
                "participant_ids": [Command.set(user.ids)],
            }
        )
