# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attack tests: what a curious salesperson, a customer with a portal login or a plain
employee tries over RPC (create / write / unlink / read / search / read_group / export
with their own rights), each refused with nothing changed, next to the legitimate path.
"""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.registry import Registry
from odoo.service.model import get_public_method
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import KamCommon

SECRET = "打高尔夫 secret-golf"


class TrustCommon(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Plain internal users, with the contact creation right new users get.
        cls.employee = mail_new_test_user(
            cls.env,
            login="trust_employee",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
        )
        cls.crm_user = mail_new_test_user(
            cls.env,
            login="trust_crm",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export,"
            "sales_team.group_sale_salesman",
        )
        cls.manager_2 = mail_new_test_user(
            cls.env,
            login="trust_manager_2",
            groups="base.group_user,key_account_management.group_kam_manager",
        )
        # Salesperson A manages account A; salesperson B manages account B.
        cls.account_a = cls._create_account(
            name="Trust A Co", kam_manager_id=cls.salesperson_a.id, kam_tier="key"
        )
        cls.account_a.kam_tier_reason = "Strategic: 战略客户"
        cls.account_b = cls._create_account(
            name="Trust B Co",
            territory=cls.territory_west,
            kam_manager_id=cls.salesperson_b.id,
        )
        cls.pool = cls._create_account(name="Trust Pool Co")
        cls.person_a = cls.env["res.partner"].create(
            {
                "name": "CTO of A",
                "parent_id": cls.account_a.id,
                "kam_decision_role": "decision_maker",
                "kam_attitude": "opposed",
                "kam_professional_needs": "Wants to replace us by 华信 Huaxin",
            }
        )
        cls.person_b = cls.env["res.partner"].create(
            {
                "name": "CFO of B",
                "parent_id": cls.account_b.id,
                "kam_decision_role": "approver",
            }
        )
        cls.person_b.with_user(cls.salesperson_b).kam_family_notes = SECRET
        # A customer contact of account A with a portal login (as OCA helpdesk makes).
        cls.portal = mail_new_test_user(
            cls.env, login="trust_portal", groups="base.group_portal"
        )
        cls.portal.partner_id.parent_id = cls.account_a
        cls.Team = cls.env["kam.account.team.member"]

    def _fresh(self, record):
        record.env.invalidate_all()
        return record.sudo()


@tagged("post_install", "-at_install")
class TestTrustTeam(TrustCommon):
    """Item 1: the account team and the ownership fields."""

    def test_salesperson_cannot_join_another_team(self):
        Team = self.Team.with_user(self.salesperson_a)
        with self.assertRefused(UserError, "Only the key account manager of Trust B"):
            Team.create(
                {
                    "partner_id": self.account_b.id,
                    "user_id": self.salesperson_a.id,
                    "role": "sales",
                }
            )
        self.assertFalse(
            self.Team.search([("partner_id", "=", self.account_b.id)]),
            "no line was written",
        )
        # ...so no read access to the key persons' personal data either.
        Private = self.env["kam.key.person.private"].with_user(self.salesperson_a)
        self.assertFalse(Private.search([("partner_id", "=", self.person_b.id)]))
        # ...while B's team still does.
        self.assertEqual(
            self.person_b.with_user(self.salesperson_b).kam_family_notes, SECRET
        )
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            self.person_b.with_user(self.salesperson_a).read(["name"])

    def test_context_default_account_does_not_bypass(self):
        Team = self.Team.with_user(self.salesperson_a).with_context(
            default_partner_id=self.account_b.id
        )
        with self.assertRefused(UserError, "Only the key account manager"):
            Team.create({"user_id": self.salesperson_a.id})
        self.assertFalse(self.Team.search([("partner_id", "=", self.account_b.id)]))

    def test_team_through_the_account_form(self):
        """The pool account is visible to A, but A is not its key account manager."""
        pool = self.pool.with_user(self.salesperson_a)
        with self.assertRefused(UserError, "Only the key account manager"):
            pool.write(
                {
                    "kam_team_member_ids": [
                        (0, 0, {"user_id": self.salesperson_a.id, "role": "sales"})
                    ]
                }
            )
        self.assertFalse(self._fresh(self.pool).kam_team_member_ids)

    def test_team_member_cannot_change_the_team(self):
        line = self.Team.create(
            {"partner_id": self.account_a.id, "user_id": self.salesperson_b.id}
        )
        as_member = line.with_user(self.salesperson_b)
        with self.assertRefused(UserError, "Only the key account manager"):
            as_member.write({"role": "marketing"})
        with self.assertRefused(UserError, "Only the key account manager"):
            as_member.unlink()
        with self.assertRefused(UserError, "Only the key account manager"):
            self.Team.with_user(self.salesperson_b).create(
                {"partner_id": self.account_a.id, "user_id": self.kam_manager.id}
            )
        line = self._fresh(line)
        self.assertEqual((line.exists(), line.role), (line, "sales"))
        self.assertEqual(len(self._fresh(self.account_a).kam_team_member_ids), 1)

    def test_kam_and_manager_edit_the_team(self):
        line = self.Team.with_user(self.salesperson_a).create(
            {"partner_id": self.account_a.id, "user_id": self.salesperson_b.id}
        )
        self.assertIn(self.salesperson_b, self.account_a.kam_team_user_ids)
        line.with_user(self.salesperson_a).write({"role": "after_sales"})
        line.with_user(self.salesperson_a).unlink()
        self.assertFalse(line.exists())
        line = self.Team.with_user(self.kam_manager).create(
            {"partner_id": self.account_b.id, "user_id": self.salesperson_a.id}
        )
        self.assertIn(self.salesperson_a, self.account_b.kam_team_user_ids)

    def test_ownership_fields_by_team_member_refused(self):
        self.Team.create(
            {"partner_id": self.account_a.id, "user_id": self.salesperson_b.id}
        )
        account = self.account_a.with_user(self.salesperson_b)
        for vals in (
            {"kam_manager_id": self.salesperson_b.id},
            {"kam_sales_manager_id": self.salesperson_b.id},
            {"kam_executive_sponsor_id": self.salesperson_b.id},
            {"kam_tier": "regular", "kam_tier_reason": "I say so"},
        ):
            with self.assertRefused(
                UserError, "can only be changed by its key account"
            ):
                account.write(vals)
        fresh = self._fresh(self.account_a)
        self.assertEqual(fresh.kam_manager_id, self.salesperson_a)
        self.assertFalse(fresh.kam_sales_manager_id | fresh.kam_executive_sponsor_id)
        self.assertEqual(fresh.kam_tier, "key")
        # Other fields stay open to the team.
        account.write({"kam_relationship_trend": "good"})
        self.assertEqual(self._fresh(self.account_a).kam_relationship_trend, "good")

    def test_ownership_on_a_pool_account_refused(self):
        with self.assertRefused(UserError, "can only be changed by its key account"):
            self.pool.with_user(self.salesperson_a).write(
                {"kam_manager_id": self.salesperson_a.id}
            )
        self.assertFalse(self._fresh(self.pool).kam_manager_id)

    def test_ownership_at_create(self):
        Partner = self.env["res.partner"].with_user(self.salesperson_a)
        with self.assertRefused(UserError, "can only be changed by its key account"):
            Partner.create({"name": "Forged Co", "is_company": True, "kam_tier": "key"})
        with self.assertRefused(UserError, "can only be changed by its key account"):
            Partner.with_context(default_kam_manager_id=self.salesperson_b.id).create(
                {"name": "Forged Co", "is_company": True}
            )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Forged Co")]))
        # Making oneself the key account manager of a new account is fine.
        mine = Partner.create(
            {
                "name": "Own New Co",
                "is_company": True,
                "kam_manager_id": self.salesperson_a.id,
                "kam_tier": "potential",
            }
        )
        self.assertEqual(mine.sudo().kam_tier, "potential")

    def test_form_shows_ownership_read_only_to_others(self):
        self.Team.create(
            {"partner_id": self.account_a.id, "user_id": self.salesperson_b.id}
        )
        for user, editable in (
            (self.salesperson_a, True),
            (self.salesperson_b, False),
            (self.kam_manager, True),
        ):
            self.assertEqual(
                self.account_a.with_user(user).kam_can_edit_ownership,
                editable,
                user.name,
            )

    def test_kam_and_manager_change_ownership(self):
        self.account_a.with_user(self.salesperson_a).write(
            {
                "kam_tier": "regular",
                "kam_tier_reason": "Budget cut",
                "kam_sales_manager_id": self.kam_manager.id,
            }
        )
        self.assertEqual(self.account_a.kam_tier, "regular")
        self.account_b.with_user(self.kam_manager).write(
            {"kam_manager_id": self.salesperson_a.id}
        )
        self.assertEqual(self.account_b.kam_manager_id, self.salesperson_a)


@tagged("post_install", "-at_install")
class TestTrustLifecycle(TrustCommon):
    """Item 2: the lifecycle stage changes only through its buttons."""

    def test_stage_write_refused(self):
        self.pool.with_user(self.salesperson_a).action_kam_claim()
        account = self.pool.with_user(self.salesperson_a)
        for vals in (
            {"kam_stage_id": self.stage_target.id},
            {"kam_stage_id": self.stage_churned.id},
            {"kam_stage_date": "2020-01-01 00:00:00"},
        ):
            with self.assertRefused(UserError, "workflow buttons"):
                account.write(vals)
        fresh = self._fresh(self.pool)
        self.assertEqual(fresh.kam_stage_id, self.stage_listed)
        self.assertGreater(
            fresh.kam_stage_date, fields.Datetime.now() - timedelta(hours=1)
        )
        self.assertEqual(len(fresh.kam_stage_history_ids), 2)

    def test_old_reactivate_context_key_is_no_permission(self):
        self._opportunity(self.account_a, won=True)
        self.account_a.with_user(self.salesperson_a).action_kam_mark_churned()
        account = self.account_a.with_user(self.salesperson_a).with_context(
            kam_reactivate=True
        )
        with self.assertRefused(UserError, "workflow buttons"):
            account.write({"kam_stage_id": self.stage_active.id})
        self.assertEqual(self._fresh(self.account_a).kam_stage_id, self.stage_churned)
        # The button is the way back, to the reactivation stage.
        self.account_a.with_user(self.salesperson_a).action_kam_reactivate()
        self.assertEqual(self.account_a.kam_stage_id, self.stage_potential)

    def test_create_in_a_later_stage_refused(self):
        Partner = self.env["res.partner"].with_user(self.salesperson_a)
        with self.assertRefused(UserError, "A new account starts in the stage Target"):
            Partner.create(
                {
                    "name": "Skip Co",
                    "is_company": True,
                    "kam_stage_id": self.stage_order.id,
                }
            )
        with self.assertRefused(UserError, "A new account starts in the stage Target"):
            Partner.with_context(default_kam_stage_id=self.stage_active.id).create(
                {"name": "Skip Co", "is_company": True}
            )
        with self.assertRefused(UserError, "workflow buttons"):
            Partner.create(
                {
                    "name": "Skip Co",
                    "is_company": True,
                    "kam_stage_id": self.stage_target.id,
                    "kam_stage_date": "2020-01-01 00:00:00",
                }
            )
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Skip Co")]))

    def test_create_in_the_entry_stage(self):
        """What the Accounts menu does: its context gives the Target stage."""
        Partner = (
            self.env["res.partner"]
            .with_user(self.salesperson_a)
            .with_context(
                default_is_company=True, default_kam_stage_id=self.stage_target.id
            )
        )
        account = Partner.create(
            {"name": "New Target Co", "kam_territory_id": self.territory_east.id}
        )
        self.assertEqual(account.sudo().kam_stage_id, self.stage_target)
        self.assertEqual(
            account.sudo().kam_stage_history_ids.stage_to_id, self.stage_target
        )
        # The contacts created under the same context do not get the stage.
        contact = Partner.with_context(default_is_company=False).create(
            {"name": "Buyer", "parent_id": account.id}
        )
        self.assertFalse(contact.sudo().kam_stage_id)

    def test_lifecycle_buttons_need_key_account_rights(self):
        self.env["res.partner"].create({"name": "Contact", "parent_id": self.pool.id})
        for user in (self.crm_user, self.employee):
            with self.assertRefused(UserError, "Only members of"):
                self.pool.with_user(user).action_kam_advance()
        self.assertEqual(self._fresh(self.pool).kam_stage_id, self.stage_target)

    def test_job_fields_not_written_by_users(self):
        """The early warning and the leaving date are the jobs' to set."""
        self.account_a.sudo().write(
            {
                "kam_warning_level": "red",
                "kam_warning_signals": [["no_interaction", "red", {}]],
            }
        )
        account = self.account_a.with_user(self.salesperson_a)
        for vals in (
            {"kam_warning_level": "green"},
            {"kam_warning_signals": False},
            {"kam_warning_summary": False},
            {"kam_warning_date": "2000-01-01"},
        ):
            with self.assertRefused(UserError, "workflow buttons"):
                account.write(vals)
        with self.assertRefused(UserError, "workflow buttons"):
            self.person_a.with_user(self.salesperson_a).write(
                {"kam_left_date": "2000-01-01"}
            )
        fresh = self._fresh(self.account_a)
        self.assertEqual(fresh.kam_warning_level, "red")
        self.assertEqual(fresh.kam_warning_summary, "• No interaction recorded yet")
        self.assertFalse(self._fresh(self.person_a).kam_left_date)

    def test_buttons_still_check_the_gates(self):
        with self.assertRefused(UserError, "a claim by a salesperson"):
            self.pool.with_user(self.salesperson_a).action_kam_advance()
        self.assertEqual(self._fresh(self.pool).kam_stage_id, self.stage_target)


