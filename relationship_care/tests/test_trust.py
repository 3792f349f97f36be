# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 9, relationship_care's part: attacks as a curious salesperson, a customer with a
portal login or a plain employee would try them over RPC, each asserting the refusal and
that nothing changed, next to the legitimate path."""

import importlib.util
import os
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import RelationshipCareCase

BIRTHDAY_A = date(1975, 3, 10)


class TrustCase(RelationshipCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A plain employee who may create and edit contacts and export, as most are.
        cls.employee = new_test_user(
            cls.env,
            login="rc_trust_employee",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )
        cls.crm_user = new_test_user(
            cls.env,
            login="rc_trust_crm",
            groups="sales_team.group_sale_salesman,base.group_partner_manager,"
            "base.group_allow_export",
        )
        cls.manager_2 = new_test_user(
            cls.env,
            login="rc_trust_manager_2",
            groups="key_account_management.group_kam_manager",
            name="Second Manager",
        )
        portal_contact = cls.env["res.partner"].create(
            {"name": "Portal colleague", "parent_id": cls.acc_a.id}
        )
        cls.portal = new_test_user(
            cls.env,
            login="rc_trust_portal",
            groups="base.group_portal",
            partner_id=portal_contact.id,
        )
        cls.ordinary = cls.env["res.partner"].create(
            {
                "name": "Ordinary Contact",
                "parent_id": cls.supplier.id,
                "birthdate_date": date(1990, 5, 5),
            }
        )
        cls.outsiders = (cls.employee, cls.crm_user, cls.user_b, cls.portal)

    def _fresh(self, records):
        """Re-read as the system, with nothing from the attacker's cache."""
        self.env.invalidate_all()
        return records.sudo()


