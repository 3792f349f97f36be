# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo skips browser tours silently without websocket-client: fail loudly instead.
import websocket  # noqa: F401  pylint: disable=unused-import

from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestSmeGridTour(HttpCase):
    """The customer file as the gate into Listed, in the web client (seed 003)."""

    def setUp(self):
        super().setUp()
        self.user = mail_new_test_user(
            self.env,
            login="sme_grid_sales",
            name="SME Grid Salesperson",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        territory = self.env["kam.territory"].create(
            {"name": "SME Grid 网格", "user_ids": [(6, 0, self.user.ids)]}
        )
        # The documents are in the file already: only the industry is missing.
        vals = KamCommon._customer_file_vals(self.env)
        del vals["industry_id"]
        self.account = self.env["res.partner"].create(
            {
                "name": "SME Tour 网格客户",
                "is_company": True,
                "kam_territory_id": territory.id,
                "kam_stage_id": self.env.ref(
                    "key_account_management.kam_account_stage_target"
                ).id,
                **vals,
            }
        )
        self.assertEqual(
            self.account.kam_customer_file_missing_ids,
            self.env.ref("key_account_management.kam_customer_file_item_industry"),
        )

    def test_claim_refused_until_the_customer_file_is_complete(self):
        # scripts/test.sh counts the tours that succeeded against the start_tour calls.
        self.start_tour("/odoo", "kam_sme_grid_tour", login="sme_grid_sales")
        self.env.invalidate_all()  # the tour wrote through its own requests
        self.assertEqual(
            self.account.industry_id, self.env.ref("base.res_partner_industry_C")
        )
        self.assertTrue(self.account.kam_customer_file_complete)
        claim = self.env["kam.claim"].search([("partner_id", "=", self.account.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.user_id, self.user)
        self.assertEqual(self.account.kam_claim_user_id, self.user)
        self.assertEqual(
            self.account.kam_stage_id,
            self.env.ref("key_account_management.kam_account_stage_listed"),
        )
