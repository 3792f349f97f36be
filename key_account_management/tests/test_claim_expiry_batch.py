# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestClaimExpiryBatch(KamCommon):
    """The claim expiry job is set-based: its queries do not grow with the claims."""

    def _old_claims(self, count, user, days=40):
        accounts = self.env["res.partner"].create(
            [
                {
                    "name": f"Idle {user.login} {i}",
                    "is_company": True,
                    "kam_territory_id": self.territory_east.id,
                    "kam_stage_id": self.stage_target.id,
                    **self._customer_file_vals(self.env),
                }
                for i in range(count)
            ]
        )
        with freeze_time(fields.Datetime.now() - timedelta(days=days)):
            for account in accounts:
                account.with_user(user).action_kam_claim()
        return accounts

    def _run_counted(self):
        """Run the job on cold caches; return (claims released, queries run)."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        released = self.env["res.partner"]._cron_release_expired_claims()
        self.env.flush_all()
        return released, self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_claims(self):
        self._old_claims(1, self.salesperson_a)
        self._run_counted()  # warm-up: registry caches, ir.model.data look-ups
        self._old_claims(2, self.salesperson_a)
        released_2, queries_2 = self._run_counted()
        self._old_claims(8, self.salesperson_b)
        released_8, queries_8 = self._run_counted()
        self.assertEqual((released_2, released_8), (2, 8))
        # Covers the whole run: selection, lock, last sales actions, claim and account
        # writes, the notes and their Inbox notifications. Four times the claims, the
        # same queries: nothing is read or written claim by claim.
        self.assertEqual(queries_8, queries_2)

    def test_second_run_does_nothing_and_is_cheap(self):
        accounts = self._old_claims(3, self.salesperson_a)
        self.assertEqual(self._run_counted()[0], 3)
        self.assertFalse(accounts.filtered("kam_claim_user_id"))
        messages = self.env["mail.message"].search_count([])
        notifications = self.env["mail.notification"].search_count([])
        released, queries = self._run_counted()
        self.assertEqual(released, 0)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
        self.assertEqual(self.env["mail.notification"].search_count([]), notifications)
        # Nothing to do: the lock, the selection of candidates and the log, no more.
        self.assertLessEqual(queries, 10)

    def test_notice_in_the_claimants_language_and_inbox(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["key_account_management"], ["zh_CN"], overwrite=True
        )
        self.salesperson_a.lang = "zh_CN"
        chinese = self._old_claims(1, self.salesperson_a)
        english = self._old_claims(1, self.salesperson_b)
        self.assertEqual(self._run_counted()[0], 2)
        for account, user, words in (
            (chinese, self.salesperson_a, "认领已过期"),
            (english, self.salesperson_b, "expired: no sales action"),
        ):
            notice = self.env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "=", account.id),
                    ("partner_ids", "in", user.partner_id.ids),
                ]
            )
            self.assertEqual(len(notice), 1)
            self.assertIn(words, str(notice.body))
            self.assertEqual(notice.record_name, account.display_name)
            # In the claimant's Inbox, unread.
            self.assertEqual(
                notice.notification_ids.mapped(
                    lambda n: (n.res_partner_id, n.notification_type, n.is_read)
                ),
                [(user.partner_id, "inbox", False)],
            )

    def test_commercial_fields_still_reach_the_contacts(self):
        """Writes of account fields skip the sync to contacts; commercial fields do not."""
        account = self._create_account(name="Synced Co")
        contact = self.env["res.partner"].create(
            {"name": "Synced Person", "parent_id": account.id}
        )
        industry = self.env["res.partner.industry"].create({"name": "Rail Transit"})
        account.write({"industry_id": industry.id, "comment": "Met the CIO"})
        self.assertEqual(contact.industry_id, industry)
        account.write({"vat": "CN123"})
        self.assertEqual(contact.vat, "CN123")
        account.write({"comment": "Met the CFO"})
        self.assertEqual((contact.industry_id, contact.vat), (industry, "CN123"))