@tagged("post_install", "-at_install")
class TestTrustGift(TrustCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "rc_gift_limit": 500,
                "rc_gift_limit_year": 2000,
                "rc_gift_official_limit": 200,
                "rc_gift_official_limit_year": 200,
                "kam_four_eyes": True,
            }
        )
        cls.official = cls.env["res.partner"].create(
            {"name": "Official", "parent_id": cls.acc_a.id, "rc_public_official": True}
        )

    def _gift(self, amount, user=None, partner=None):
        return (
            self.env["rc.gift"]
            .with_user(user or self.user_a)
            .create(
                {
                    "name": "Tea",
                    "partner_id": (partner or self.person_a).id,
                    "amount": amount,
                    "currency_id": self.company.currency_id.id,
                }
            )
        )

    def _approved(self, amount=800):
        gift = self._gift(amount)
        gift.action_submit()
        if gift.state == "to_approve":
            gift.with_user(self.manager).validate_tier()
        self.assertEqual(gift.state, "approved")
        return gift

    def test_state_only_through_buttons(self):
        Gift = self.env["rc.gift"].with_user(self.user_a)
        count = Gift.search_count([])
        for forged in (
            {"state": "approved"},
            {"approved_amount": 1e6},
            {"approved_partner_id": self.person_a.id},
        ):
            with self.assertRaises(UserError):
                Gift.create(
                    dict(
                        {"name": "Forged", "partner_id": self.person_a.id, "amount": 9},
                        **forged,
                    )
                )
        self.assertEqual(Gift.search_count([]), count)
        gift = self._gift(800)
        interaction = self.env["rc.interaction"].create(
            {"name": "Other", "account_id": self.acc_a.id}
        )
        for vals in (
            {"state": "approved"},
            {"state": "given"},
            {"approved_amount": 1e6},
            {"interaction_id": interaction.id},
        ):
            for context in ({}, {"rc_gift_transition": True}):
                with self.assertRaises(UserError):
                    gift.with_context(**context).write(vals)
        fresh = self._fresh(gift)
        self.assertEqual(fresh.state, "draft")
        self.assertFalse(fresh.interaction_id)
        self.assertFalse(fresh.approved_amount)

    def test_submit_and_validate_in_one_transaction(self):
        # Issue 9: submitted and validated in the same transaction used to end in a
        # RecursionError (stale tier caches: the state change requested new reviews,
        # validated them and changed the state again).
        gift = self._gift(800)
        gift.action_submit()
        gift.with_user(self.manager).validate_tier()
        self.assertEqual(gift.state, "approved")
        self.assertEqual(gift.validation_status, "validated")
        self.assertEqual(len(gift.review_ids), 1)
        gift.action_give()
        self.assertEqual(gift.state, "given")
        # And refusing in the same transaction.
        refused = self._gift(900)
        refused.action_submit()
        refused.with_user(self.manager).reject_tier()
        self.assertEqual(refused.state, "refused")

    def test_recursion_cause(self):
        """The cause of the RecursionError: tier.review points to the gift by a
        Many2oneReference, so the "needs validation" flag computed before the reviews
        existed stayed cached as True. Approving then wrote the state, tier.validation's
        write saw the stale flag, requested new reviews, validated them, wrote the state
        again... (reproduced by hand: RecursionError). kam.tier.workflow.mixin now drops those
        caches around every transition."""
        with (
            patch.object(
                type(self.env["rc.gift"]),
                "_workflow_invalidate_reviews",
                lambda self: None,
            ),
            # (posting the review request's notification reset the caches in tests)
            patch.object(
                type(self.env["rc.gift"]),
                "_notify_review_requested",
                lambda self, reviews: None,
            ),
        ):
            stale = self._gift(800)
            stale.action_submit()
            self.assertTrue(stale.review_ids)
            self.assertTrue(stale.need_validation)  # stale: reviews exist
        self.env.invalidate_all()
        gift = self._gift(800)
        gift.action_submit()
        self.assertFalse(gift.need_validation)
        gift.with_user(self.manager).validate_tier()
        # One review, approved by the manager: no nested request.
        self.assertEqual(
            gift.review_ids.mapped(lambda r: (r.status, r.requested_by)),
            [("approved", self.user_a)],
        )

    def test_raise_after_approval_sends_back_for_approval(self):
        gift = self._approved(800)
        self.assertEqual(gift.approved_amount, 800)
        # The owner raises the value of the approved gift, then tries to give it.
        gift.with_user(self.user_a).write({"amount": 100000})
        self.assertEqual(gift.state, "to_approve")
        self.assertNotEqual(gift.validation_status, "validated")
        self.assertFalse(gift.approved_amount)
        # one open review (tier.validation moves it from waiting to pending in a compute)
        self.assertIn(gift.review_ids.mapped("status"), (["waiting"], ["pending"]))
        with self.assertRaises(UserError):
            gift.with_user(self.user_a).action_give()
        fresh = self._fresh(gift)
        self.assertEqual((fresh.state, fresh.amount), ("to_approve", 100000))
        self.assertFalse(fresh.interaction_id)
        # A manager approves the new value: now it may be given.
        gift.with_user(self.manager).validate_tier()
        self.assertEqual((gift.state, gift.approved_amount), ("approved", 100000))
        gift.with_user(self.user_a).action_give()
        self.assertEqual(gift.state, "given")

    def test_within_limit_gift_raised_needs_approval(self):
        gift = self._approved(300)
        self.assertFalse(gift.review_ids)
        for vals in (
            {"amount": 100000},
            {"partner_id": self.official.id},
        ):
            gift = self._approved(300)
            gift.with_user(self.user_a).write(vals)
            self.assertEqual(gift.state, "to_approve", vals)
            with self.assertRaises(UserError):
                gift.with_user(self.user_a).action_give()
            self.assertEqual(self._fresh(gift).state, "to_approve")

    def test_other_changes_after_approval_never_keep_it(self):
        other = self.env["res.partner"].create(
            {"name": "Other Person", "parent_id": self.acc_a.id}
        )
        for vals in (
            {"partner_id": other.id},
            {"date": date(2026, 1, 2)},
            {"gift_type": "hospitality"},
            {"name": "A watch"},
        ):
            gift = self._approved(800)
            # Even with tier validation's own bypass key.
            gift.with_user(self.user_a).with_context(skip_validation_check=True).write(
                vals
            )
            self.assertEqual(gift.state, "to_approve", vals)
            self.assertIn(
                gift.review_ids.mapped("status"), (["waiting"], ["pending"]), vals
            )
            self.assertTrue(
                gift.message_ids.filtered(lambda m: "Changed" in str(m.body)), vals
            )

    def test_give_rechecks_the_approval(self):
        self.company.rc_gift_limit_year = 700
        gift = self._approved(300)
        # Another gift to the same person this year: the first is now above the yearly
        # limit, which its automatic approval did not cover.
        self._gift(500)
        with self.assertRaises(UserError):
            gift.with_user(self.user_a).action_give()
        fresh = self._fresh(gift)
        self.assertEqual(fresh.state, "approved")
        self.assertFalse(fresh.interaction_id)
        # Changed behind the workflow's back (system code, SQL): not given either.
        self.company.rc_gift_limit_year = 2000
        approved = self._approved(800)
        approved.sudo().amount = 5000
        with self.assertRaises(UserError):
            approved.with_user(self.user_a).action_give()
        self.assertEqual(self._fresh(approved).state, "approved")

    def test_four_eyes(self):
        own = self._gift(800, user=self.manager)
        own.with_user(self.manager).action_submit()
        with self.assertRaises(UserError):
            own.with_user(self.manager).validate_tier()
        fresh = self._fresh(own)
        self.assertEqual(fresh.state, "to_approve")
        self.assertEqual(fresh.review_ids.mapped("status"), ["pending"])
        # Nor by the comment wizard's path.
        with self.assertRaises(UserError):
            own.with_user(self.manager)._validate_tier()
        self.assertEqual(self._fresh(own).state, "to_approve")
        # A manager who submitted somebody else's gift cannot approve it either.
        submitted = self._gift(800)
        submitted.with_user(self.manager).action_submit()
        with self.assertRaises(UserError):
            submitted.with_user(self.manager).validate_tier()
        self.assertEqual(self._fresh(submitted).state, "to_approve")
        # Another manager can.
        own.with_user(self.manager_2).validate_tier()
        self.assertEqual(own.state, "approved")
        # A small company turns the rule off.
        self.company.kam_four_eyes = False
        mine = self._gift(800, user=self.manager)
        mine.with_user(self.manager).action_submit()
        mine.with_user(self.manager).validate_tier()
        self.assertEqual(mine.state, "approved")

    def test_outsiders_cannot_touch_gifts(self):
        gift = self._gift(800)
        gift.action_submit()
        for user in self.outsiders:
            with self.assertRaises(AccessError):
                gift.with_user(user).validate_tier()
            with self.assertRaises(AccessError):
                gift.with_user(user).action_reset_draft()
        fresh = self._fresh(gift)
        self.assertEqual(fresh.state, "to_approve")
        self.assertEqual(fresh.review_ids.mapped("status"), ["pending"])


