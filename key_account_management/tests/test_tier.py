# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged, users

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestTierAndScorecard(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.criteria = cls.env["kam.score.criterion"].search([])
        cls.account = cls._create_account()

    def _score_all(self, account, score):
        account.kam_score_line_ids = [
            (0, 0, {"criterion_id": c.id, "score": score}) for c in self.criteria
        ]

    def test_score_total_and_suggested_tier(self):
        self.assertFalse(self.account.kam_suggested_tier, "No scores, no suggestion")
        self._score_all(self.account, 10)
        self.assertEqual(self.account.kam_score_total, 100.0)
        self.assertEqual(self.account.kam_suggested_tier, "key")
        self.account.kam_score_line_ids.score = 5
        self.assertEqual(self.account.kam_score_total, 50.0)
        self.assertEqual(self.account.kam_suggested_tier, "regular")
        self.account.kam_score_line_ids.score = 3
        self.assertEqual(self.account.kam_suggested_tier, "potential")
        self.account.kam_score_line_ids.score = 1
        self.assertEqual(self.account.kam_suggested_tier, "unattractive")

    def test_weights_count(self):
        heavy = self.criteria.sorted("weight")[-1]
        # criteria counted only when scored (another addon's) are not in this total
        total_weight = sum(
            self.criteria.filtered(
                lambda c: not c.only_when_scored or c == heavy
            ).mapped("weight")
        )
        self.account.kam_score_line_ids = [
            (0, 0, {"criterion_id": heavy.id, "score": 10})
        ]
        self.assertAlmostEqual(
            self.account.kam_score_total, round(heavy.weight / total_weight * 100, 1)
        )

    def test_criterion_shared_by_every_company_counts(self):
        # A criterion without company (as another addon may ship) weighs in the total.
        shared = self.env["kam.score.criterion"].create(
            {"name": "Shared", "weight": 3.0, "company_id": False}
        )
        self.criteria |= shared
        self._score_all(self.account, 5)
        self.assertEqual(self.account.kam_score_total, 50.0)
        self.account.kam_score_line_ids.filtered(
            lambda line: line.criterion_id == shared
        ).score = 10
        total_weight = sum(self.criteria.mapped("weight"))
        self.assertAlmostEqual(
            self.account.kam_score_total,
            round((total_weight * 5 + 3.0 * 5) / (total_weight * 10) * 100, 1),
        )

    def test_thresholds_are_configurable(self):
        self._score_all(self.account, 6)
        self.assertEqual(self.account.kam_suggested_tier, "regular")
        self.env.company.kam_threshold_key = 55
        self.assertEqual(self.account.kam_suggested_tier, "key")

    @users("kam_manager")
    def test_tier_matching_suggestion_needs_no_reason(self):
        self._score_all(self.account, 9)
        account = self.account.with_env(self.env)
        # The manager follows the suggestion: accepted without a reason, not an override.
        account.kam_tier = "key"
        self.assertFalse(account.kam_tier_reason)
        self.assertFalse(account.kam_tier_differs)
        # The scores fall: the same tier is now an override of the new suggestion...
        self.account.kam_score_line_ids.score = 5
        self.assertEqual(account.kam_suggested_tier, "regular")
        self.assertTrue(account.kam_tier_differs)
        # ...and following the suggestion again needs no reason either.
        account.kam_tier = "regular"
        self.assertFalse(account.kam_tier_differs)
        account.invalidate_recordset()
        self.assertEqual(account.kam_tier, "regular")

    def test_tier_override_without_reason_refused(self):
        self._score_all(self.account, 9)
        with self.assertRefused(ValidationError, "Record the reason for this override"):
            self.account.kam_tier = "regular"
        with self.assertRefused(ValidationError, "Record the reason"):
            self.account.write({"kam_tier": "potential", "kam_tier_reason": "   "})
        self.assertFalse(self.account.kam_tier)

    def test_tier_override_with_reason_allowed_and_tracked(self):
        self._score_all(self.account, 9)
        self.account.write(
            {"kam_tier": "regular", "kam_tier_reason": "Budget frozen 2027"}
        )
        self.assertEqual(self.account.kam_tier, "regular")
        self.assertTrue(self.account.kam_tier_differs)

    def test_tier_tracked_in_chatter(self):
        account = self.account.with_env(self.env(context={}))
        self._score_all(account, 9)
        # The account was created in this transaction, which tracking ignores: commit-time
        # hooks run now, as they would at the end of the creating request.
        self.env.flush_all()
        self.env.cr.precommit.run()
        account.kam_tier = "key"
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", account.id),
                ("field_id.name", "=", "kam_tier"),
            ]
        )
        self.assertEqual(len(tracked), 1, "The tier change is tracked in the chatter")
        self.assertEqual(tracked.new_value_char, "Key Account")

    def test_score_out_of_range_refused(self):
        with self.assertRefused(ValidationError, "between 0 and 10"):
            self.env["kam.score.line"].create(
                {
                    "partner_id": self.account.id,
                    "criterion_id": self.criteria[0].id,
                    "score": 11,
                }
            )
        self.assertFalse(self.account.kam_score_line_ids)

    def test_evidence_suggests_level(self):
        Evidence = self.env["kam.relationship.evidence"]
        vendor = Evidence.search([("level", "=", "vendor")])
        preferred = Evidence.search([("level", "=", "preferred_supplier")])
        partner = Evidence.search([("level", "=", "partner")])
        self.account.kam_evidence_ids = vendor
        self.assertEqual(self.account.kam_suggested_level, "vendor")
        self.account.kam_evidence_ids |= preferred
        self.assertEqual(self.account.kam_suggested_level, "preferred_supplier")
        # Partner evidence alone is not enough while one of its items is missing.
        self.account.kam_evidence_ids |= partner[:-1]
        self.assertEqual(self.account.kam_suggested_level, "preferred_supplier")
        self.account.kam_evidence_ids |= partner
        self.assertEqual(self.account.kam_suggested_level, "partner")

    def test_account_value_and_clv(self):
        now = fields.Datetime.now()
        recent = self._opportunity(self.account, won=True, revenue=100000)
        old = self._opportunity(self.account, won=True, revenue=50000)
        recent.date_closed = now - timedelta(days=30)
        old.date_closed = now - timedelta(days=400)
        self._opportunity(self.account, won=False, revenue=999999)
        self.account.invalidate_recordset()
        self.assertEqual(self.account.kam_won_revenue_12m, 100000)
        self.assertEqual(self.account.kam_won_revenue_prev_12m, 50000)
        self.assertEqual(self.account.kam_revenue_trend, "up")
        company = self.env.company
        company.write(
            {
                "kam_clv_margin": 30,
                "kam_clv_retention": 80,
                "kam_clv_discount": 0,
                "kam_clv_years": 2,
            }
        )
        self.account.invalidate_recordset()
        # 100000 x 30% x (1 + 0.8) = 54000
        self.assertAlmostEqual(self.account.kam_clv, 54000.0, places=2)

    def test_settings_form_validates(self):
        settings = Form(self.env["res.config.settings"])
        settings.kam_threshold_key = 30  # below regular (45): refused
        with self.assertRefused(
            ValidationError, "rise from potential to regular to key"
        ):
            settings.save().execute()
        self.assertEqual(self.env.company.kam_threshold_key, 70)
