# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import RelationshipCareCase


@tagged("post_install", "-at_install")
class TestCareRisingStars(RelationshipCareCase):
    """A birthday or holiday policy can also care for the rising stars."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.star = cls.env["res.partner"].create(
            {
                "name": "Rising Star Wu",
                "parent_id": cls.acc_a.id,
                "kam_decision_role": "influencer",
                "kam_is_rising_star": True,
                "birthdate_date": date(1990, 3, 9),
            }
        )
        cls.plain = cls.env["res.partner"].create(
            {
                "name": "Plain Influencer",
                "parent_id": cls.acc_a.id,
                "kam_decision_role": "influencer",
                "birthdate_date": date(1990, 3, 8),
            }
        )

    def _run(self, policy):
        return self.env["rc.care.policy"]._cron_run_care(policies=policy)

    @freeze_time("2027-03-05")
    def test_rising_stars_only_when_asked(self):
        approvers = Command.set(
            self.env.ref("relationship_care.rc_decision_role_approver").ids
        )
        policy = self._policy(name="Approvers", decision_role_ids=[approvers])
        self._run(policy)
        self.assertFalse(self._activities(self.star, policy))
        with_stars = self._policy(
            name="Approvers and rising stars",
            decision_role_ids=[approvers],
            include_rising_stars=True,
        )
        self._run(with_stars)
        self.assertEqual(len(self._activities(self.star, with_stars)), 1)
        self.assertEqual(len(self._activities(self.person_a, with_stars)), 1)
        # an influencer who is no rising star stays out
        self.assertFalse(self._activities(self.plain, with_stars))