@tagged("post_install", "-at_install")
class TestTrustCareJob(TrustCase):
    @freeze_time("2027-03-05")
    def test_run_now_is_for_managers(self):
        policy = self._policy(name="Run now trust")
        Occasion = self.env["rc.care.occasion"]
        for user in (self.user_a, self.user_b):
            with self.assertRaises(AccessError):
                policy.with_user(user).action_run_now()
        for user in (self.employee, self.crm_user, self.portal):
            with self.assertRaises(AccessError):
                policy.with_user(user).action_run_now()
        self.env.invalidate_all()
        self.assertFalse(Occasion.search([("policy_id", "=", policy.id)]))
        self.assertFalse(self._activities(self.person_a, policy))
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "like", "a@example")])
        )
        # The manager's button works.
        policy.with_user(self.manager).action_run_now()
        self.assertEqual(len(self._activities(self.person_a, policy)), 1)


@tagged("post_install", "-at_install")
class TestTrustPersonalData(TrustCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile_a = cls.person_a.rc_care_profile_ids
        cls.profile_a.write(
            {"lunar_birthday": False, "private_phone": "+86 138 0000 0001"}
        )
        cls.person_a.kam_family_notes = "Daughter at Fudan"
        cls.policy = cls._policy(
            name="Trust birthdays",
            send_email=True,
            mail_template_id=cls.env.ref(
                "relationship_care.mail_template_birthday_greeting"
            ).id,
        )
        with freeze_time("2027-03-05"):
            cls.env["rc.care.policy"]._cron_run_care(policies=cls.policy)
        cls.occasion = cls.env["rc.care.occasion"].search(
            [("policy_id", "=", cls.policy.id), ("partner_id", "=", cls.person_a.id)]
        )

    def test_birthday_is_in_the_private_profile(self):
        self.assertFalse(self.person_a.birthdate_date)
        self.assertEqual(self.profile_a.birthdate, BIRTHDAY_A)
        self.assertEqual(self.profile_a.birthday_key, 310)
        self.assertEqual(self.person_a.sudo().rc_birthday_key, 0)
        # Ordinary contacts keep OCA's behaviour.
        self.assertEqual(self.ordinary.birthdate_date, date(1990, 5, 5))
        self.assertFalse(self.ordinary.rc_care_profile_ids)

    def test_no_oracle_for_outsiders(self):
        for user in self.outsiders:
            Partner = self.env["res.partner"].with_user(user)
            self.env.invalidate_all()
            for domain in (
                [("birthdate_date", "=", BIRTHDAY_A)],
                [("rc_birthdate", "=", BIRTHDAY_A)],
                [
                    ("rc_birthdate", ">=", date(1975, 1, 1)),
                    ("rc_birthdate", "<=", date(1975, 12, 31)),
                ],
                [("birthdate_date", "!=", False), ("id", "=", self.person_a.id)],
                [("rc_birthdate", "!=", False), ("id", "=", self.person_a.id)],
            ):
                self.assertFalse(
                    Partner.search(domain + [("id", "=", self.person_a.id)]),
                    (user.login, domain),
                )
            try:
                found = Partner.search(
                    [
                        ("birthdate_date", "=", BIRTHDAY_A),
                        ("kam_is_key_person", "=", True),
                    ]
                )
            except AccessError:
                found = Partner.browse()
            self.assertFalse(found, user.login)
            try:
                values = Partner.browse(self.person_a.id).read(
                    ["birthdate_date", "rc_birthdate", "age"]
                )[0]
            except AccessError:
                continue  # a portal user may not read the colleague at all
            self.assertFalse(values["birthdate_date"], user.login)
            self.assertFalse(values["birthdate_date"], user.login)
            self.assertFalse(values["rc_birthdate"], user.login)
            self.assertFalse(values["age"], user.login)
            if user.has_group("base.group_allow_export"):
                exported = Partner.browse(self.person_a.id).export_data(
                    ["birthdate_date", "rc_birthdate"]
                )["datas"]
                self.assertFalse(any(exported[0]), user.login)
            groups = Partner.read_group(
                [("id", "=", self.person_a.id)],
                ["birthdate_date"],
                ["birthdate_date:day"],
            )
            self.assertEqual([g["birthdate_date:day"] for g in groups], [False])

    def test_profile_paths_closed_to_outsiders(self):
        for user in self.outsiders:
            self.env.invalidate_all()
            if user.has_group("key_account_management.group_kam_user"):
                Profile = self.env["rc.care.profile"].with_user(user)
                self.assertFalse(
                    Profile.search([("partner_id", "=", self.person_a.id)])
                )
                self.assertFalse(
                    Profile.search(
                        [("birthday_key", "=", 310), ("id", "=", self.profile_a.id)]
                    )
                )
                self.assertFalse(Profile.name_search("Person A"))
                with self.assertRaises(AccessError):
                    self.profile_a.with_user(user).read(["birthdate", "private_phone"])
                groups = Profile.read_group(
                    [("id", "=", self.profile_a.id)], ["birthdate"], ["birthdate:day"]
                )
                self.assertFalse(groups)
                Partner = self.env["res.partner"].with_user(user)
                self.assertFalse(
                    Partner.search(
                        [
                            ("rc_care_profile_ids.birthdate", "=", BIRTHDAY_A),
                            ("id", "=", self.person_a.id),
                        ]
                    )
                )
                self.assertFalse(
                    self.env["rc.care.occasion"]
                    .with_user(user)
                    .search([("id", "=", self.occasion.id)])
                )
                with self.assertRaises(AccessError):
                    self.occasion.with_user(user).read(["occasion_key", "date"])
            else:
                for model in ("rc.care.profile", "rc.care.occasion"):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])

    def test_care_activities_are_private(self):
        activity = self.occasion.activity_id
        self.assertEqual(activity.res_model, "rc.care.profile")
        self.assertEqual(activity.res_id, self.profile_a.id)
        self.assertEqual(activity.date_deadline, date(2027, 3, 10))
        self.assertNotIn("03-10", activity.summary)
        # Nothing on the contact record that everybody reads.
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.person_a.id)]
            )
        )
        for user in self.outsiders:
            self.env.invalidate_all()
            Activity = self.env["mail.activity"].with_user(user)
            try:
                found = Activity.search([("id", "=", activity.id)])
                found.read(["summary", "note", "date_deadline"])
            except AccessError:
                found = Activity.browse()
            else:
                self.assertFalse(found, user.login)
            if user != self.portal:
                self.assertFalse(
                    self.env["res.partner"]
                    .with_user(user)
                    .browse(self.person_a.id)
                    .activity_ids,
                    user.login,
                )
            # Nor in the chatter: the greeting e-mail is not attached to the contact.
            try:
                messages = (
                    self.env["mail.message"]
                    .with_user(user)
                    .search(
                        [
                            ("model", "=", "res.partner"),
                            ("res_id", "=", self.person_a.id),
                        ]
                    )
                )
            except AccessError:
                messages = self.env["mail.message"]
            self.assertFalse(
                messages.filtered(lambda m: "birthday" in (m.subject or "").lower()),
                user.login,
            )
        # The greeting was sent.
        self.assertTrue(self.occasion.mail_sent)
        # The team reads and does its activity.
        self.env.invalidate_all()
        mine = (
            self.env["mail.activity"]
            .with_user(self.user_a)
            .search([("id", "=", activity.id)])
        )
        self.assertEqual(mine, activity)
        self.assertIn("2027-03-10", mine.note)
        self.assertEqual(self.profile_a.with_user(self.user_a).activity_ids, activity)

    def test_meeting_from_care_activity_is_private(self):
        activity = self.occasion.activity_id
        action = (
            activity.with_user(self.user_a)
            .with_context(
                default_res_model="rc.care.profile", default_res_id=self.profile_a.id
            )
            .action_create_calendar_event()
        )
        event = (
            self.env["calendar.event"]
            .with_user(self.user_a)
            .with_context(**action["context"])
            .create(
                {
                    "name": "Birthday call with Person A",
                    "start": "2027-03-10 09:00:00",
                    "stop": "2027-03-10 10:00:00",
                    "privacy": "public",
                }
            )
        )
        self.assertEqual(event.privacy, "private")
        event.with_user(self.user_a).privacy = "public"
        self.assertEqual(self._fresh(event).privacy, "private")
        for user in (self.employee, self.crm_user, self.user_b):
            self.env.invalidate_all()
            values = event.with_user(user).read(["name", "description"])[0]
            self.assertNotIn("Birthday", values["name"] or "", user.login)
            self.assertNotIn("03-10", str(values["description"] or ""), user.login)
        self.env.invalidate_all()
        self.assertIn(
            "Birthday", event.with_user(self.user_a).read(["name"])[0]["name"]
        )

    def test_team_and_managers_read_and_write(self):
        for user in (self.user_a, self.manager):
            self.env.invalidate_all()
            partner = self.person_a.with_user(user)
            self.assertEqual(partner.rc_birthdate, BIRTHDAY_A, user.login)
            self.assertTrue(partner.rc_birthdate_private)
            self.assertEqual(
                self.env["res.partner"]
                .with_user(user)
                .search(
                    [("rc_birthdate", "=", BIRTHDAY_A), ("id", "=", self.person_a.id)]
                ),
                self.person_a,
            )
            profile = self.profile_a.with_user(user)
            self.assertEqual(profile.private_phone, "+86 138 0000 0001")
            self.assertEqual(profile.family_notes, "Daughter at Fudan")
        # The team corrects the birthday, through the partner or the profile.
        self.person_a.with_user(self.user_a).write({"rc_birthdate": date(1975, 3, 11)})
        self.assertEqual(self._fresh(self.profile_a).birthdate, date(1975, 3, 11))
        self.assertFalse(self._fresh(self.person_a).birthdate_date)
        self.person_a.with_user(self.user_a).write(
            {"birthdate_date": date(1975, 3, 12)}
        )
        fresh = self._fresh(self.profile_a)
        self.assertEqual(
            (fresh.birthdate, fresh.birthday_key), (date(1975, 3, 12), 312)
        )
        self.assertFalse(self._fresh(self.person_a).birthdate_date)

    def test_outsiders_cannot_write_private_birthdays(self):
        for user in (self.employee, self.crm_user, self.user_b):
            for fname in ("birthdate_date", "rc_birthdate"):
                with self.assertRaises(AccessError, msg=(user.login, fname)):
                    self.person_a.with_user(user).write({fname: date(2000, 1, 1)})
            with self.assertRaises(AccessError):
                self.env["rc.care.profile"].with_user(user).create(
                    {"partner_id": self.person_a.id, "private_phone": "spy"}
                )
        fresh = self._fresh(self.profile_a)
        self.assertEqual(fresh.birthdate, BIRTHDAY_A)
        self.assertEqual(fresh.private_phone, "+86 138 0000 0001")
        self.assertFalse(self._fresh(self.person_a).birthdate_date)

    def test_plain_users_keep_editing_ordinary_contacts(self):
        for day, user in ((6, self.employee), (7, self.crm_user)):
            contact = self.ordinary.with_user(user)
            self.assertEqual(contact.birthdate_date, date(1990, 5, day - 1))
            contact.write({"birthdate_date": date(1990, 5, day), "phone": "123"})
            self.assertEqual(
                self._fresh(self.ordinary).birthdate_date, date(1990, 5, day)
            )
            self.env.invalidate_all()
            self.assertEqual(contact.rc_birthdate, date(1990, 5, day))
            self.assertFalse(contact.rc_birthdate_private)
            new = (
                self.env["res.partner"]
                .with_user(user)
                .create(
                    {"name": f"New {user.login}", "birthdate_date": date(1991, 1, 1)}
                )
            )
            self.assertEqual(new.birthdate_date, date(1991, 1, 1))
            self.assertEqual(
                self.env["res.partner"]
                .with_user(user)
                .search(
                    [("birthdate_date", "=", date(1991, 1, 1)), ("id", "=", new.id)]
                ),
                new,
            )
            # Other fields of a key person stay editable.
            self.person_a.with_user(user).write({"phone": "+86 21 5555"})
            self.assertEqual(self._fresh(self.person_a).phone, "+86 21 5555")
        self.assertFalse(self._fresh(self.person_a).birthdate_date)

    def test_becoming_a_key_person_makes_the_birthday_private(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Rising Star",
                "parent_id": self.acc_a.id,
                "birthdate_date": date(1988, 8, 8),
            }
        )
        self.assertEqual(contact.birthdate_date, date(1988, 8, 8))
        contact.with_user(self.user_a).write({"kam_decision_role": "decision_maker"})
        fresh = self._fresh(contact)
        self.assertFalse(fresh.birthdate_date)
        self.assertEqual(fresh.rc_care_profile_ids.birthdate, date(1988, 8, 8))
        self.env.invalidate_all()
        self.assertFalse(contact.with_user(self.employee).rc_birthdate)
        self.assertEqual(contact.with_user(self.user_a).rc_birthdate, date(1988, 8, 8))


