# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RelationshipCareCase


class ReviewClubCase(RelationshipCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Our own campaign only: the shipped ones are switched off.
        cls.env["rc.review.campaign"].search([]).active = False
        cls.survey = cls.env.ref("relationship_care.rc_survey_satisfaction")
        cls.campaign = cls.env["rc.review.campaign"].create(
            {
                "name": "Test quarterly",
                "tier": "key",
                "cadence_months": 3,
                "survey_id": cls.survey.id,
                "company_id": False,
            }
        )
        cls.q_recommend = cls.env.ref("relationship_care.rc_survey_question_recommend")
        cls.q_service = cls.env.ref("relationship_care.rc_survey_question_service")
        cls.criterion = cls.env.ref("relationship_care.rc_score_criterion_satisfaction")
        cls.portal = new_test_user(
            cls.env, login="rc_portal", groups="base.group_portal"
        )
        cls.employee = new_test_user(
            cls.env, login="rc_employee", groups="base.group_user"
        )
        cls.gold = cls.env.ref("relationship_care.rc_club_level_gold")
        cls.silver = cls.env.ref("relationship_care.rc_club_level_silver")

    def _review(self, account=None, **vals):
        return self.env["rc.review"].create(
            {
                "campaign_id": self.campaign.id,
                "account_id": (account or self.acc_a).id,
                **vals,
            }
        )

    def _answer(self, review, person, values, end=None):
        """An answer of ``person`` to ``review``: {question: scale value}, then done."""
        answer = self.survey._create_answer(
            partner=person, check_attempts=False, rc_review_id=review.id
        )
        for question, value in values.items():
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": question.id,
                    "answer_type": "scale",
                    "value_scale": value,
                }
            )
        answer._mark_done()
        if end:
            answer.end_datetime = end
            review.account_id._rc_update_satisfaction()
        return answer


