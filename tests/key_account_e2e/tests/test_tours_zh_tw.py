# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo skips browser tours silently without websocket-client: fail loudly instead.
import websocket  # noqa: F401  pylint: disable=unused-import

from odoo.tests import HttpCase, tagged

from odoo.addons.key_account_management.tests.common import KamCommon
from odoo.addons.mail.tests.common import mail_new_test_user

ADDONS = ("key_account_management", "relationship_care", "showcase_program")


@tagged("post_install", "-at_install")
class TestKeyAccountToursZhTw(HttpCase):
    """The claim tour as a salesperson in Taiwan: the web client in Traditional Chinese."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # As installing the language does: activate it and load the addons' zh_TW terms.
        cls.env["res.lang"]._activate_lang("zh_TW")
        cls.env["ir.module.module"].search(
            [("name", "in", ADDONS)]
        )._update_translations("zh_TW")

    def test_claim_tour_zh_tw(self):
        user = mail_new_test_user(
            self.env,
            login="tour_sales_tw",
            lang="zh_TW",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        territory = self.env["kam.territory"].create(
            {"name": "Tour Territory TW", "user_ids": [(6, 0, user.ids)]}
        )
        account = self.env["res.partner"].create(
            {
                "name": "巡檢客戶 Taipei",
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
        self.start_tour("/odoo", "key_account_claim_tour_zh_tw", login="tour_sales_tw")
        self.assertEqual(account.kam_claim_user_id, user)
        self.assertEqual(
            account.kam_stage_id,
            self.env.ref("key_account_management.kam_account_stage_listed"),
        )
