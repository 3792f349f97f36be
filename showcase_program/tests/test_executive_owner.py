# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestExecutiveOwner(ShowcaseCommon):
    """Provincial / national showcases have a company executive as owner, who
    receives their review and milestone activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.executive = mail_new_test_user(
            cls.env,
            login="sc_executive",
            name="Showcase Executive",
            groups="base.group_user,key_account_management.group_kam_executive",
        )
        cls.portal = mail_new_test_user(
            cls.env, login="sc_exec_portal", name="Portal", groups="base.group_portal"
        )
        cls.team_a.member_ids = cls.salesperson_a | cls.salesperson_b
        cls.national = cls._create_showcase(level="national")

    def _executive_todos(self, showcase):
        return showcase.activity_ids.filtered(lambda a: a.user_id == self.executive)

    def test_executive_owner_by_level(self):
        self.national.with_user(self.salesperson_a).executive_user_id = self.executive
        self.assertEqual(self.national.executive_user_id, self.executive)
        city = self._create_showcase(level="city")
        with self.assertRaisesRegex(ValidationError, "only provincial and national"):
            city.with_user(self.salesperson_a).executive_user_id = self.executive
        with self.assertRaisesRegex(ValidationError, "not a company executive"):
            self.national.executive_user_id = self.salesperson_b
        # Down to city level, the executive owner goes first.
        with self.assertRaisesRegex(ValidationError, "only provincial and national"):
            self.national.level = "city"

    def test_owner_field_changed_by_owners_only(self):
        # A branch member works on the showcase but does not name its executive.
        with self.assertRaisesRegex(UserError, "Only the owner"):
            self.national.with_user(
                self.salesperson_b
            ).executive_user_id = self.executive
        self.assertFalse(self.national.executive_user_id)
        self.national.with_user(self.manager).executive_user_id = self.executive
        self.assertEqual(self.national.executive_user_id, self.executive)
        with self.assertRaises(AccessError):
            self.national.with_user(self.portal).read(["executive_user_id"])

    def test_review_needs_and_reaches_the_executive(self):
        self._qualify(self.national)
        self._approve_documents(self.national, "review")
        with self.assertRaisesRegex(UserError, "name its executive owner"):
            self.national.with_user(self.salesperson_a).action_submit_review()
        self.assertEqual(self.national.review_state, "draft")
        self.national.executive_user_id = self.executive
        self.national.with_user(self.salesperson_a).action_submit_review()
        self.assertEqual(self.national.review_state, "pending")
        todo = self._executive_todos(self.national)
        self.assertEqual(len(todo), 1)
        self.assertIn("Showcase review submitted", todo.summary)
        # A city showcase goes to review without an executive, and nobody is told.
        city = self._create_showcase(level="city")
        self._qualify(city)
        self._approve_documents(city, "review")
        city.with_user(self.salesperson_a).action_submit_review()
        self.assertFalse(self._executive_todos(city))

    def test_milestone_reaches_the_executive(self):
        self.national.executive_user_id = self.executive
        self._create_agreement(self.national)
        todo = self._executive_todos(self.national)
        self.assertEqual(len(todo), 1)
        self.assertIn("Showcase agreement signed", todo.summary)
