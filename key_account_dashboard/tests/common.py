# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

DASHBOARDS = (
    "key_account_dashboard.dashboard_key_accounts",
    "key_account_dashboard.dashboard_showcases",
    "key_account_dashboard.dashboard_care",
)


class DashboardCommon:
    @classmethod
    def _setup_people(cls):
        """A salesperson who owns two key accounts of her own, a manager, and a third
        account nobody of them owns."""
        cls.salesperson = new_test_user(
            cls.env,
            login="kad_salesperson",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="kad_manager",
            groups="base.group_user,key_account_management.group_kam_manager",
        )
        Partner = cls.env["res.partner"]
        # accounts in a lifecycle stage (no territory): only their team reads them
        stage = cls.env.ref("key_account_management.kam_account_stage_target")
        cls.own_accounts = Partner.create(
            [
                {
                    "name": f"Dashboard Own Account {n}",
                    "is_company": True,
                    "kam_tier": tier,
                    "kam_manager_id": cls.salesperson.id,
                    "kam_stage_id": stage.id,
                }
                for n, tier in ((1, "key"), (2, "regular"))
            ]
        )
        cls.other_account = Partner.create(
            {
                "name": "Dashboard Other Account",
                "is_company": True,
                "kam_tier": "key",
                "kam_stage_id": stage.id,
            }
        )
