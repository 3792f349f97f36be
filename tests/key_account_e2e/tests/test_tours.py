# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo skips browser tours silently without websocket-client: fail loudly instead.
import websocket  # noqa: F401  pylint: disable=unused-import

from odoo.tests import HttpCase, tagged

from odoo.addons.key_account_management.tests.common import KamCommon
from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestKeyAccountTours(HttpCase):
    def test_claim_tour(self):
        user = mail_new_test_user(
            self.env,
            login="tour_sales",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        territory = self.env["kam.territory"].create(
            {"name": "Tour Territory", "user_ids": [(6, 0, user.ids)]}
        )
        account = self.env["res.partner"].create(
            {
                "name": "Tour Account 巡检客户",
                "is_company": True,
                "kam_territory_id": territory.id,
                "kam_stage_id": self.env.ref(
                    "key_account_management.kam_account_stage_target"
                ).id,
                # the customer file of seed 003, without which no claim lists it
                **KamCommon._customer_file_vals(self.env),
            }
        )
        # scripts/test.sh counts the tours that succeeded against the start_tour calls.
        self.start_tour("/odoo", "key_account_claim_tour", login="tour_sales")
        self.assertEqual(account.kam_claim_user_id, user)
        self.assertEqual(
            account.kam_stage_id,
            self.env.ref("key_account_management.kam_account_stage_listed"),
        )
