# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SECRET, KamChainCommon

REPORT = "key_account_management.res_partner_report_relationship_map"


@tagged("post_install", "-at_install")
class TestKeyPersonPrivacy(KamChainCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver.with_user(cls.member).write(
            {"kam_personal_needs": SECRET, "kam_gift_preferences": "茶叶 tea"}
        )

    def test_team_member_and_manager_read_personal_data(self):
        for user in (self.member, self.manager):
            person = self.approver.with_user(user)
            self.assertEqual(person.kam_personal_needs, SECRET)
            self.assertEqual(person.kam_gift_preferences, "茶叶 tea")
            self.assertTrue(person.kam_private_allowed)
            rows = person.search_read([("id", "=", person.id)], ["kam_personal_needs"])
            self.assertEqual(rows[0]["kam_personal_needs"], SECRET)
            export = person.export_data(["name", "kam_personal_needs"])["datas"]
            self.assertEqual(export[0][1], SECRET)
            found = person.search([("kam_personal_needs", "ilike", "secret-go")])
            self.assertEqual(found, self.approver)

    def test_outsider_sees_the_person_but_no_personal_data(self):
        person = self.approver.with_user(self.outsider)
        # The outsider reads the contact through the territory pool of the account...
        self.assertEqual(person.name, self.approver.name)
        # ...but through no path its personal data.
        self.assertFalse(person.kam_personal_needs)
        self.assertFalse(person.kam_private_allowed)
        rows = person.search_read([("id", "=", person.id)], ["kam_personal_needs"])
        self.assertFalse(rows[0]["kam_personal_needs"])
        export = person.export_data(["name", "kam_personal_needs"])["datas"]
        self.assertEqual(export[0][0], self.approver.name)
        self.assertFalse(export[0][1])
        self.assertFalse(person.search([("kam_personal_needs", "ilike", "secret-go")]))
        self.assertFalse(
            person.search([("kam_private_ids.personal_needs", "ilike", "secret-go")])
        )
        self.assertFalse(person.read(["kam_private_ids"])[0]["kam_private_ids"])
        self.assertFalse(
            person.read(["kam_gift_preferences"])[0]["kam_gift_preferences"]
        )
        # A sudo environment of the same user does not leak it either.
        self.assertFalse(person.sudo().kam_personal_needs)
        private = self.env["kam.key.person.private"].with_user(self.outsider)
        self.assertFalse(private.search([]).filtered(lambda p: p.partner_id == person))
        record = self.env["kam.key.person.private"].search(
            [("partner_id", "=", self.approver.id)]
        )
        with self.assertRaises(AccessError):
            record.with_user(self.outsider).read(["personal_needs"])

    def test_employee_without_key_account_rights_gets_nothing(self):
        person = self.approver.with_user(self.employee)
        self.assertEqual(person.name, self.approver.name)
        self.assertFalse(person.kam_personal_needs)
        self.assertFalse(person.search([("kam_personal_needs", "ilike", "secret")]))
        with self.assertRaises(AccessError):
            self.env["kam.key.person.private"].with_user(self.employee).search([])

    def test_employee_reads_contacts_through_the_api(self):
        """An internal user outside the key-account groups still reads contacts."""
        Partner = self.env["res.partner"].with_user(self.employee)
        readable = Partner.check_field_access_rights("read", None)
        restricted = {
            "kam_attitude_history_ids",
            "kam_private_ids",
            "kam_department_relationship_ids",
            "kam_competitor_ids",
            "kam_account_plan_ids",
            "kam_account_plan_count",
        }
        self.assertFalse(restricted & set(readable))
        # The account intelligence is for the key-account groups: the
        # employee reads the contacts without it, and cannot search by it.
        intelligence = {
            "kam_decision_role",
            "kam_attitude",
            "kam_attitude_target",
            "kam_professional_needs",
            "kam_private_allowed",
            "kam_last_interaction_date",
            "kam_single_threaded",
            "kam_coverage_gaps",
            "kam_warning_level",
        }
        self.assertFalse(intelligence & set(readable))
        rows = (
            (self.account | self.approver)
            .with_user(self.employee)
            .read(["name", "parent_id", "kam_person_ids", "kam_personal_needs"])
        )
        self.assertEqual(len(rows), 2)
        self.assertFalse(rows[1]["kam_personal_needs"])
        self.assertFalse(intelligence & set(rows[1]))
        with self.assertRaises(AccessError):
            Partner.search([("kam_attitude", "=", "supportive")])

    def test_outsider_cannot_write_personal_data(self):
        with self.assertRaises(AccessError):
            self.coach.with_user(self.outsider).kam_interests = "Golf"
        self.assertFalse(self.coach.with_user(self.member).kam_interests)
        with self.assertRaises(AccessError):
            self.approver.with_user(self.outsider).kam_personal_needs = "overwritten"
        self.assertEqual(
            self.approver.with_user(self.member).kam_personal_needs, SECRET
        )

    def test_team_member_writes_and_clears_personal_data(self):
        coach = self.coach.with_user(self.member)
        coach.kam_interests = "Golf 高尔夫"
        self.assertEqual(
            self.coach.with_user(self.manager).kam_interests, "Golf 高尔夫"
        )
        coach.kam_interests = False
        self.assertFalse(self.coach.with_user(self.manager).kam_interests)

    def test_company_has_no_personal_data(self):
        with self.assertRaisesRegex(
            ValidationError, "personal data is kept for people"
        ):
            self.account.with_user(self.member).kam_personal_needs = "x"

    def test_report_shows_personal_data_to_the_team_only(self):
        Report = self.env["ir.actions.report"]
        html = Report.with_user(self.member)._render_qweb_html(
            REPORT, self.account.ids
        )[0]
        html = html.decode()
        self.assertIn(SECRET, html)
        self.assertIn(self.approver.name, html)
        outsider_html = (
            Report.with_user(self.outsider)
            ._render_qweb_html(REPORT, self.account.ids)[0]
            .decode()
        )
        self.assertIn(self.approver.name, outsider_html)
        self.assertNotIn(SECRET, outsider_html)


@tagged("post_install", "-at_install")
class TestAttitudeHistory(KamChainCommon):
    def test_attitude_change_is_recorded_with_who_and_when(self):
        person = self.decision_maker.with_user(self.member)
        person.kam_attitude = "opposed"
        line = self.env["kam.attitude.history"].search(
            [("partner_id", "=", self.decision_maker.id)], limit=1
        )
        self.assertEqual(line.old_attitude, "supportive")
        self.assertEqual(line.new_attitude, "opposed")
        self.assertEqual(line.user_id, self.member)
        self.assertEqual(line.decision_role, "decision_maker")
        self.assertEqual(line.account_id, self.account)
        self.assertTrue(line.is_drop)
        self.assertAlmostEqual(
            line.date.timestamp(), line.create_date.timestamp(), delta=5
        )
        person.kam_attitude = "exclusive"
        rise = self.decision_maker.kam_attitude_history_ids.sorted("id")[-1]
        self.assertFalse(rise.is_drop)
        self.assertEqual(len(self.decision_maker.kam_attitude_history_ids), 3)

    def test_unchanged_attitude_writes_no_history(self):
        before = len(self.coach.kam_attitude_history_ids)
        self.coach.with_user(self.member).write({"kam_attitude": "exclusive"})
        self.assertEqual(len(self.coach.kam_attitude_history_ids), before)

    def test_history_is_readable_by_the_team_only(self):
        self.decision_maker.with_user(self.member).kam_attitude = "contact"
        History = self.env["kam.attitude.history"]
        domain = [("account_id", "=", self.account.id)]
        self.assertTrue(History.with_user(self.member).search(domain))
        self.assertTrue(History.with_user(self.manager).search(domain))
        self.assertFalse(History.with_user(self.outsider).search(domain))
        with self.assertRaises(AccessError):
            History.with_user(self.member).create(
                {"partner_id": self.coach.id, "new_attitude": "opposed"}
            )


@tagged("post_install", "-at_install")
class TestCoverage(KamChainCommon):
    def test_full_chain_is_not_single_threaded(self):
        self.assertFalse(self.account.kam_single_threaded)
        self.assertFalse(self.account.kam_coverage_gaps)
        Partner = self.env["res.partner"]
        self.assertNotIn(
            self.account, Partner.search([("kam_single_threaded", "=", True)])
        )
        self.assertIn(
            self.account, Partner.search([("kam_single_threaded", "=", False)])
        )

    def test_missing_roles_and_people_are_listed(self):
        account = self._create_chain_account("单线客户 Single Thread Co", people=False)
        self.env["res.partner"].create(
            {
                "name": "Only approver",
                "parent_id": account.id,
                "kam_decision_role": "approver",
            }
        )
        self.assertTrue(account.kam_single_threaded)
        gaps = account.kam_coverage_gaps
        self.assertIn("No known Decision Maker", gaps)
        self.assertIn("No known Coach", gaps)
        self.assertNotIn("Approver", gaps)
        self.assertIn("1 of the 4 people a Key Account needs", gaps)
        self.assertIn(
            account,
            self.env["res.partner"].search([("kam_single_threaded", "=", True)]),
        )

    def test_minimum_people_per_tier_comes_from_the_settings(self):
        self.env.company.kam_min_contacts_key = 6
        self.account.invalidate_recordset(["kam_coverage_gaps", "kam_single_threaded"])
        self.assertIn("5 of the 6 people", self.account.kam_coverage_gaps)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.env.company.kam_min_contacts_key = -1

    def test_leaving_or_archived_people_do_not_count(self):
        self.coach.kam_has_left = True
        self.account.invalidate_recordset(["kam_coverage_gaps", "kam_single_threaded"])
        self.assertIn("No known Coach", self.account.kam_coverage_gaps)
        self.assertTrue(self.coach.kam_left_date)
        self.supporter.active = False
        self.assertTrue(self.supporter.kam_left_date)

    def test_single_threaded_search_refuses_odd_operators(self):
        with self.assertRaisesRegex(UserError, "Unsupported search"):
            self.env["res.partner"].search([("kam_single_threaded", "in", [True])])


@tagged("post_install", "-at_install")
class TestExtensiveRelationship(KamChainCommon):
    def test_department_rating_once_per_department(self):
        department = self.env["res.partner.department"].create(
            {"name": "信息技术部 IT"}
        )
        line = (
            self.env["kam.department.relationship"]
            .with_user(self.member)
            .create(
                {
                    "partner_id": self.account.id,
                    "department_id": department.id,
                    "rating": "good",
                }
            )
        )
        self.assertEqual(self.account.kam_department_relationship_ids, line)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["kam.department.relationship"].create(
                {"partner_id": self.account.id, "department_id": department.id}
            )
        self.assertFalse(
            self.env["kam.department.relationship"]
            .with_user(self.outsider)
            .search([("partner_id", "=", self.account.id)])
        )