@tagged("post_install", "-at_install")
class TestTrustClaims(TrustCommon):
    """Item 3: claims only through Claim, Release and the expiry job."""

    def test_forged_claim_refused(self):
        pool = self.pool.with_user(self.salesperson_a)
        with self.assertRefused(UserError, "workflow buttons"):
            pool.write({"kam_claim_user_id": self.salesperson_a.id})
        with self.assertRefused(UserError, "workflow buttons"):
            pool.write({"kam_claim_date": fields.Datetime.now()})
        fresh = self._fresh(self.pool)
        self.assertFalse(fresh.kam_claim_user_id)
        self.assertFalse(fresh.kam_claim_ids)

    def test_claim_of_a_managed_account_refused(self):
        """An unclaimed account of the territory that another salesperson manages is
        not in the pool: claiming it would put the claimer on its team."""
        managed = self._create_account(
            name="Managed East Co", kam_manager_id=self.salesperson_b.id
        )
        with self.assertRefused(UserError, "is not in the pool"):
            managed.with_user(self.salesperson_a).action_kam_claim()
        fresh = self._fresh(managed)
        self.assertFalse(fresh.kam_claim_user_id | fresh.kam_claim_ids.user_id)
        self.assertNotIn(self.salesperson_a, fresh.kam_team_user_ids)

    def test_forged_claim_at_create_refused(self):
        Partner = self.env["res.partner"].with_user(self.salesperson_a)
        with self.assertRefused(UserError, "workflow buttons"):
            Partner.create(
                {
                    "name": "Claimed Co",
                    "is_company": True,
                    "kam_claim_user_id": self.salesperson_a.id,
                }
            )
        with self.assertRefused(UserError, "workflow buttons"):
            Partner.with_context(
                default_kam_claim_user_id=self.salesperson_a.id
            ).create({"name": "Claimed Co", "is_company": True})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Claimed Co")]))

    def test_others_cannot_clear_or_take_a_claim(self):
        self.pool.with_user(self.salesperson_a).action_kam_claim()
        # B is on the account team, so B reads the account and tries.
        self.Team.create({"partner_id": self.pool.id, "user_id": self.salesperson_b.id})
        for user in (self.salesperson_b, self.kam_manager):
            with self.assertRefused(UserError, "workflow buttons"):
                self.pool.with_user(user).write({"kam_claim_user_id": False})
            with self.assertRefused(UserError, "workflow buttons"):
                self.pool.with_user(user).write({"kam_claim_user_id": user.id})
        with self.assertRefused(UserError, "Only the claiming salesperson"):
            self.pool.with_user(self.salesperson_b).action_kam_release()
        fresh = self._fresh(self.pool)
        self.assertEqual(fresh.kam_claim_user_id, self.salesperson_a)
        self.assertEqual(fresh.kam_claim_ids.state, "active")

    def test_manager_cannot_edit_claim_records(self):
        """Claims are an audit trail: read-only for everybody (access rights), written
        by Claim / Release / the expiry job only (and the workflow mixin behind)."""
        self.pool.with_user(self.salesperson_a).action_kam_claim()
        claim = self.pool.kam_claim_ids.with_user(self.kam_manager)
        refused = (AccessError, UserError)
        with mute_logger("odoo.addons.base.models.ir_model"):
            for vals in (
                {"state": "released"},
                {"user_id": self.kam_manager.id},
                {"date_claimed": "2000-01-01 00:00:00"},
                {"partner_id": self.account_b.id},
            ):
                with self.assertRefused(refused, "not allowed|workflow buttons"):
                    claim.write(vals)
            with self.assertRefused(refused, "not allowed|Claim button"):
                self.env["kam.claim"].with_user(self.kam_manager).create(
                    {"partner_id": self.account_b.id, "user_id": self.kam_manager.id}
                )
            with self.assertRefused(refused, "not allowed|Claim button"):
                self.env["kam.claim"].with_user(self.kam_manager).with_context(
                    default_partner_id=self.account_b.id,
                    default_user_id=self.kam_manager.id,
                ).create({})
            with self.assertRefused(refused, "not allowed|Release button"):
                claim.unlink()
            with self.assertRefused(refused, ""):
                claim.with_user(self.salesperson_a).write({"state": "released"})
        # Behind the access rights, the workflow mixin refuses even a user who would
        # be granted write access on claims.
        with self.assertRefused(UserError, "workflow buttons"):
            claim.sudo().with_context(kam_workflow=True).with_user(
                self.kam_manager
            )._workflow_check_write({"state": "released"})
        fresh = self._fresh(claim)
        self.assertEqual((fresh.state, fresh.user_id), ("active", self.salesperson_a))
        self.assertEqual(
            self.env["kam.claim"].search_count(
                [("partner_id", "=", self.account_b.id)]
            ),
            0,
        )
        # The manager releases with the button.
        self.pool.with_user(self.kam_manager).action_kam_release()
        self.assertEqual(claim.state, "released")
        self.assertFalse(self.pool.kam_claim_user_id)


