# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestSiteVisit(ShowcaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect = cls.env["res.partner"].create(
            {"name": "杭州地铁 Hangzhou Metro", "is_company": True}
        )

    def _visit(self, showcase, visit_date, name="Visit"):
        visit = self.env["sc.site.visit"].create(
            {
                "name": name,
                "showcase_id": showcase.id,
                "prospect_id": self.prospect.id,
                "visit_date": visit_date,
                "owner_approved": True,
                "customer_consent": True,
            }
        )
        visit.action_approve()
        return visit

    def test_approval_needs_owner_and_customer_consent(self):
        showcase = self._create_showcase()
        self._create_agreement(showcase)
        visit = self.env["sc.site.visit"].create(
            {
                "name": "Visit 1",
                "showcase_id": showcase.id,
                "prospect_id": self.prospect.id,
            }
        )
        with self.assertRaisesRegex(
            UserError,
            "cannot be approved without the showcase owner's approval, the "
            "customer's consent, a visit date",
        ):
            visit.action_approve()
        self.assertEqual(visit.state, "1_request")
        visit.write(
            {
                "owner_approved": True,
                "customer_consent": True,
                "visit_date": "2026-03-02",
            }
        )
        visit.action_approve()
        visit.action_schedule()
        visit.action_done()
        with self.assertRaisesRegex(UserError, "feedback"):
            visit.action_feedback()
        visit.feedback = "Impressed by the dispatch centre"
        visit.action_feedback()
        self.assertEqual(visit.state, "5_feedback")
        with self.assertRaisesRegex(UserError, "cannot be cancelled: it is Feedback"):
            visit.action_cancel()

    def test_yearly_quota_and_next_year(self):
        showcase = self._create_showcase()
        agreement = self._create_agreement(showcase, visits=2, visit_min_rest_days=14)
        with freeze_time("2026-06-15"):
            self._visit(showcase, "2026-03-02", "Visit 1")
            self._visit(showcase, "2026-05-02", "Visit 2")
            showcase.invalidate_recordset()
            self.assertEqual(showcase.visit_quota, 2)
            self.assertEqual(showcase.visit_quota_used, 2)
            third = self.env["sc.site.visit"].create(
                {
                    "name": "Visit 3",
                    "showcase_id": showcase.id,
                    "prospect_id": self.prospect.id,
                    "visit_date": "2026-09-01",
                    "owner_approved": True,
                    "customer_consent": True,
                }
            )
            with self.assertRaises(ValidationError) as ctx:
                third.action_approve()
            self.assertEqual(
                str(ctx.exception),
                f"Visit 3 refused: the agreement {agreement.name} allows 2 prospect "
                "visits in 2026 and 2 are already booked.",
            )
            third.invalidate_recordset()
            self.assertEqual(third.state, "1_request")
        # next year the quota counts again
        with freeze_time("2027-01-10"):
            third.visit_date = "2027-01-20"
            third.action_approve()
            self.assertEqual(third.state, "2_approved")
            showcase.invalidate_recordset()
            self.assertEqual(showcase.visit_quota_used, 1)

    def test_minimum_rest_between_visits(self):
        showcase = self._create_showcase()
        self._create_agreement(showcase, visits=5, visit_min_rest_days=14)
        self._visit(showcase, "2026-03-02", "Visit 1")
        with self.assertRaisesRegex(
            ValidationError, "needs at least 14 days between two visits; Visit 1"
        ):
            self._visit(showcase, "2026-03-10", "Visit 2")
        self._visit(showcase, "2026-03-16", "Visit 2")

    def test_no_agreement_no_visit(self):
        showcase = self._create_showcase()
        with self.assertRaisesRegex(
            ValidationError, "has no signed showcase agreement"
        ):
            self._visit(showcase, "2026-03-02")

    @freeze_time("2026-06-15")
    def test_cancelled_visit_frees_quota(self):
        showcase = self._create_showcase()
        self._create_agreement(showcase, visits=1)
        first = self._visit(showcase, "2026-03-02", "Visit 1")
        self.assertEqual(showcase.visit_quota_used, 1)
        # The only visit of the year is booked: another one is refused...
        with self.assertRaisesRegex(ValidationError, "1 are already booked"):
            self._visit(showcase, "2026-04-02", "Visit 2")
        # ...until the booked one is cancelled, which gives its place back.
        first.action_cancel()
        self.assertEqual(first.state, "9_cancel")
        showcase.invalidate_recordset(["visit_quota_used"])
        self.assertEqual(showcase.visit_quota_used, 0)
        second = self._visit(showcase, "2026-04-02", "Visit 2")
        self.assertEqual(second.state, "2_approved")
        showcase.invalidate_recordset(["visit_quota_used"])
        self.assertEqual(showcase.visit_quota_used, 1)

    def test_rest_days_across_new_year(self):
        showcase = self._create_showcase()
        self._create_agreement(showcase, visits=5, visit_min_rest_days=14)
        self._visit(showcase, "2026-12-28", "Visit 1")
        with self.assertRaisesRegex(ValidationError, "at least 14 days"):
            self._visit(showcase, "2027-01-03", "Visit 2")