@tagged("post_install", "-at_install")
class TestTrustRules(TrustCase):
    def test_interactions_only_by_the_team(self):
        Interaction = self.env["rc.interaction"]
        count = Interaction.search_count([])
        # Another team's salesperson owns the line, which satisfies the read rule.
        with self.assertRaises(AccessError):
            Interaction.with_user(self.user_b).create(
                {
                    "name": "Fake visit",
                    "account_id": self.acc_a.id,
                    "user_id": self.user_b.id,
                    "contact_ids": [Command.set(self.person_a.ids)],
                }
            )
        mine = Interaction.with_user(self.user_b).create(
            {"name": "My visit", "account_id": self.acc_b.id}
        )
        with self.assertRaises(AccessError):
            mine.write({"account_id": self.acc_a.id})
        self.assertEqual(self._fresh(mine).account_id, self.acc_b)
        self.assertEqual(Interaction.search_count([]), count + 1)
        # The team logs its own.
        Interaction.with_user(self.user_a).create(
            {"name": "Real visit", "account_id": self.acc_a.id}
        )
        Interaction.with_user(self.manager).create(
            {"name": "Manager visit", "account_id": self.acc_a.id}
        )
        self.assertEqual(Interaction.search_count([]), count + 3)

    def test_records_not_moved_to_another_team(self):
        gift = (
            self.env["rc.gift"]
            .with_user(self.user_a)
            .create({"name": "G", "partner_id": self.person_a.id, "amount": 10})
        )
        with self.assertRaises(AccessError):
            gift.write({"partner_id": self.person_b.id})
        self.assertEqual(self._fresh(gift).partner_id, self.person_a)
        profile = self.person_a.rc_care_profile_ids.with_user(self.user_a)
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer B", "parent_id": self.acc_b.id}
        )
        with self.assertRaises(UserError):
            profile.write({"partner_id": newcomer.id})
        self.assertEqual(self._fresh(profile).partner_id, self.person_a)

    def test_calendar_log_visit(self):
        event = self.env["calendar.event"].create(
            {
                "name": "Review",
                "start": "2027-04-01 09:00:00",
                "stop": "2027-04-01 10:00:00",
                "partner_ids": [Command.set([self.person_a.id])],
            }
        )
        for user in (self.employee, self.crm_user, self.user_b):
            with self.assertRaises(AccessError):
                event.with_user(user).action_rc_log_visit()
        self.assertFalse(self._fresh(event).rc_interaction_ids)
        action = event.with_user(self.user_a).action_rc_log_visit()
        interaction = self.env["rc.interaction"].browse(action["res_id"])
        self.assertEqual(interaction.account_id, self.acc_a)
        with self.assertRaises(AccessError):
            interaction.with_user(self.user_b).read(["name", "outcome"])

    def test_per_team_models(self):
        gift_a = self.env["rc.gift"].create(
            {"name": "G", "partner_id": self.person_a.id, "amount": 10}
        )
        visit_a = self.env["rc.interaction"].create(
            {"name": "V", "account_id": self.acc_a.id, "user_id": self.user_a.id}
        )
        for model, record in (
            ("rc.gift", gift_a),
            ("rc.interaction", visit_a),
            ("rc.care.profile", self.person_a.rc_care_profile_ids),
        ):
            self.assertTrue(record, model)
            Model = self.env[model].with_user(self.user_b)
            self.assertNotIn(record, Model.search([]), model)
            with self.assertRaises(AccessError):
                record.with_user(self.user_b).read(["display_name"])
            vals = {
                "rc.gift": {"note": "x"},
                "rc.interaction": {"outcome": "x"},
                "rc.care.profile": {"private_phone": "x"},
            }[model]
            with self.assertRaises(AccessError):
                record.with_user(self.user_b).write(vals)
            with self.assertRaises(AccessError):
                record.with_user(self.user_b).unlink()
            self.assertTrue(self._fresh(record).exists(), model)
            self.assertIn(record, self.env[model].with_user(self.user_a).search([]))
            self.assertIn(record, self.env[model].with_user(self.manager).search([]))
            for user in (self.employee, self.crm_user, self.portal):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "RC Trust Other Co"})
        self.manager.company_ids = [Command.link(other.id)]
        account = self.env["res.partner"].create(
            {
                "name": "Other Co Account",
                "is_company": True,
                "company_id": other.id,
                "kam_tier": "key",
                "kam_manager_id": self.user_a.id,
            }
        )
        person = self.env["res.partner"].create(
            {
                "name": "Other Co Person",
                "parent_id": account.id,
                "company_id": other.id,
                "kam_decision_role": "approver",
                "birthdate_date": date(1970, 1, 1),
            }
        )
        profile = person.rc_care_profile_ids
        self.assertEqual(profile.company_id, other)
        gift = self.env["rc.gift"].create(
            {
                "name": "G",
                "partner_id": person.id,
                "amount": 10,
                "company_id": other.id,
            }
        )
        visit = self.env["rc.interaction"].create(
            {"name": "V", "account_id": account.id, "company_id": other.id}
        )
        # user_a is on the account's team but not in its company.
        for model, record in (
            ("rc.gift", gift),
            ("rc.interaction", visit),
            ("rc.care.profile", profile),
        ):
            self.assertNotIn(record, self.env[model].with_user(self.user_a).search([]))
            visible = (
                self.env[model]
                .with_user(self.manager)
                .with_context(allowed_company_ids=[self.env.company.id, other.id])
                .search([])
            )
            self.assertIn(record, visible, model)
        self.env.invalidate_all()
        self.assertFalse(person.with_user(self.user_a).rc_birthdate)

    def test_portal_reads_no_internal_fields(self):
        Partner = self.env["res.partner"].with_user(self.portal)
        for fname in (
            "rc_public_official",
            "rc_last_interaction_date",
            "rc_sla_breach_date",
            "rc_poor_rating_date",
            "rc_sla_response_hours",
            "rc_birthday_key",
            "rc_care_profile_ids",
            "rc_care_compliance",
        ):
            with self.assertRaises(AccessError, msg=fname):
                Partner.browse(self.portal.partner_id.id).read([fname])
            with self.assertRaises(AccessError, msg=fname):
                Partner.search([(fname, "!=", False)])
        # The portal user still reads its own contact's ordinary fields.
        self.assertTrue(Partner.browse(self.portal.partner_id.id).read(["name"]))

    def test_no_care_profile_existence_oracle(self):
        # "Which contacts have a care profile" (i.e. are cared for) is answered through
        # the profiles' access rights and record rules, not by a bare SQL subquery.
        for user in (self.employee, self.crm_user, self.portal):
            Partner = self.env["res.partner"].with_user(user)
            for domain in (
                [("rc_care_profile_ids", "!=", False)],
                [("rc_care_profile_ids", "=", False)],
                [("rc_care_profile_ids", "in", self.person_a.rc_care_profile_ids.ids)],
                [("rc_care_profile_ids.birthdate", "=", BIRTHDAY_A)],
            ):
                with self.assertRaises(AccessError, msg=(user.login, domain)):
                    Partner.search(domain)
        Partner = self.env["res.partner"].with_user(self.user_b)
        people = self.person_a | self.person_b
        self.assertEqual(
            Partner.search(
                [("rc_care_profile_ids", "!=", False), ("id", "in", people.ids)]
            ),
            self.person_b,
        )
        self.assertIn(
            self.person_a,
            Partner.search(
                [("rc_care_profile_ids", "=", False), ("id", "in", people.ids)]
            ),
        )
        self.assertFalse(
            Partner.search(
                [
                    (
                        "rc_care_profile_ids",
                        "in",
                        self.person_a.rc_care_profile_ids.ids,
                    ),
                ]
            )
        )
        # The team and the managers find their own.
        for user in (self.user_a, self.manager):
            self.assertIn(
                self.person_a,
                self.env["res.partner"]
                .with_user(user)
                .search([("rc_care_profile_ids", "!=", False)]),
            )