@tagged("post_install", "-at_install")
class TestTrustClaimExpiry(TrustCommon):
    """Item 4: the expiry job works by claim, under a lock, and only once."""

    def _old_claim(self, account, user, days=40):
        with freeze_time(fields.Datetime.now() - timedelta(days=days)):
            account.with_user(user).action_kam_claim()
        return account.kam_claim_ids.filtered(lambda c: c.state == "active")

    def test_claim_made_after_selection_is_not_expired(self):
        old = self._old_claim(self.pool, self.salesperson_a)
        Partner = self.env.registry["res.partner"]
        select = Partner._kam_claim_expiry_candidates
        new_claims = []

        def select_then_reclaim(partner_model):
            ids = select(partner_model)
            # Between the selection and the batch: A releases, B claims (long ago too,
            # so that only the claim id tells them apart).
            self.pool.with_user(self.salesperson_a).action_kam_release()
            new_claims.append(self._old_claim(self.pool, self.salesperson_b, days=35))
            return ids

        with patch.object(Partner, "_kam_claim_expiry_candidates", select_then_reclaim):
            released = self.env["res.partner"]._cron_release_expired_claims()
        self.assertEqual(released, 0)
        self.assertEqual(old.state, "released")
        new = new_claims[0]
        self.assertEqual(new.state, "active")
        self.assertEqual(self.pool.kam_claim_user_id, self.salesperson_b)
        # The next run judges the new claim on its own merits.
        self.assertEqual(self.env["res.partner"]._cron_release_expired_claims(), 1)
        self.assertEqual(new.state, "expired")
        self.assertFalse(self.pool.kam_claim_user_id)

    def test_job_twice_is_idempotent(self):
        claim = self._old_claim(self.pool, self.salesperson_a)
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._cron_release_expired_claims(), 1)
        self.assertEqual(claim.state, "expired")
        messages = self.env["mail.message"].search_count([])
        self.assertEqual(Partner._cron_release_expired_claims(), 0)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)
        self.assertEqual(claim.state, "expired")

    def test_batch_rechecks_state(self):
        """A stale id list (claims released meanwhile) expires nothing."""
        claim = self._old_claim(self.pool, self.salesperson_a)
        self.pool.with_user(self.salesperson_a).action_kam_release()
        expired = self.env["res.partner"]._kam_expire_claim_batch(claim.ids)
        self.assertFalse(expired)
        self.assertEqual(claim.state, "released")


