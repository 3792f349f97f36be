# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestScoreOnlyWhenScored(KamCommon):
    """A criterion "counted only when scored" (one fed by surveys) weighs in an account's
    total only once the account has a score for it: until then the total is the same as
    without the criterion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Criterion = cls.env["kam.score.criterion"]
        # The criteria every account is scored on (other addons may add optional ones).
        cls.criteria = Criterion.search([("only_when_scored", "=", False)])
        cls.weight = sum(cls.criteria.mapped("weight"))
        cls.survey = Criterion.create(
            {"name": "Survey", "weight": cls.weight, "only_when_scored": True}
        )
        cls.account = cls._create_account()
        cls.other = cls._create_account(name="Other Co")
        for account in (cls.account, cls.other):
            account.kam_score_line_ids = [
                (0, 0, {"criterion_id": c.id, "score": 6}) for c in cls.criteria
            ]

    def _survey_line(self, account, score):
        return self.env["kam.score.line"].create(
            {"partner_id": account.id, "criterion_id": self.survey.id, "score": score}
        )

    def test_unscored_does_not_lower_the_total(self):
        self.assertEqual(self.account.kam_score_total, 60.0)
        self.assertEqual(self.account.kam_suggested_tier, "regular")

    def test_scored_counts_and_tier_follows(self):
        line = self._survey_line(self.account, 10)
        # (6 x W + 10 x W) / (2W x 10)
        self.assertEqual(self.account.kam_score_total, 80.0)
        self.assertEqual(self.account.kam_suggested_tier, "key")
        line.score = 0
        self.assertEqual(self.account.kam_score_total, 30.0)
        self.assertEqual(
            self.account.kam_suggested_tier,
            self.account._kam_tier_for_score(30.0, self.env.company),
        )
        self.assertNotEqual(self.account.kam_suggested_tier, "regular")
        # Another account without a survey score keeps its total.
        self.assertEqual(self.other.kam_score_total, 60.0)
        line.unlink()
        self.assertEqual(self.account.kam_score_total, 60.0)
        self.assertEqual(self.account.kam_suggested_tier, "regular")

    def test_other_criteria_unchanged(self):
        self._survey_line(self.account, 10)
        # A regular criterion still weighs in every scored account.
        line = self.other.kam_score_line_ids[:1]
        line.score = 10
        expected = round(
            (self.weight * 6 + line.criterion_id.weight * 4) / (self.weight * 10) * 100,
            1,
        )
        self.assertAlmostEqual(self.other.kam_score_total, expected)

    def test_option_switched(self):
        self._survey_line(self.account, 10)
        # Counted always: an unscored account drops; switched back, it recovers.
        self.survey.only_when_scored = False
        self.assertEqual(self.other.kam_score_total, 30.0)
        self.assertEqual(self.account.kam_score_total, 80.0)
        self.survey.only_when_scored = True
        self.assertEqual(self.other.kam_score_total, 60.0)
        # Archived, the criterion no longer weighs (nor would a new criterion, once
        # created, leave the stored totals stale).
        self.survey.active = False
        self.assertEqual(self.other.kam_score_total, 60.0)
        regular = self.env["kam.score.criterion"].create(
            {"name": "New", "weight": self.weight}
        )
        self.assertEqual(self.other.kam_score_total, 30.0)
        regular.active = False
        self.assertEqual(self.other.kam_score_total, 60.0)