@tagged("post_install", "-at_install")
class TestReviews(ReviewClubCase):
    def _job_reviews(self):
        return self.env["rc.review"].search([("campaign_id", "=", self.campaign.id)])

    def test_job_opens_due_reviews_once_with_an_activity(self):
        Campaign = self.env["rc.review.campaign"]
        Campaign._cron_rc_reviews()
        reviews = self._job_reviews()
        self.assertIn(self.acc_a, reviews.account_id)
        self.assertIn(self.acc_b, reviews.account_id)
        self.assertNotIn(self.supplier, reviews.account_id, "Not a key account")
        review_a = reviews.filtered(lambda r: r.account_id == self.acc_a)
        self.assertEqual(len(review_a), 1)
        self.assertEqual(review_a.user_id, self.user_a)
        self.assertEqual(review_a.activity_ids.user_id, self.user_a)
        # A second run opens nothing more.
        Campaign._cron_rc_reviews()
        self.assertEqual(self._job_reviews(), reviews)
        self.assertEqual(len(review_a.activity_ids), 1)

    def test_account_reviewed_within_the_cadence_is_not_due(self):
        old = self._review(date_due=fields.Date.today() - timedelta(days=200))
        self._answer(old, self.person_a, {self.q_recommend: 8})
        recent = self._review(account=self.acc_b, date_due=fields.Date.today())
        self._answer(recent, self.person_b, {self.q_recommend: 8})
        due = self.campaign._rc_due_accounts()
        self.assertIn(self.acc_a, due, "Last review older than three months")
        self.assertNotIn(self.acc_b, due, "Reviewed this quarter")

    def test_send_invites_the_decision_chain(self):
        review = self._review()
        review.with_user(self.user_a).action_rc_send()
        self.assertEqual(review.state, "sent")
        self.assertEqual(review.user_input_ids.partner_id, self.person_a)
        self.assertEqual(review.user_input_ids.survey_id, self.survey)
        # Sent twice: nobody is invited twice.
        review.with_user(self.user_a).action_rc_send()
        self.assertEqual(len(review.user_input_ids), 1)

    def test_send_without_key_person_is_refused(self):
        review = self._review(account=self.acc_b)  # person_b has no email
        with self.assertRaisesRegex(UserError, "no key person with an email"):
            review.action_rc_send()
        self.assertEqual(review.state, "due")

    def test_bad_campaign_settings_are_refused(self):
        with self.assertRaises(ValidationError):
            self.campaign.cadence_months = 0
        with self.assertRaises(ValidationError):
            self.campaign.drop_threshold = 11

    def test_answers_scored_and_written_back(self):
        review = self._review()
        review.action_rc_send()
        answer = review.user_input_ids
        for question, value in ((self.q_recommend, 8), (self.q_service, 6)):
            self.env["survey.user_input.line"].create(
                {
                    "user_input_id": answer.id,
                    "question_id": question.id,
                    "answer_type": "scale",
                    "value_scale": value,
                }
            )
        answer._mark_done()
        self.assertEqual(review.state, "done", "Every invited person answered")
        self.assertAlmostEqual(review.score, 7.0)
        self.assertAlmostEqual(self.acc_a.rc_satisfaction_score, 7.0)
        self.assertFalse(self.acc_a.rc_satisfaction_trend, "One review: no trend")
        line = self.acc_a.kam_score_line_ids.filtered(
            lambda line: line.criterion_id == self.criterion
        )
        self.assertEqual(line.score, 7)

    def test_configurable_scale_is_brought_to_ten(self):
        question = self.env["survey.question"].create(
            {
                "survey_id": self.survey.id,
                "title": "One to five",
                "question_type": "scale",
                "scale_min": 1,
                "scale_max": 5,
            }
        )
        review = self._review()
        self._answer(review, self.person_a, {question: 4})
        self.assertAlmostEqual(review.score, 7.5)

    def test_drop_raises_an_early_warning(self):
        now = fields.Datetime.now()
        first = self._review(date_due=fields.Date.today() - timedelta(days=100))
        self._answer(
            first, self.person_a, {self.q_recommend: 9}, now - timedelta(days=95)
        )
        second = self._review()
        self._answer(second, self.person_a, {self.q_recommend: 4}, now)
        self.assertEqual(self.acc_a.rc_satisfaction_trend, "down")
        self.assertAlmostEqual(self.acc_a.rc_satisfaction_previous, 9.0)
        signals = self.acc_a._kam_warning_signals()[self.acc_a.id]
        drops = [s for s in signals if s[0] == "rc_satisfaction_drop"]
        self.assertEqual(len(drops), 1)
        self.assertEqual(drops[0][1], "red", "Fell below 5")
        self.assertEqual(drops[0][2], {"old": 9.0, "new": 4.0})
        self.assertIn(
            "from 9.0 to 4.0",
            self.acc_a._kam_warning_message(drops[0][0], drops[0][2]),
        )
        self.assertEqual(
            self.acc_a.kam_score_line_ids.filtered(
                lambda line: line.criterion_id == self.criterion
            ).score,
            4,
        )
        # A small dip is no signal.
        third = self._review()
        self._answer(
            third, self.person_a, {self.q_recommend: 3}, now + timedelta(hours=1)
        )
        self.assertFalse(
            [
                s
                for s in self.acc_a._kam_warning_signals()[self.acc_a.id]
                if s[0] == "rc_satisfaction_drop"
            ]
        )
        self.assertEqual(self.acc_a.rc_satisfaction_trend, "down")

    def test_review_access(self):
        review_a = self._review()
        review_b = self._review(account=self.acc_b)
        Review = self.env["rc.review"]
        self.assertEqual(
            Review.with_user(self.user_a).search(
                [("id", "in", (review_a | review_b).ids)]
            ),
            review_a,
            "Own team's account only",
        )
        with self.assertRaises(AccessError):
            review_b.with_user(self.user_a).read(["score"])
        with self.assertRaises(AccessError):
            review_b.with_user(self.user_a).action_rc_send()
        # Naming oneself the salesperson does not open another team's account.
        with self.assertRaises(AccessError):
            Review.with_user(self.user_a).create(
                {
                    "campaign_id": self.campaign.id,
                    "account_id": self.acc_b.id,
                    "user_id": self.user_a.id,
                }
            )
        self.assertEqual(
            Review.with_user(self.manager).search_count(
                [("id", "in", (review_a | review_b).ids)]
            ),
            2,
        )
        for user in (self.portal, self.employee):
            with self.assertRaises(AccessError):
                Review.with_user(user).search([])
            with self.assertRaises(AccessError):
                review_a.with_user(user).read(["score"])
        with self.assertRaises(AccessError):
            self.campaign.with_user(self.user_a).write({"cadence_months": 1})
        self.campaign.with_user(self.manager).write({"cadence_months": 1})
        self.assertEqual(self.campaign.cadence_months, 1)