@tagged("post_install", "-at_install")
class TestTrustAccountIntelligence(TrustCommon):
    """Item 5: portal, public and plain users do not read the account intelligence."""

    INTELLIGENCE = [
        "kam_tier",
        "kam_tier_reason",
        "kam_score_total",
        "kam_stage_id",
        "kam_manager_id",
        "kam_claim_user_id",
        "kam_warning_summary",
        "kam_clv",
        "kam_won_revenue_12m",
        "kam_decision_role",
        "kam_attitude",
        "kam_professional_needs",
        "kam_is_key_person",
    ]

    def test_portal_reads_no_intelligence(self):
        Partner = self.env["res.partner"].with_user(self.portal)
        own = Partner.browse((self.account_a | self.person_a).ids)
        self.assertEqual(own.mapped("name"), ["Trust A Co", "CTO of A"])
        readable = set(Partner.check_field_access_rights("read", None))
        self.assertFalse(
            readable
            & {f for f in Partner._fields if f.startswith("kam_")}
            - {
                "kam_person_ids",
                "kam_currency_id",
                "kam_personal_needs",
                "kam_interests",
                "kam_family_notes",
                "kam_gift_preferences",
            }
        )
        values = own.read(["name", "parent_id", "kam_personal_needs"])
        self.assertFalse(values[1]["kam_personal_needs"])
        for fname in self.INTELLIGENCE:
            with self.assertRaises(AccessError, msg=fname):
                own.read([fname])
            with self.assertRaisesRegex((AccessError, UserError), "", msg=fname):
                own.export_data(["name", fname])

    def test_portal_cannot_search_by_attitude(self):
        public = self.env.ref("base.public_user")
        for user in (self.portal, public):
            Partner = self.env["res.partner"].with_user(user)
            for domain in (
                [("kam_attitude", "=", "opposed")],
                [("kam_decision_role", "=", "decision_maker")],
                [("kam_tier", "=", "key")],
                [("child_ids.kam_attitude", "=", "opposed")],
            ):
                with self.assertRaises(AccessError, msg=domain):
                    Partner.search(domain)
            with self.assertRaises(AccessError):
                Partner.read_group([], ["kam_attitude"], ["kam_attitude"])
            with self.assertRaises(AccessError):
                Partner.search_read([], ["kam_clv"])
            with self.assertRaises(AccessError):
                Partner.browse(user.partner_id.id).read(["kam_tier"])

    def test_plain_employee_reads_no_intelligence(self):
        for user in (self.employee, self.crm_user):
            Partner = self.env["res.partner"].with_user(user)
            person = Partner.browse(self.person_a.id)
            self.assertEqual(person.read(["name"])[0]["name"], "CTO of A")
            for fname in ("kam_attitude", "kam_professional_needs", "kam_tier_reason"):
                with self.assertRaises(AccessError):
                    person.read([fname])
                with self.assertRaises(AccessError):
                    person.export_data(["name", fname])
            with self.assertRaises(AccessError):
                Partner.search([("kam_attitude", "=", "opposed")])
            # The tier and the team are internal, not secret (helpdesk SLA, escalation).
            self.assertEqual(
                Partner.browse(self.account_a.id).read(["kam_tier"])[0]["kam_tier"],
                "key",
            )

    def test_plain_users_cannot_create_intelligence(self):
        """Odoo checks field groups on write only: create is checked too."""
        for user in (self.employee, self.crm_user):
            Partner = self.env["res.partner"].with_user(user)
            with self.assertRefused(AccessError, "kam_attitude"):
                Partner.create(
                    {
                        "name": "Planted Person",
                        "parent_id": self.account_a.id,
                        "kam_attitude": "opposed",
                    }
                )
            with self.assertRefused(AccessError, "kam_decision_role"):
                Partner.with_context(default_kam_decision_role="approver").create(
                    {"name": "Planted Person", "parent_id": self.account_a.id}
                )
            with self.assertRefused(AccessError, "kam_attitude"):
                Partner.browse(self.person_a.id).write({"kam_attitude": "exclusive"})
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Planted Person")])
        )
        self.assertEqual(self._fresh(self.person_a).kam_attitude, "opposed")

    def test_key_account_users_read_their_accounts(self):
        person = self.person_a.with_user(self.salesperson_a)
        self.assertEqual(person.kam_attitude, "opposed")
        self.assertEqual(
            self.account_a.with_user(self.salesperson_a).kam_tier_reason,
            "Strategic: 战略客户",
        )

    def test_plain_users_keep_working_with_contacts_leads_and_calendar(self):
        for user in (self.employee, self.crm_user):
            Partner = self.env["res.partner"].with_user(user)
            company = Partner.create(
                {"name": f"Plain Co {user.login}", "is_company": True}
            )
            contact = Partner.create(
                {"name": "Plain Contact", "parent_id": company.id, "phone": "123"}
            )
            contact.write({"phone": "456", "function": "Buyer"})
            contact.write({"active": False})
            contact.write({"active": True})
            company.write({"is_company": False})
            company.write({"is_company": True, "name": "Renamed"})
            self.assertEqual(contact.phone, "456")
            self.env["calendar.event"].with_user(user).create(
                {
                    "name": "Meeting",
                    "start": fields.Datetime.now(),
                    "stop": fields.Datetime.now() + timedelta(hours=1),
                    "partner_ids": [(6, 0, contact.ids)],
                }
            )
        lead = (
            self.env["crm.lead"]
            .with_user(self.crm_user)
            .create({"name": "Plain lead", "partner_id": self.person_a.id})
        )
        lead.write({"expected_revenue": 10.0})
        self.assertEqual(lead.partner_id, self.person_a)
        # Archiving a key person as a plain user still dates the leaving (system side).
        self.person_a.kam_is_key_person = True
        employee_partner = self.env["res.partner"].with_user(self.crm_user)
        employee_partner.browse(self.person_a.id).write({"active": False})
        self.assertTrue(self.person_a.kam_left_date)


