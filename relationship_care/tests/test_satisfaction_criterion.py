# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestSatisfactionCriterion(RelationshipCareCase):
    """Installing relationship_care does not lower the scorecards: its satisfaction
    criterion counts only for the accounts that have a satisfaction score."""

    def test_satisfaction_counts_only_when_scored(self):
        criterion = self.env.ref("relationship_care.rc_score_criterion_satisfaction")
        self.assertTrue(criterion.only_when_scored)
        others = self.env["kam.score.criterion"].search([("id", "!=", criterion.id)])
        self.acc_a.kam_score_line_ids = [
            (0, 0, {"criterion_id": c.id, "score": 6}) for c in others
        ]
        self.assertEqual(self.acc_a.kam_score_total, 60.0)
        self.env["kam.score.line"].create(
            {"partner_id": self.acc_a.id, "criterion_id": criterion.id, "score": 10}
        )
        weight = sum(others.mapped("weight"))
        self.assertAlmostEqual(
            self.acc_a.kam_score_total,
            round(
                (weight * 6 + criterion.weight * 10) / (weight + criterion.weight) * 10,
                1,
            ),
        )