@tagged("post_install", "-at_install")
class TestTrustMigration(TrustCase):
    def test_upgrade_moves_birthdays_and_activities(self):
        """18.0.0.2.0: key persons' shared birthdates and the care activities about
        people move into the care profiles."""
        path = os.path.join(
            os.path.dirname(os.path.dirname(__file__)),
            "migrations",
            "18.0.0.2.0",
            "post-migrate.py",
        )
        spec = importlib.util.spec_from_file_location("rc_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        policy = self._policy(name="Migration birthdays")
        with freeze_time("2027-03-05"):
            self.env["rc.care.policy"]._cron_run_care(policies=policy)
        occasion = self.env["rc.care.occasion"].search(
            [("policy_id", "=", policy.id), ("partner_id", "=", self.person_a.id)]
        )
        profile = self.person_a.rc_care_profile_ids
        # The state of 18.0.0.1.0: birthday on the contact, activity on the contact.
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "UPDATE res_partner SET birthdate_date = '1975-03-10' WHERE id = %s",
            [self.person_a.id],
        )
        cr.execute(
            "UPDATE rc_care_profile SET birthdate = NULL WHERE id = %s", [profile.id]
        )
        cr.execute(
            "UPDATE mail_activity SET res_model = 'res.partner', res_id = %s,"
            " res_model_id = %s WHERE id = %s",
            [
                self.person_a.id,
                self.env["ir.model"]._get_id("res.partner"),
                occasion.activity_id.id,
            ],
        )
        self.env.invalidate_all()
        migration.migrate(cr, "18.0.0.1.0")
        self.env.invalidate_all()
        self.assertFalse(self.person_a.birthdate_date)
        self.assertEqual(profile.birthdate, BIRTHDAY_A)
        self.assertEqual(profile.birthday_key, 310)
        activity = occasion.activity_id
        self.assertEqual(
            (activity.res_model, activity.res_id), (profile._name, profile.id)
        )
        self.assertEqual(profile.activity_ids, activity)