@tagged("post_install", "-at_install")
class TestTrustRecordRules(TrustCommon):
    """Item 6: record rules of the per-team models, multi-company included."""

    def test_per_team_models_follow_the_team(self):
        criterion = self.env["kam.score.criterion"].search([], limit=1)
        records = {
            "kam.score.line": self.env["kam.score.line"].create(
                {
                    "partner_id": self.account_b.id,
                    "criterion_id": criterion.id,
                    "score": 5,
                }
            ),
            "kam.account.team.member": self.Team.create(
                {"partner_id": self.account_b.id, "user_id": self.kam_manager.id}
            ),
            "kam.stage.history": self.account_b.kam_stage_history_ids,
            "kam.attitude.history": self.person_b.kam_attitude_history_ids
            or self.env["kam.attitude.history"].create(
                {"partner_id": self.person_b.id, "new_attitude": "contact"}
            ),
            "kam.key.person.private": self.person_b.kam_private_ids,
        }
        for model, record in records.items():
            self.assertTrue(record, model)
            self.assertFalse(
                self.env[model]
                .with_user(self.salesperson_a)
                .search([("id", "in", record.ids)]),
                model,
            )
            self.assertEqual(
                self.env[model]
                .with_user(self.salesperson_b)
                .search([("id", "in", record.ids)]),
                record,
                model,
            )
            self.assertEqual(
                self.env[model]
                .with_user(self.kam_manager)
                .search([("id", "in", record.ids)]),
                record,
                model,
            )

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Trust Other Co"})
        foreign = self.env["res.partner"].create(
            {"name": "Foreign Account", "is_company": True, "company_id": other.id}
        )
        criterion = self.env["kam.score.criterion"].search([], limit=1)
        line = self.env["kam.score.line"].create(
            {"partner_id": foreign.id, "criterion_id": criterion.id, "score": 3}
        )
        member = self.Team.create(
            {"partner_id": foreign.id, "user_id": self.kam_manager.id}
        )
        for model, record in (
            ("kam.score.line", line),
            ("kam.account.team.member", member),
        ):
            self.assertEqual(record.company_id, other)
            self.assertFalse(
                self.env[model]
                .with_user(self.kam_manager)
                .search([("id", "=", record.id)]),
                model,
            )
        self.kam_manager.company_ids |= other
        Line = (
            self.env["kam.score.line"]
            .with_user(self.kam_manager)
            .with_context(allowed_company_ids=[self.env.company.id, other.id])
        )
        self.assertEqual(Line.search([("id", "=", line.id)]), line)

    def test_plan_on_another_team_account_refused(self):
        Plan = self.env["kam.account.plan"].with_user(self.salesperson_a)
        with self.assertRefused(UserError, "not on the account team of Trust B"):
            Plan.create({"partner_id": self.account_b.id})
        self.assertFalse(
            self.env["kam.account.plan"].search(
                [("partner_id", "=", self.account_b.id)]
            )
        )
        plan = Plan.create({"partner_id": self.account_a.id})
        with self.assertRefused(UserError, "not on the account team of Trust B"):
            plan.write({"partner_id": self.account_b.id})
        self.assertEqual(self._fresh(plan).partner_id, self.account_a)

    def test_plan_relationship_level_only_for_readers(self):
        self.account_b.kam_relationship_level = "partner"
        plan = self.env["kam.account.plan"].create(
            {"partner_id": self.account_b.id, "user_id": self.salesperson_a.id}
        )
        # A is the plan's owner (he reads the plan) but not on B's team.
        self.assertFalse(plan.with_user(self.salesperson_a).relationship_level)
        self.assertEqual(
            plan.with_user(self.salesperson_b).relationship_level, "partner"
        )


