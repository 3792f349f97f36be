# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fixtures of the key-account tests, one hierarchy as in crm's tests/common.py:

- ``KamCommon``: the users (two salespeople, a key account manager, a plain employee), two
  territories, the lifecycle stages, and helpers that create accounts and opportunities;
- ``KamChainCommon(KamCommon)``: adds a key account with a full decision chain (five key
  people), managed by salesperson A; salesperson B shares the territory but not the team.

Tests that need more add it in their own ``setUpClass``.
"""

import base64
from datetime import timedelta

from odoo import Command

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user

SECRET = "喜欢围棋 secret-go-player"


class KamCommon(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson_a = mail_new_test_user(
            cls.env,
            login="kam_sales_a",
            name="Salesperson A",
            groups="base.group_user,base.group_allow_export,"
            "key_account_management.group_kam_user",
        )
        cls.salesperson_b = mail_new_test_user(
            cls.env,
            login="kam_sales_b",
            name="Salesperson B",
            groups="base.group_user,base.group_allow_export,"
            "key_account_management.group_kam_user",
        )
        cls.kam_manager = mail_new_test_user(
            cls.env,
            login="kam_manager",
            name="KAM Manager",
            groups="base.group_user,base.group_allow_export,"
            "key_account_management.group_kam_manager",
        )
        # An internal user without any key-account right.
        cls.employee = mail_new_test_user(
            cls.env, login="kam_employee", name="Employee", groups="base.group_user"
        )
        cls.territory_east = cls.env["kam.territory"].create(
            {
                "name": "East",
                "code": "T-EAST",
                "user_ids": [(6, 0, (cls.salesperson_a | cls.salesperson_b).ids)],
            }
        )
        cls.territory_west = cls.env["kam.territory"].create(
            {
                "name": "West",
                "code": "T-WEST",
                "user_ids": [(6, 0, cls.salesperson_b.ids)],
            }
        )
        ref = cls.env.ref
        cls.stage_target = ref("key_account_management.kam_account_stage_target")
        cls.stage_listed = ref("key_account_management.kam_account_stage_listed")
        cls.stage_potential = ref("key_account_management.kam_account_stage_potential")
        cls.stage_intent = ref("key_account_management.kam_account_stage_intent")
        cls.stage_order = ref("key_account_management.kam_account_stage_order")
        cls.stage_active = ref("key_account_management.kam_account_stage_active")
        cls.stage_churned = ref("key_account_management.kam_account_stage_churned")
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.open_stage = cls.env["crm.stage"].search([("is_won", "=", False)], limit=1)

    @classmethod
    def _create_account(
        cls, name="Acme 测试", territory=None, stage=None, complete_file=True, **vals
    ):
        """A company account; by default with a complete customer file and a potential
        sub-level, so that it may enter any stage (``complete_file=False``: neither)."""
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "kam_territory_id": (territory or cls.territory_east).id,
                "kam_stage_id": (stage or cls.stage_target).id,
                **(cls._customer_file_vals(cls.env) if complete_file else {}),
                **vals,
            }
        )

    @staticmethod
    def _customer_file_vals(env):
        """Values of a new account that complete the shipped customer file (address,
        industry, phone, one document of each type) and set a potential sub-level."""
        documents = env["kam.customer.file.item"].search([("kind", "=", "document")])
        return {
            "street": "1 Test Road",
            "industry_id": env.ref("base.res_partner_industry_C").id,
            "phone": "+86 21 5550 0000",
            "kam_potential_level_id": env.ref(
                "key_account_management.kam_potential_level_b"
            ).id,
            "kam_account_document_ids": [
                Command.create(
                    {
                        "item_id": item.id,
                        "file": base64.b64encode(b"customer file"),
                        "file_name": "file.txt",
                    }
                )
                for item in documents
            ],
        }

    def assertRefused(self, exception, regex):
        """Assert the block raises and, like an RPC call, leaves nothing written."""
        return _Refused(self, exception, regex)

    def _opportunity(self, account, won=False, revenue=1000.0, **vals):
        return self.env["crm.lead"].create(
            dict(
                {
                    "name": f"Deal {account.name}",
                    "type": "opportunity",
                    "partner_id": account.id,
                    "expected_revenue": revenue,
                    "stage_id": (self.won_stage if won else self.open_stage).id,
                },
                **vals,
            )
        )


class _Refused:
    def __init__(self, case, exception, regex):
        self.case, self.exception, self.regex = case, exception, regex

    def __enter__(self):
        self.raises = self.case.assertRaisesRegex(self.exception, self.regex)
        self.raises.__enter__()
        self.savepoint = self.case.env.cr.savepoint()
        self.savepoint.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.savepoint.__exit__(exc_type, exc, tb)
        self.case.env.invalidate_all()
        return self.raises.__exit__(exc_type, exc, tb)


class KamChainCommon(KamCommon):
    """A key account with a full decision chain. Its key account manager (``member``) and
    the key account manager (``manager``) are on its team; ``outsider`` sees the account
    through the territory pool only; ``employee`` has no key-account right."""

    @classmethod
    def default_env_context(cls):
        # Mail and tracking on: the attitude history and the early warning post messages.
        return {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls.salesperson_a
        cls.outsider = cls.salesperson_b
        cls.manager = cls.kam_manager
        cls.territory = cls.territory_east
        cls.account = cls._create_chain_account("决策链测试 Chain Test Co")
        cls.approver, cls.decision_maker, cls.coach, cls.supporter, cls.influencer = (
            cls.account.kam_person_ids.sorted("id")
        )

    @classmethod
    def _create_chain_account(cls, name, people=True):
        account = cls._create_account(
            name=name,
            kam_tier="key",
            kam_tier_reason="Strategic customer",
            kam_manager_id=cls.member.id,
        )
        if people:
            cls.env["res.partner"].create(
                [
                    {
                        "name": f"{name} {role}",
                        "parent_id": account.id,
                        "kam_decision_role": role,
                        "kam_attitude": attitude,
                        "kam_is_key_person": True,
                    }
                    for role, attitude in [
                        ("approver", "supportive"),
                        ("decision_maker", "supportive"),
                        ("coach", "exclusive"),
                        ("supporter", "favorable"),
                        ("influencer", "contact"),
                    ]
                ]
            )
        return account

    def _note(self, partner, user=None, days_ago=0):
        """Log a note on ``partner`` as ``user``, dated ``days_ago`` days back."""
        message = partner.with_user(user or self.member).message_post(
            body="Visit", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        if days_ago:
            message.sudo().date = message.date - timedelta(days=days_ago)
        return message
