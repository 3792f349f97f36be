# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests.common import TransactionCase, new_test_user

SECRET = "喜欢围棋 secret-go-player"


class KamChainCommon(TransactionCase):
    """An account with a full decision chain, its team member, an outsider who sees the
    account through the territory pool, a plain employee and a key account manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        groups_user = ",".join(
            [
                "base.group_user",
                "base.group_allow_export",
                "key_account_management.group_kam_user",
            ]
        )
        cls.member = new_test_user(cls.env, login="kam4_member", groups=groups_user)
        cls.outsider = new_test_user(cls.env, login="kam4_outsider", groups=groups_user)
        cls.employee = new_test_user(
            cls.env, login="kam4_employee", groups="base.group_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="kam4_manager",
            groups="base.group_user,base.group_allow_export,"
            "key_account_management.group_kam_manager",
        )
        cls.territory = cls.env["kam.territory"].create(
            {
                "name": "Kam4 Territory",
                "code": "T-KAM4",
                "user_ids": [(6, 0, (cls.member | cls.outsider).ids)],
            }
        )
        cls.stage_target = cls.env.ref(
            "key_account_management.kam_account_stage_target"
        )
        cls.account = cls._create_chain_account("决策链测试 Chain Test Co")
        cls.approver, cls.decision_maker, cls.coach, cls.supporter, cls.influencer = (
            cls.account.kam_person_ids.sorted("id")
        )

    @classmethod
    def _create_chain_account(cls, name, people=True):
        account = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "kam_tier": "key",
                "kam_tier_reason": "Strategic customer",
                "kam_stage_id": cls.stage_target.id,
                "kam_territory_id": cls.territory.id,
                "kam_manager_id": cls.member.id,
            }
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