@tagged("post_install", "-at_install")
class TestTrustAccountPlan(TrustCommon):
    """Item 7: the account plan's approval through every path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One approval level here; the headquarters level of key accounts is tested in
        # test_plan_approval.
        cls.env.ref(
            "key_account_management.tier_definition_kam_account_plan_executive"
        ).active = False

    def _plan(self, user=None, account=None):
        return (
            self.env["kam.account.plan"]
            .with_user(user or self.salesperson_a)
            .create(
                {
                    "partner_id": (account or self.account_a).id,
                    "market_macro": "Growth",
                    "objective_ids": [
                        (0, 0, {"name": "Phase two", "kpi": "Value", "target": 100.0})
                    ],
                }
            )
        )

    def test_state_by_write_refused_even_with_the_old_context_key(self):
        plan = self._plan()
        plan.action_submit()
        for user in (self.salesperson_a, self.kam_manager):
            as_user = plan.with_user(user).with_context(kam_plan_workflow=True)
            with self.assertRefused(UserError, "workflow buttons"):
                as_user.write({"state": "approved"})
            with self.assertRefused(UserError, "workflow buttons"):
                as_user.write({"return_comment": "forged"})
        fresh = self._fresh(plan)
        self.assertEqual((fresh.state, fresh.return_comment), ("submitted", False))

    def test_tier_reviews_only_through_review_steps(self):
        """kam.tier.workflow.mixin: base_tier_validation lets every employee write
        tier.review; the reviews of our approvals change only through their steps."""
        plan = self._plan()
        plan.action_submit()
        review = plan.sudo().review_ids
        # "waiting" until base_tier_validation's can_review compute moves it to pending
        self.assertIn(review.status, ("waiting", "pending"))
        status = review.status
        Review = self.env["tier.review"].with_user(self.salesperson_a)
        with self.assertRefused(UserError, "Validate and Reject buttons"):
            review.with_user(self.salesperson_a).write({"status": "approved"})
        with self.assertRefused(UserError, "Validate and Reject buttons"):
            review.with_user(self.salesperson_a).unlink()
        with self.assertRefused(UserError, "Validate and Reject buttons"):
            Review.create(
                {
                    "model": "kam.account.plan",
                    "res_id": plan.id,
                    "definition_id": review.definition_id.id,
                    "status": "approved",
                }
            )
        # nor by restarting the validation, nor with tier.validation's bypass keys
        with self.assertRefused(UserError, "own buttons"):
            plan.with_user(self.salesperson_a).restart_validation()
        with self.assertRefused(UserError, "locked|validation|approved"):
            plan.with_user(self.salesperson_a).with_context(
                skip_validation_check=True, skip_check_state_condition=True
            ).write({"market_macro": "Changed under review"})
        fresh = self._fresh(plan)
        self.assertEqual((fresh.state, fresh.market_macro), ("submitted", "Growth"))
        self.assertEqual(fresh.review_ids, review)
        self.assertIn(review.status, (status, "pending"))
        self.assertFalse(review.done_by)
        # the reviewer's path still writes the review
        plan.with_user(self.kam_manager).validate_tier()
        self.assertEqual(review.status, "approved")
        self.assertEqual(plan.state, "approved")

    def test_state_at_create_refused(self):
        Plan = self.env["kam.account.plan"].with_user(self.salesperson_a)
        with self.assertRefused(UserError, "workflow buttons"):
            Plan.with_context(kam_plan_workflow=True).create(
                {"partner_id": self.account_a.id, "state": "approved"}
            )
        plan = Plan.with_context(default_state="approved").create(
            {"partner_id": self.account_a.id}
        )
        self.assertEqual(plan.state, "draft", "a context default is no way around")
        self.assertEqual(
            self.env["kam.account.plan"].search_count(
                [("partner_id", "=", self.account_a.id), ("state", "=", "approved")]
            ),
            0,
        )

    def test_submitted_and_approved_content_is_locked(self):
        plan = self._plan()
        plan.action_submit()
        as_owner = plan.with_user(self.salesperson_a)
        with self.assertRefused(UserError, "under validation|can no longer change"):
            as_owner.write({"market_macro": "Changed after submit"})
        objective = as_owner.objective_ids
        with self.assertRefused(UserError, "can no longer change"):
            objective.write({"target": 1.0})
        plan.with_user(self.kam_manager).validate_tier()
        self.assertEqual(plan.state, "approved")
        for vals in ({"target": 1.0}, {"name": "Other"}):
            with self.assertRefused(UserError, "can no longer change"):
                objective.write(vals)
        with self.assertRefused(UserError, "can no longer change"):
            as_owner.write({"objective_ids": [(0, 0, {"name": "New", "kpi": "x"})]})
        with self.assertRefused(UserError, "can no longer change"):
            objective.unlink()
        fresh = self._fresh(plan)
        self.assertEqual(fresh.market_macro, "Growth")
        self.assertEqual(
            fresh.objective_ids.mapped(lambda o: (o.name, o.target)),
            [("Phase two", 100.0)],
        )
        competitor = self.env["kam.competitor"].create({"name": "Trust Rival"})
        with self.assertRefused(UserError, "can no longer change"):
            self.env["kam.account.plan.competitor"].with_user(
                self.salesperson_a
            ).create({"plan_id": plan.id, "competitor_id": competitor.id})
        self.assertFalse(self._fresh(plan).competitor_line_ids)
        # Execution: the actuals are reported, the actions followed up.
        action = (
            self.env["kam.account.plan.action"]
            .sudo()
            .create(
                {"plan_id": plan.id, "name": "Visit", "date_deadline": "2030-01-01"}
            )
        )
        as_owner.action_start()
        action = action.with_user(self.salesperson_a)
        with self.assertRefused(UserError, "can no longer change"):
            action.write({"name": "Another action"})
        action.write({"state": "done"})
        self.assertEqual(action.state, "done")
        objective.write({"actual": 50.0})
        self.assertEqual(plan.achievement, 50.0)
        as_owner.write({"lessons": "Start earlier"})

    def test_four_eyes(self):
        plan = self._plan(user=self.kam_manager)
        plan.with_user(self.kam_manager).action_submit()
        with self.assertRefused(UserError, "four-eyes"):
            plan.with_user(self.kam_manager).validate_tier()
        self.assertEqual(self._fresh(plan).state, "submitted")
        plan.with_user(self.manager_2).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_four_eyes_off_for_small_teams(self):
        self.env.company.kam_four_eyes = False
        plan = self._plan(user=self.kam_manager)
        plan.with_user(self.kam_manager).action_submit()
        plan.with_user(self.kam_manager).validate_tier()
        self.assertEqual(plan.state, "approved")


@tagged("post_install", "-at_install")
class TestTrustJobs(TrustCommon):
    """Item 8: the jobs of this addon have no public entry point."""

    def test_jobs_are_not_callable_over_rpc(self):
        Partner = self.env["res.partner"].with_user(self.salesperson_a)
        for method in (
            "_cron_kam_early_warning",
            "_cron_release_expired_claims",
            "_kam_expire_claim_batch",
            "_kam_end_claims",
            "_workflow_write",
        ):
            with self.assertRaises(AccessError, msg=method):
                get_public_method(Partner, method)


@tagged("post_install", "-at_install")
class TestTrustClaimExpiryLock(BaseCase):
    """Item 4: a claim another transaction holds (a Release, a second job run) is
    skipped by the batch, not waited for nor expired."""

    def test_locked_claim_is_skipped(self):
        registry = Registry(get_db_name())
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            user = mail_new_test_user(
                env,
                login="kam_lock_user",
                groups="base.group_user,key_account_management.group_kam_user",
            )
            territory = env["kam.territory"].create(
                {"name": "Lock", "code": "T-LOCK", "user_ids": [(6, 0, user.ids)]}
            )
            account = env["res.partner"].create(
                {
                    "name": "Locked Ltd",
                    "is_company": True,
                    "kam_territory_id": territory.id,
                    **KamCommon._customer_file_vals(env),
                }
            )
            with freeze_time(fields.Datetime.now() - timedelta(days=40)):
                account.with_user(user).action_kam_claim()
            ids = {
                "user": user.id,
                "partner": user.partner_id.id,
                "territory": territory.id,
                "account": account.id,
                "claim": account.kam_claim_ids.id,
            }
        try:
            with registry.cursor() as cr1, registry.cursor() as cr2:
                cr1.execute(
                    "SELECT id FROM kam_claim WHERE id = %s FOR UPDATE", [ids["claim"]]
                )
                env2 = api.Environment(cr2, SUPERUSER_ID, {})
                expired = env2["res.partner"]._kam_expire_claim_batch([ids["claim"]])
                self.assertFalse(expired, "the locked claim is skipped")
                cr2.rollback()
                cr1.rollback()
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                # Unlocked, the next run expires it.
                expired = env["res.partner"]._kam_expire_claim_batch([ids["claim"]])
                self.assertEqual(expired.ids, [ids["claim"]])
                cr.rollback()
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
                env["kam.claim"].browse(ids["claim"]).unlink()
                env["kam.stage.history"].search(
                    [("partner_id", "=", ids["account"])]
                ).unlink()
                # by the ORM, which removes the files' attachments too
                env["kam.account.document"].search(
                    [("partner_id", "=", ids["account"])]
                ).unlink()
                env["res.partner"].browse(ids["account"]).unlink()
                env["kam.territory"].browse(ids["territory"]).unlink()
                env["res.users"].browse(ids["user"]).unlink()
                env["res.partner"].browse(ids["partner"]).unlink()
