# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two account teams and one user per role (the public user is Odoo's own), shared by
the permission matrix and the RPC attack tests.

Team A: account ``account_a`` (territory A, branch ``crm_team_a``), its key account
manager ``kam_own``, its key person ``person_a`` and a second contact ``person_a2``,
and a showcase. Team B: the same for ``kam_other``, who is on nothing of team A.
Managers and executives are on no team. The portal user is a contact of account A
(a customer with a portal login, as OCA helpdesk creates them).
"""

from datetime import date

from odoo.tests import new_test_user

from odoo.addons.key_account_management.tests.common import KamCommon

ROLES = (
    "public",
    "portal",
    "employee",
    "salesman",
    "kam_own",
    "kam_other",
    "manager",
    "executive",
)
ROLE_LABELS = {
    "public": "public user (website visitor)",
    "portal": "portal user (customer contact)",
    "employee": "plain employee",
    "salesman": "CRM salesperson without KAM rights",
    "kam_own": "KAM user on the record's team",
    "kam_other": "KAM user of another team",
    "manager": "KAM manager",
    "executive": "executive",
}
ROLE_GROUPS = {
    "public": "base.group_public",
    "portal": "base.group_portal",
    "employee": "base.group_user",
    "salesman": "base.group_user,sales_team.group_sale_salesman",
    "kam_own": "base.group_user,key_account_management.group_kam_user",
    "kam_other": "base.group_user,key_account_management.group_kam_user",
    "manager": "base.group_user,key_account_management.group_kam_manager",
    "executive": "base.group_user,key_account_management.group_kam_executive",
}


def password(login):
    return f"{login}-Secret-9"


class TwoTeamsMixin:
    """Class fixture: call :meth:`_setup_two_teams` from ``setUpClass``."""

    @classmethod
    def _setup_two_teams(cls):
        env = cls.env
        Partner = env["res.partner"]
        ref = env.ref
        cls.stage_potential = ref("key_account_management.kam_account_stage_potential")
        cls.stage_target = ref("key_account_management.kam_account_stage_target")
        cls.users = {}
        cls.users["public"] = env.ref("base.public_user")
        for role in ROLES:
            if role in ("public", "portal"):
                continue
            login = f"e2e_sec_{role}"
            cls.users[role] = new_test_user(
                env,
                login=login,
                password=password(login),
                groups=ROLE_GROUPS[role],
                name=f"E2E {ROLE_LABELS[role]}",
            )
        own, other = cls.users["kam_own"], cls.users["kam_other"]
        cls.territory_a = env["kam.territory"].create(
            {"name": "E2E Territory A", "code": "E2E-A", "user_ids": [(6, 0, own.ids)]}
        )
        cls.territory_b = env["kam.territory"].create(
            {
                "name": "E2E Territory B",
                "code": "E2E-B",
                "user_ids": [(6, 0, other.ids)],
            }
        )
        cls.crm_team_a = env["crm.team"].create(
            {"name": "E2E Branch A", "member_ids": [(6, 0, own.ids)]}
        )
        cls.crm_team_b = env["crm.team"].create(
            {"name": "E2E Branch B", "member_ids": [(6, 0, other.ids)]}
        )
        cls.account_a = Partner.create(
            {
                "name": "E2E 甲 Account A",
                "is_company": True,
                "kam_territory_id": cls.territory_a.id,
                "kam_stage_id": cls.stage_target.id,
                "kam_manager_id": own.id,
                "kam_tier": "key",
                "kam_tier_reason": "Strategic reference in the metro market",
            }
        )
        cls.account_b = Partner.create(
            {
                "name": "E2E 乙 Account B",
                "is_company": True,
                "kam_territory_id": cls.territory_b.id,
                "kam_stage_id": cls.stage_target.id,
                "kam_manager_id": other.id,
                "kam_tier": "key",
                "kam_tier_reason": "Largest buyer of the region",
            }
        )
        # An unclaimed account of territory A: the pool kam_own may claim from.
        cls.pool_account = Partner.create(
            {
                "name": "E2E Pool Account",
                "is_company": True,
                "kam_territory_id": cls.territory_a.id,
                "kam_stage_id": cls.stage_target.id,
                **KamCommon._customer_file_vals(env),
            }
        )
        cls.person_a = Partner.create(
            {
                "name": "E2E 王总 Person A",
                "parent_id": cls.account_a.id,
                "kam_decision_role": "decision_maker",
                "kam_attitude": "opposed",
                "kam_professional_needs": "Wants CompetitorCo's platform",
                "birthdate_date": date(1975, 3, 10),
            }
        )
        cls.person_a2 = Partner.create(
            {
                "name": "E2E 李工 Person A2",
                "parent_id": cls.account_a.id,
                "kam_decision_role": "influencer",
                "kam_attitude": "contact",
            }
        )
        cls.person_b = Partner.create(
            {
                "name": "E2E 陈总 Person B",
                "parent_id": cls.account_b.id,
                "kam_decision_role": "approver",
                "kam_attitude": "favorable",
            }
        )
        # A customer contact of account A with a portal login.
        cls.portal_partner = Partner.create(
            {
                "name": "E2E Portal Contact",
                "parent_id": cls.account_a.id,
                "email": "portal.contact@example.com",
            }
        )
        cls.users["portal"] = new_test_user(
            env,
            login="e2e_sec_portal",
            password=password("e2e_sec_portal"),
            groups="base.group_portal",
            partner_id=cls.portal_partner.id,
            name="E2E Portal Contact",
        )