@tagged("post_install", "-at_install")
class TestClub(ReviewClubCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Event = cls.env["event.event"]
        start = fields.Datetime.now() + timedelta(days=10)
        event_vals = {"date_begin": start, "date_end": start + timedelta(hours=8)}
        cls.club_event = Event.create(
            {"name": "Club dinner", "rc_is_club_event": True, **event_vals}
        )
        cls.open_event = Event.create({"name": "Open fair", **event_vals})
        cls.silver_event = Event.create(
            {
                "name": "Silver day",
                "rc_is_club_event": True,
                "rc_club_level_ids": [(6, 0, cls.silver.ids)],
                **event_vals,
            }
        )

    def _register(self, event, partner):
        return self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": partner.id}
        )

    def test_level_follows_the_tier_mapping(self):
        self.assertEqual(self.acc_a.rc_club_level_id, self.gold)
        self.assertEqual(
            self.person_a.rc_club_level_id, self.gold, "Follows its company"
        )
        self.assertFalse(self.supplier.rc_club_level_id)
        self.acc_b.kam_tier = "regular"
        self.assertEqual(self.acc_b.rc_club_level_id, self.silver)
        self.acc_b.kam_tier = "potential"
        self.assertFalse(self.acc_b.rc_club_level_id)
        # A new mapping gives the level to the accounts of its tier.
        bronze = self.env["rc.club.level"].create(
            {"name": "Bronze", "tier": "potential", "company_id": False}
        )
        self.assertEqual(self.acc_b.rc_club_level_id, bronze)

    def test_club_event_takes_members_only(self):
        registration = self._register(self.club_event, self.person_a)
        self.assertEqual(registration.rc_club_level_id, self.gold)
        with self.assertRaisesRegex(ValidationError, "only club members"):
            self._register(self.club_event, self.supplier_person)
        with self.assertRaisesRegex(ValidationError, "open to the club levels"):
            self._register(self.silver_event, self.person_a)
        # Other events are left as they are.
        self.assertTrue(self._register(self.open_event, self.supplier_person))

    def test_participation_history(self):
        self._register(self.club_event, self.person_a)
        self._register(self.open_event, self.person_a)
        self.assertEqual(self.acc_a.rc_club_event_count, 1, "Club events only")
        self.assertEqual(self.person_a.rc_club_event_count, 1)
        self.assertEqual(self.acc_b.rc_club_event_count, 0)
        action = self.acc_a.action_rc_club_participation()
        registrations = self.env["event.registration"].search(action["domain"])
        self.assertEqual(registrations.event_id, self.club_event)

    def test_benefits_within_level_and_limit(self):
        Usage = self.env["rc.club.benefit.usage"]
        training = self.env.ref("relationship_care.rc_club_benefit_training")
        gift = self.env.ref("relationship_care.rc_club_benefit_gift")
        Usage.create(
            {"benefit_id": training.id, "account_id": self.acc_a.id, "quantity": 4}
        )
        with self.assertRaisesRegex(ValidationError, "the limit is 4"):
            Usage.create({"benefit_id": training.id, "account_id": self.acc_a.id})
        with self.assertRaisesRegex(ValidationError, "not a member"):
            Usage.create({"benefit_id": training.id, "account_id": self.supplier.id})
        self.acc_b.kam_tier = "regular"
        with self.assertRaisesRegex(ValidationError, "not a benefit of"):
            Usage.create({"benefit_id": gift.id, "account_id": self.acc_b.id})

    def test_benefit_usage_access(self):
        priority = self.env.ref("relationship_care.rc_club_benefit_priority")
        Usage = self.env["rc.club.benefit.usage"]
        own = Usage.with_user(self.user_a).create(
            {"benefit_id": priority.id, "account_id": self.acc_a.id}
        )
        self.assertEqual(own.level_id, self.gold)
        with self.assertRaises(AccessError):
            Usage.with_user(self.user_a).create(
                {"benefit_id": priority.id, "account_id": self.acc_b.id}
            )
        other = Usage.with_user(self.user_b).create(
            {"benefit_id": priority.id, "account_id": self.acc_b.id}
        )
        self.assertEqual(Usage.with_user(self.user_a).search([]), own)
        self.assertEqual(
            Usage.with_user(self.manager).search([("id", "in", (own | other).ids)]),
            own | other,
        )
        for user in (self.portal, self.employee):
            with self.assertRaises(AccessError):
                Usage.with_user(user).search([])
        with self.assertRaises(AccessError):
            priority.with_user(self.user_a).write({"yearly_limit": 99})
        with self.assertRaises(AccessError):
            self.gold.with_user(self.user_a).write({"tier": "regular"})

    def test_club_report_groups_members_by_level(self):
        groups = self.env["res.partner"]._read_group(
            [
                ("id", "in", (self.acc_a | self.acc_b | self.supplier).ids),
                ("rc_club_level_id", "!=", False),
            ],
            ["rc_club_level_id"],
            ["__count"],
        )
        self.assertEqual(groups, [(self.gold, 2)])
