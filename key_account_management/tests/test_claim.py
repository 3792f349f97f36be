# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestClaim(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._create_account()

    def test_claim_and_exclusivity(self):
        self.account.with_user(self.salesperson_a).action_kam_claim()
        self.assertEqual(self.account.kam_claim_user_id, self.salesperson_a)
        claim = self.account.kam_claim_ids
        self.assertEqual((claim.state, claim.user_id), ("active", self.salesperson_a))
        with self.assertRaisesRegex(UserError, "already claimed by Salesperson A"):
            self.account.with_user(self.salesperson_b).action_kam_claim()
        self.assertEqual(len(self.account.kam_claim_ids), 1)

    def test_claim_outside_territory_refused(self):
        west = self._create_account(name="West Co", territory=self.territory_west)
        with self.assertRaisesRegex(
            UserError, "not a salesperson of the territory West"
        ):
            west.sudo().with_user(self.salesperson_a).action_kam_claim()
        self.assertFalse(west.kam_claim_user_id)
        west.with_user(self.salesperson_b).action_kam_claim()
        self.assertEqual(west.kam_claim_user_id, self.salesperson_b)

    def test_claim_without_territory_refused(self):
        lonely = self.env["res.partner"].create(
            {"name": "No Territory", "is_company": True}
        )
        with self.assertRaisesRegex(UserError, "is in no territory"):
            lonely.with_user(self.kam_manager).action_kam_claim()

    def test_release(self):
        self.account.with_user(self.salesperson_a).action_kam_claim()
        with self.assertRaisesRegex(
            UserError, "Only the claiming salesperson or a manager"
        ):
            self.account.sudo().with_user(self.salesperson_b).action_kam_release()
        self.account.with_user(self.salesperson_a).action_kam_release()
        self.assertFalse(self.account.kam_claim_user_id)
        self.assertEqual(self.account.kam_claim_ids.state, "released")
        with self.assertRaisesRegex(UserError, "is not claimed"):
            self.account.action_kam_release()
        # Released: another salesperson may claim now.
        self.account.with_user(self.salesperson_b).action_kam_claim()
        self.assertEqual(self.account.kam_claim_user_id, self.salesperson_b)

    def _expire_run(self):
        return self.env["res.partner"]._cron_release_expired_claims()

    def test_expiry_releases_idle_claims_once(self):
        busy = self._create_account(name="Busy Ltd")
        with freeze_time(fields.Datetime.now() - timedelta(days=40)):
            self.account.with_user(self.salesperson_a).action_kam_claim()
            busy.with_user(self.salesperson_b).action_kam_claim()
        # A normative sales action 5 days ago keeps the busy claim alive.
        with freeze_time(fields.Datetime.now() - timedelta(days=5)):
            busy.with_user(self.salesperson_b).message_post(
                body="Visited the CIO",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertEqual(self._expire_run(), 1)
        self.assertFalse(self.account.kam_claim_user_id)
        self.assertEqual(self.account.kam_claim_ids.state, "expired")
        self.assertEqual(busy.kam_claim_user_id, self.salesperson_b)
        notice = self.account.message_ids.filtered(
            lambda m: self.salesperson_a.partner_id in m.partner_ids
        )
        self.assertEqual(len(notice), 1, "The former owner is told once")
        self.assertIn("expired", notice.body)
        # Second run: nothing to do, no duplicate message.
        messages_before = self.env["mail.message"].search_count([])
        self.assertEqual(self._expire_run(), 0)
        self.assertEqual(self.env["mail.message"].search_count([]), messages_before)
        self.assertEqual(self.account.kam_claim_ids.state, "expired")

    def test_expiry_respects_configured_days(self):
        self.env.company.kam_claim_expiry_days = 60
        with freeze_time(fields.Datetime.now() - timedelta(days=40)):
            self.account.with_user(self.salesperson_a).action_kam_claim()
        self.assertEqual(self._expire_run(), 0)
        self.assertEqual(self.account.kam_claim_user_id, self.salesperson_a)
        self.env.company.kam_claim_expiry_days = 30
        self.assertEqual(self._expire_run(), 1)

    def test_meeting_counts_as_sales_action(self):
        with freeze_time(fields.Datetime.now() - timedelta(days=40)):
            self.account.with_user(self.salesperson_a).action_kam_claim()
        start = fields.Datetime.now() - timedelta(days=3)
        self.env["calendar.event"].with_user(self.salesperson_a).create(
            {
                "name": "Lunch with buyer",
                "start": start,
                "stop": start + timedelta(hours=1),
                "user_id": self.salesperson_a.id,
                "partner_ids": [(6, 0, self.account.ids)],
            }
        )
        self.assertEqual(self._expire_run(), 0)
        self.assertEqual(self.account.kam_claim_user_id, self.salesperson_a)


@tagged("post_install", "-at_install")
class TestClaimRace(BaseCase):
    """Two salespeople claim the same account in two concurrent transactions."""

    def test_parallel_claims_one_wins(self):
        registry = Registry(get_db_name())
        with registry.cursor() as cr:
            env = api.Environment(cr, 1, {"tracking_disable": True})
            territory = env["kam.territory"].create({"name": "Race", "code": "T-RACE"})
            users = [
                mail_new_test_user(
                    env,
                    login=f"kam_race_{i}",
                    groups="base.group_user,key_account_management.group_kam_user",
                )
                for i in (1, 2)
            ]
            territory.user_ids = [(6, 0, [u.id for u in users])]
            account = env["res.partner"].create(
                {
                    "name": "Contended Ltd",
                    "is_company": True,
                    "kam_territory_id": territory.id,
                    "kam_stage_id": env.ref(
                        "key_account_management.kam_account_stage_target"
                    ).id,
                    **KamCommon._customer_file_vals(env),
                }
            )
            ids = {
                "territory": territory.id,
                "users": [u.id for u in users],
                "account": account.id,
            }
        try:
            with registry.cursor() as cr1, registry.cursor() as cr2:
                env1 = api.Environment(cr1, ids["users"][0], {})
                env2 = api.Environment(cr2, ids["users"][1], {})
                # Both transactions see the account unclaimed before either commits.
                self.assertFalse(
                    env1["res.partner"].browse(ids["account"]).kam_claim_user_id
                )
                self.assertFalse(
                    env2["res.partner"].browse(ids["account"]).kam_claim_user_id
                )
                env1["res.partner"].browse(ids["account"]).action_kam_claim()
                cr1.commit()
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaisesRegex(
                        UserError, "has just been claimed by another"
                    ),
                ):
                    env2["res.partner"].browse(ids["account"]).action_kam_claim()
                cr2.rollback()
            with registry.cursor() as cr:
                env = api.Environment(cr, 1, {})
                claims = env["kam.claim"].search([("partner_id", "=", ids["account"])])
                self.assertEqual(len(claims), 1)
                self.assertEqual(claims.user_id.id, ids["users"][0])
                self.assertEqual(
                    env["res.partner"].browse(ids["account"]).kam_claim_user_id.id,
                    ids["users"][0],
                )
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, 1, {"active_test": False})
                env["kam.claim"].search([("partner_id", "=", ids["account"])]).unlink()
                env["kam.stage.history"].search(
                    [("partner_id", "=", ids["account"])]
                ).unlink()
                users = env["res.users"].browse(ids["users"])
                partners = users.partner_id
                # by the ORM, which removes the files' attachments too
                env["kam.account.document"].search(
                    [("partner_id", "=", ids["account"])]
                ).unlink()
                env["res.partner"].browse(ids["account"]).unlink()
                env["kam.territory"].browse(ids["territory"]).unlink()
                users.unlink()
                partners.unlink()
