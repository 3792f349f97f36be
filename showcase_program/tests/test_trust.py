# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attack tests (issue 9, "Trust"): what a curious salesperson, a portal customer or a
plain employee tries over RPC is refused and changes nothing; the legitimate path
still works. Each refused call is re-read as superuser after invalidating the cache."""

import json
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import check_method_name
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import ShowcaseCommon, ShowcaseMixin

SC_MODELS = (
    "sc.showcase",
    "sc.agreement",
    "sc.agreement.obligation",
    "sc.deliverable",
    "sc.site.visit",
    "sc.annual.plan",
    "sc.annual.plan.line",
    "sc.event.prospect",
    "sc.reward.entry",
    "sc.case.collection",
    "sc.value.assessment",
    "sc.promotion",
    "sc.showcase.stage.history",
)


class TrustCommon(ShowcaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = mail_new_test_user(
            cls.env, login="sc_trust_portal", groups="base.group_portal"
        )
        cls.employee = mail_new_test_user(
            cls.env, login="sc_trust_employee", groups="base.group_user"
        )
        cls.crm_sales = mail_new_test_user(
            cls.env,
            login="sc_trust_crm",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        # a member of branch A who does not own the showcase
        cls.teammate = mail_new_test_user(
            cls.env,
            login="sc_trust_teammate",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        cls.manager_2 = mail_new_test_user(
            cls.env,
            login="sc_trust_manager_2",
            groups="base.group_user,key_account_management.group_kam_manager",
        )
        cls.executive = mail_new_test_user(
            cls.env,
            login="sc_trust_exec",
            groups="base.group_user,key_account_management.group_kam_executive",
        )
        cls.executive_2 = mail_new_test_user(
            cls.env,
            login="sc_trust_exec_2",
            groups="base.group_user,key_account_management.group_kam_executive",
        )
        cls.team_a.member_ids = [(4, cls.salesperson_a.id), (4, cls.teammate.id)]
        cls.team_b.member_ids = [(4, cls.salesperson_b.id)]
        cls.showcase = cls._create_showcase()
        cls.agreement = cls._create_agreement(cls, cls.showcase, visits=2)
        cls.prospect = cls.env["res.partner"].create(
            {"name": "Prospect Co", "is_company": True}
        )
        cls.consent_type = cls.env["sc.document.type"].search(
            [("needs_consent", "=", True)], limit=1
        )

    def assertUnchanged(self, records, values):
        """Re-read as superuser, from the database, and compare."""
        self.env.invalidate_all()
        for record in records.sudo():
            for fname, expected in values.items():
                self.assertEqual(record[fname], expected, f"{record} {fname}")

    def _deliverable(self, **vals):
        return self.env["sc.deliverable"].create(
            dict(
                {
                    "showcase_id": self.showcase.id,
                    "document_type_id": self.consent_type.id,
                    "content": "<p>Testimonial</p>",
                    "user_id": self.salesperson_a.id,
                },
                **vals,
            )
        )

    def _visit(self, visit_date="2026-03-02", **vals):
        return self.env["sc.site.visit"].create(
            dict(
                {
                    "name": "Visit",
                    "showcase_id": self.showcase.id,
                    "prospect_id": self.prospect.id,
                    "visit_date": visit_date,
                    "owner_approved": True,
                    "customer_consent": True,
                },
                **vals,
            )
        )

    def _plan(self, **vals):
        industry = self.env["res.partner.industry"].create({"name": "Rail"})
        return self.env["sc.annual.plan"].create(
            dict(
                {
                    "team_id": self.team_a.id,
                    "year": 2026,
                    "user_id": self.salesperson_a.id,
                    "line_ids": [(0, 0, {"industry_id": industry.id, "level": "city"})],
                },
                **vals,
            )
        )


@tagged("post_install", "-at_install")
class TestTrustWorkflow(TrustCommon):
    """1. States and stages change only through the transition methods."""

    def test_showcase_stage_and_review_refuse_plain_writes(self):
        showcase = self.showcase
        before = {
            "stage_id": self.stages["planning"],
            "review_state": "draft",
            "stage_date": showcase.stage_date,
        }
        attempts = [
            {"stage_id": self.stages["assessment"].id},
            {"review_state": "approved"},
            {"review_state": "pending"},
            {"stage_date": "2020-01-01 00:00:00"},
            {"reject_reason": "nothing"},
        ]
        for user in (self.salesperson_a, self.manager):
            for vals in attempts:
                for ctx in ({}, {"skip_validation_check": True}):
                    with self.assertRaisesRegex(UserError, "workflow buttons"):
                        showcase.with_user(user).with_context(**ctx).write(vals)
        with self.assertRaisesRegex(UserError, "review not submitted|workflow"):
            self.env["sc.showcase"].with_user(self.salesperson_a).create(
                {
                    "name": "Forged",
                    "partner_id": self.account.id,
                    "review_state": "approved",
                }
            )
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            self.env["sc.showcase"].with_user(self.salesperson_a).create(
                {
                    "name": "Forged",
                    "partner_id": self.account.id,
                    "stage_id": self.stages["assessment"].id,
                }
            )
        self.assertUnchanged(showcase, before)
        self.assertFalse(showcase.sudo().stage_history_ids)
        # the buttons move it
        showcase.with_user(self.salesperson_a).action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["assessment"])

    def test_showcase_under_review_frozen_even_with_skip_validation_check(self):
        showcase = self.showcase
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.with_user(self.salesperson_a).action_submit_review()
        self.assertEqual(showcase.review_state, "pending")
        with self.assertRaises(ValidationError):
            showcase.with_user(self.salesperson_a).with_context(
                skip_validation_check=True
            ).write({"solution": "Changed under review"})
        for method in ("restart_validation",):
            with self.assertRaisesRegex(UserError, "own buttons"):
                getattr(showcase.with_user(self.salesperson_a), method)()
        self.assertUnchanged(showcase, {"solution": False, "review_state": "pending"})
        self.assertTrue(showcase.sudo().review_ids)
        # a reviewer approves; the requester could not
        showcase.with_user(self.manager).validate_tier()
        self.assertEqual(showcase.review_state, "approved")

    def test_deliverable_state_needs_approval_with_consent(self):
        deliverable = self._deliverable()
        # no plain write of the state, by anybody, with or without consent
        for user in (self.salesperson_a, self.manager):
            with self.assertRaisesRegex(UserError, "workflow buttons"):
                deliverable.with_user(user).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            self.env["sc.deliverable"].with_user(self.salesperson_a).create(
                {
                    "showcase_id": self.showcase.id,
                    "document_type_id": self.consent_type.id,
                    "state": "approved",
                }
            )
        deliverable.with_user(self.salesperson_a).action_submit()
        with self.assertRaisesRegex(UserError, "Only managers"):
            deliverable.with_user(self.salesperson_a).action_approve()
        with self.assertRaisesRegex(UserError, "consent to publish"):
            deliverable.with_user(self.manager).action_approve()
        deliverable.with_user(self.salesperson_a).consent_to_publish = True
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            deliverable.with_user(self.manager).write({"state": "approved"})
        self.assertUnchanged(deliverable, {"state": "submitted"})
        deliverable.with_user(self.manager).action_approve()
        self.assertEqual(deliverable.state, "approved")

    def test_agreement_state_through_buttons_only(self):
        agreement = self._create_agreement(self.showcase, sign=False)
        for vals in (
            {"state": "signed"},
            {"state": "active"},
            {"date_signed": "2026-01-01"},
            {"reminder_sent": "60,30,7"},
        ):
            with self.assertRaisesRegex(UserError, "workflow buttons"):
                agreement.with_user(self.salesperson_a).write(vals)
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            self.env["sc.agreement"].with_user(self.salesperson_a).create(
                {"showcase_id": self.showcase.id, "state": "active"}
            )
        self.assertUnchanged(agreement, {"state": "draft", "date_signed": False})
        agreement.with_user(self.salesperson_a).action_sign()
        self.assertEqual(agreement.state, "signed")

    def test_site_visit_state_through_buttons_only(self):
        visit = self._visit()
        for user in (self.salesperson_a, self.manager):
            with self.assertRaisesRegex(UserError, "workflow buttons"):
                visit.with_user(user).write({"state": "2_approved"})
        with self.assertRaisesRegex(UserError, "workflow buttons"):
            self._visit(visit_date="2026-06-01").with_user(self.salesperson_a).create(
                {
                    "name": "Forged",
                    "showcase_id": self.showcase.id,
                    "prospect_id": self.prospect.id,
                    "state": "4_done",
                }
            )
        self.assertUnchanged(visit, {"state": "1_request"})
        visit.with_user(self.salesperson_a).action_approve()
        self.assertEqual(visit.state, "2_approved")

    def test_annual_plan_state_through_buttons_only(self):
        plan = self._plan()
        for ctx in ({}, {"skip_validation_check": True}):
            with self.assertRaisesRegex(UserError, "workflow buttons"):
                plan.with_user(self.salesperson_a).with_context(**ctx).write(
                    {"state": "approved"}
                )
        plan.with_user(self.salesperson_a).action_submit()
        for ctx in ({}, {"skip_validation_check": True}):
            with self.assertRaises(UserError):
                plan.with_user(self.salesperson_a).with_context(**ctx).write(
                    {"state": "approved"}
                )
        with self.assertRaisesRegex(UserError, "own buttons"):
            plan.with_user(self.salesperson_a).restart_validation()
        self.assertUnchanged(plan, {"state": "submitted"})
        self.assertTrue(plan.sudo().review_ids)
        # headquarters validates: that approves the plan
        plan.with_user(self.executive).validate_tier()
        self.assertEqual(plan.state, "approved")
        with self.assertRaisesRegex(UserError, "approved"):
            plan.with_user(self.teammate).action_approve()

    def test_job_method_checks_group(self):
        today = fields.Date.context_today(self.agreement)
        agreement = self._create_agreement(
            self._create_showcase(name="Expiring"),
            date_start=today - timedelta(days=300),
            date_end=today + timedelta(days=5),
        )
        Agreement = self.env["sc.agreement"]
        for user in (self.salesperson_a, self.salesperson_b, self.employee):
            with self.assertRaisesRegex(UserError, "Only members of"):
                Agreement.with_user(user)._cron_expiry_reminders()
        self.assertUnchanged(agreement, {"reminder_sent": False})
        self.assertFalse(agreement.sudo().activity_ids)
        # not callable over RPC at all (private), and fine for a manager
        with self.assertRaises(AccessError):
            check_method_name("_cron_expiry_reminders")
        Agreement.with_user(self.manager)._cron_expiry_reminders()
        self.assertEqual(agreement.reminder_sent, "60,30,7")
        self.assertTrue(agreement.activity_ids)


@tagged("post_install", "-at_install")
class TestTrustLocks(TrustCommon):
    """2. Approved documents are locked; four-eyes on the approvals."""

    def test_signed_agreement_terms_locked(self):
        agreement = self.agreement
        obligation = agreement.obligation_ids.filtered(
            lambda o: o.obligation_type == "prospect_visits"
        )
        for user in (self.salesperson_a, self.manager):
            for vals in (
                {"date_end": "2030-12-31"},
                {"terms": "<p>Other terms</p>"},
                {"customer_signatory_id": False},
                {"visit_min_rest_days": 0},
                {"obligation_ids": [(1, obligation.id, {"quantity": 99})]},
            ):
                with self.assertRaises(UserError):
                    agreement.with_user(user).write(vals)
            with self.assertRaisesRegex(UserError, "no longer change"):
                obligation.with_user(user).quantity = 99
            with self.assertRaisesRegex(UserError, "no longer change"):
                obligation.with_user(user).unlink()
            with self.assertRaisesRegex(UserError, "no longer change"):
                self.env["sc.agreement.obligation"].with_user(user).create(
                    {
                        "agreement_id": agreement.id,
                        "obligation_type": "prospect_visits",
                        "quantity": 50,
                    }
                )
        self.assertUnchanged(
            agreement,
            {"date_end": fields.Date.to_date("2027-12-31"), "visit_min_rest_days": 14},
        )
        self.assertUnchanged(obligation, {"quantity": 2})
        self.assertEqual(agreement.sudo()._get_visit_quota(), 2)
        # the showcase changes level: the signed agreement keeps what was signed
        self.showcase.with_user(self.salesperson_a).level = "national"
        self.assertUnchanged(agreement, {"level": "city"})
        # a renewal carries new terms
        action = agreement.with_user(self.salesperson_a).action_renew()
        renewal = self.env["sc.agreement"].browse(action["res_id"])
        self.assertEqual(renewal.renewed_from_id, agreement)
        renewal.obligation_ids.filtered(
            lambda o: o.obligation_type == "prospect_visits"
        ).with_user(self.salesperson_a).quantity = 3
        self.assertEqual(renewal._get_visit_quota(), 3)

    def test_approved_annual_plan_locked(self):
        plan = self._plan()
        plan.action_submit()
        plan.with_user(self.executive).validate_tier()
        self.assertEqual(plan.state, "approved")
        line = plan.line_ids
        for user in (self.salesperson_a, self.manager):
            with self.assertRaisesRegex(UserError, "approved|no longer change"):
                plan.with_user(user).write({"year": 2027})
            with self.assertRaises(UserError):
                plan.with_user(user).write(
                    {"line_ids": [(1, line.id, {"planned_count": 40})]}
                )
            with self.assertRaisesRegex(UserError, "no longer change"):
                line.with_user(user).planned_count = 40
            with self.assertRaisesRegex(UserError, "no longer change"):
                line.with_user(user).unlink()
        self.assertUnchanged(plan, {"state": "approved", "year": 2026})
        self.assertUnchanged(line, {"planned_count": 1})
        # reset to draft: the approval goes, the plan can change
        plan.with_user(self.salesperson_a).action_draft()
        line.with_user(self.salesperson_a).planned_count = 4
        self.assertEqual(plan.state, "draft")
        self.assertEqual(line.planned_count, 4)

    def test_approved_deliverable_changes_go_back_for_approval(self):
        deliverable = self._deliverable(consent_to_publish=True)
        deliverable.action_submit()
        deliverable.with_user(self.manager).action_approve()
        deliverable.with_user(self.salesperson_a).content = "<p>Rewritten</p>"
        self.assertUnchanged(deliverable, {"state": "submitted"})
        self.assertIn("Rewritten", deliverable.content)
        deliverable.with_user(self.manager).action_approve()
        # the customer withdraws consent: not approved any more, nor approvable
        deliverable.with_user(self.salesperson_a).consent_to_publish = False
        self.assertUnchanged(deliverable, {"state": "submitted"})
        with self.assertRaisesRegex(UserError, "consent to publish"):
            deliverable.with_user(self.manager).action_approve()
        self.assertUnchanged(deliverable, {"state": "submitted"})

    def test_approved_site_visit_changes_go_back_for_approval(self):
        visit = self._visit()
        visit.action_approve()
        visit.with_user(self.salesperson_a).visit_date = "2026-04-02"
        self.assertUnchanged(
            visit,
            {
                "state": "1_request",
                "owner_approved": False,
                "visit_date": fields.Date.to_date("2026-04-02"),
            },
        )
        visit.with_user(self.salesperson_a).owner_approved = True
        visit.with_user(self.salesperson_a).action_approve()
        visit.action_schedule()
        visit.action_done()
        # a visit that took place no longer changes
        with self.assertRaisesRegex(UserError, "no longer change"):
            visit.with_user(self.salesperson_a).visitor_count = 30
        self.assertUnchanged(visit, {"state": "4_done", "visitor_count": 1})
        visit.with_user(self.salesperson_a).feedback = "Good"  # still open

    def test_four_eyes_showcase_review(self):
        showcase = self._create_showcase(user_id=self.manager.id)
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.with_user(self.manager).action_submit_review()
        for call in ("validate_tier", "_validate_tier"):
            with self.assertRaisesRegex(UserError, "four-eyes"):
                getattr(showcase.with_user(self.manager), call)()
        self.assertUnchanged(showcase, {"review_state": "pending"})
        self.assertEqual(set(showcase.sudo().review_ids.mapped("status")), {"pending"})
        showcase.with_user(self.manager_2).validate_tier()
        self.assertEqual(showcase.review_state, "approved")

    def test_tier_reviews_cannot_be_forged(self):
        """base_tier_validation lets employees write tier.review: not for ours."""
        plan = self._plan()
        plan.with_user(self.salesperson_a).action_submit()
        review = plan.sudo().review_ids
        Review = self.env["tier.review"].with_user(self.teammate)
        with self.assertRaisesRegex(UserError, "Validate and Reject buttons"):
            review.with_user(self.teammate).write(
                {"status": "approved", "done_by": self.executive.id}
            )
        with self.assertRaisesRegex(UserError, "Validate and Reject buttons"):
            review.with_user(self.teammate).unlink()
        with self.assertRaisesRegex(UserError, "Validate and Reject buttons"):
            Review.create(
                {
                    "model": "sc.annual.plan",
                    "res_id": plan.id,
                    "definition_id": review.definition_id.id,
                    "status": "approved",
                }
            )
        with self.assertRaises(ValidationError):
            plan.with_user(self.teammate).action_approve()
        self.assertUnchanged(plan, {"state": "submitted"})
        self.assertUnchanged(
            review, {"status": "pending", "done_by": self.env["res.users"]}
        )
        showcase = self.showcase
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.with_user(self.salesperson_a).action_submit_review()
        with self.assertRaisesRegex(UserError, "Validate and Reject buttons"):
            showcase.sudo().review_ids.with_user(self.salesperson_a).write(
                {"status": "approved"}
            )
        with self.assertRaisesRegex(UserError, "not a reviewer"):
            showcase.with_user(self.salesperson_a).validate_tier()
        self.assertUnchanged(showcase, {"review_state": "pending"})
        # the reviewers' path; rejecting asks for a reason
        action = showcase.with_user(self.manager).reject_tier()
        self.assertEqual(action["res_model"], "sc.showcase.reject.wizard")
        showcase.with_user(self.manager)._reject_review("Not yet")
        self.assertEqual(showcase.review_state, "rejected")
        plan.with_user(self.executive).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_four_eyes_can_be_turned_off(self):
        self.env.company.kam_four_eyes = False
        showcase = self._create_showcase(user_id=self.manager.id)
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.with_user(self.manager).action_submit_review()
        showcase.with_user(self.manager).validate_tier()
        self.assertEqual(showcase.review_state, "approved")

    def test_four_eyes_annual_plan(self):
        plan = self._plan(user_id=self.executive.id)
        plan.with_user(self.executive).action_submit()
        with self.assertRaisesRegex(UserError, "four-eyes"):
            plan.with_user(self.executive).validate_tier()
        self.assertUnchanged(plan, {"state": "submitted"})
        self.assertEqual(set(plan.sudo().review_ids.mapped("status")), {"pending"})
        plan.with_user(self.executive_2).validate_tier()
        self.assertEqual(plan.state, "approved")

    def test_annual_plan_without_review_approved_by_headquarters(self):
        # No review configured: headquarters approves directly, never its own plan.
        self.env["tier.definition"].search(
            [("model", "=", "sc.annual.plan")]
        ).active = False
        plan = self._plan(user_id=self.executive.id)
        plan.with_user(self.executive).action_submit()
        self.assertFalse(plan.review_ids)
        with self.assertRaisesRegex(UserError, "four-eyes"):
            plan.with_user(self.executive).action_approve()
        with self.assertRaises(UserError):
            plan.with_user(self.teammate).action_approve()
        self.assertUnchanged(plan, {"state": "submitted"})
        plan.with_user(self.executive_2).action_approve()
        self.assertEqual(plan.state, "approved")


@tagged("post_install", "-at_install")
class TestTrustTeams(TrustCommon):
    """3. Record rules on every per-team model; 4. quota and ownership."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan(cls)
        cls.collection = cls.env["sc.case.collection"].create(
            {"name": "Team A cases", "showcase_ids": [(6, 0, cls.showcase.ids)]}
        )
        cls.lead_a = cls.env["crm.lead"].create(
            {
                "name": "Deal A",
                "type": "opportunity",
                "partner_id": cls.prospect.id,
                "user_id": cls.salesperson_a.id,
                "expected_revenue": 300000,
                "stage_id": cls.open_stage.id,
            }
        )
        cls.lead_b = cls.env["crm.lead"].create(
            {
                "name": "Deal B",
                "type": "opportunity",
                "partner_id": cls.prospect.id,
                "user_id": cls.salesperson_b.id,
                "expected_revenue": 700000,
                "stage_id": cls.open_stage.id,
            }
        )
        cls.event = cls.env["event.event"].create(
            {
                "name": "Summit A",
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
                "sc_showcase_ids": [(6, 0, cls.showcase.ids)],
            }
        )
        cls.prospect_line = cls.env["sc.event.prospect"].create(
            {
                "event_id": cls.event.id,
                "partner_id": cls.prospect.id,
                "lead_id": cls.lead_a.id,
            }
        )

    def _team_records(self):
        return {
            "sc.agreement.obligation": self.agreement.obligation_ids,
            "sc.annual.plan": self.plan,
            "sc.annual.plan.line": self.plan.line_ids,
            "sc.reward.entry": self.env["sc.reward.entry"].search(
                [("showcase_id", "=", self.showcase.id)]
            ),
            "sc.case.collection": self.collection,
            "sc.event.prospect": self.prospect_line,
        }

    def test_other_team_reads_nothing(self):
        self.salesperson_b.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        records = self._team_records()
        for model, recs in records.items():
            self.assertTrue(recs, model)
            Model = self.env[model].with_user(self.salesperson_b)
            domain = [("id", "in", recs.ids)]
            self.assertFalse(Model.search(domain), model)
            self.assertFalse(Model.search_read(domain, ["id"]), model)
            self.assertEqual(
                [g["__count"] for g in Model.read_group(domain, ["__count"], [])],
                [0],
                model,
            )
            self.assertEqual(Model.search_count(domain), 0, model)
            with self.assertRaises(AccessError, msg=model):
                recs.with_user(self.salesperson_b).read(["display_name"])
            with self.assertRaises(AccessError, msg=model):
                recs[:1].with_user(self.salesperson_b).export_data(["create_date"])
        # own team: read, and the manager reads everything
        for model, recs in records.items():
            for user in (self.salesperson_a, self.manager):
                self.assertEqual(
                    self.env[model].with_user(user).search([("id", "in", recs.ids)]),
                    recs,
                    f"{model} {user.login}",
                )

    def test_other_team_cannot_raise_quota(self):
        obligation = self.agreement.obligation_ids[:1]
        with self.assertRaises(AccessError):
            obligation.with_user(self.salesperson_b).write({"quantity": 99})
        with self.assertRaises(AccessError):
            self.env["sc.agreement.obligation"].with_user(self.salesperson_b).create(
                {
                    "agreement_id": self.agreement.id,
                    "obligation_type": "prospect_visits",
                    "quantity": 99,
                }
            )
        self.assertUnchanged(obligation, {"quantity": 2})
        self.assertEqual(self.agreement.sudo()._get_visit_quota(), 2)

    def test_teammate_cannot_change_quota_or_ownership(self):
        draft = self._create_agreement(self.showcase, sign=False, visits=1)
        line = draft.obligation_ids.filtered(
            lambda o: o.obligation_type == "prospect_visits"
        )
        teammate_draft = draft.with_user(self.teammate)
        teammate_draft.read(["name"])  # the branch reads it
        with self.assertRaisesRegex(UserError, "Only the owner"):
            line.with_user(self.teammate).quantity = 10
        with self.assertRaisesRegex(UserError, "Only the owner"):
            teammate_draft.write({"visit_min_rest_days": 0})
        with self.assertRaisesRegex(UserError, "Only the owner"):
            self.env["sc.agreement"].with_user(self.teammate).create(
                {"showcase_id": self.showcase.id}
            )
        showcase = self.showcase.with_user(self.teammate)
        for vals in (
            {"user_id": self.teammate.id},
            {"team_id": self.team_b.id},
            {
                "partner_id": self.env["res.partner"]
                .create({"name": "X", "is_company": True})
                .id
            },
        ):
            with self.assertRaisesRegex(UserError, "Only the owner"):
                showcase.write(vals)
        with self.assertRaisesRegex(UserError, "Only the owner"):
            self._visit(owner_approved=False).with_user(self.teammate).write(
                {"owner_approved": True}
            )
        with self.assertRaisesRegex(UserError, "Only the owner"):
            self.env["sc.site.visit"].with_user(self.teammate).create(
                {
                    "name": "Self-approved",
                    "showcase_id": self.showcase.id,
                    "prospect_id": self.prospect.id,
                    "owner_approved": True,
                }
            )
        # an owner's approval does not follow a visit moved to another showcase
        other = self._create_showcase(name="Second showcase of branch A")
        moved = self._visit(showcase_id=other.id)
        moved.with_user(self.teammate).showcase_id = self.showcase
        self.assertUnchanged(moved, {"owner_approved": False})
        self.assertUnchanged(line, {"quantity": 1})
        self.assertUnchanged(draft, {"visit_min_rest_days": 14})
        self.assertUnchanged(
            self.showcase,
            {"user_id": self.salesperson_a, "team_id": self.team_a},
        )
        # the showcase's owner and a manager can
        line.with_user(self.salesperson_a).quantity = 5
        line.with_user(self.manager).quantity = 6
        self.assertEqual(line.quantity, 6)
        self.showcase.with_user(self.teammate).solution = "Work goes on"

    def test_records_not_moved_into_another_teams_showcase(self):
        showcase_b = self.env["sc.showcase"].create(
            {
                "name": "Showcase B",
                "partner_id": self.env["res.partner"]
                .create({"name": "Account B", "is_company": True})
                .id,
                "team_id": self.team_b.id,
                "user_id": self.salesperson_b.id,
            }
        )
        records = (
            self._deliverable(showcase_id=showcase_b.id),
            self._visit(showcase_id=showcase_b.id, owner_approved=False),
            self.env["sc.value.assessment"].create(
                {"showcase_id": showcase_b.id, "name": "Faster"}
            ),
            self.env["sc.promotion"].create(
                {"showcase_id": showcase_b.id, "name": "Press"}
            ),
        )
        for record in records:
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.salesperson_b).write(
                    {"showcase_id": self.showcase.id}
                )
            self.assertUnchanged(record, {"showcase_id": showcase_b})
            # within his own showcases, and for the showcase's team, it moves
            record.with_user(self.salesperson_b).write({"showcase_id": showcase_b.id})

    def test_multi_company(self):
        """A manager reads another company's obligations, prospects and plans only
        with that company active."""
        other = self.env["res.company"].create({"name": "Other Showcase Co"})
        self.manager.company_ids = [(4, other.id)]
        showcase = (
            self.env["sc.showcase"]
            .with_company(other)
            .create(
                {
                    "name": "Other company showcase",
                    "partner_id": self.env["res.partner"]
                    .create({"name": "Other account", "is_company": True})
                    .id,
                    "company_id": other.id,
                }
            )
        )
        agreement = self._create_agreement(showcase, sign=False)
        plan = self.env["sc.annual.plan"].create(
            {"team_id": self.team_b.id, "year": 2029, "company_id": other.id}
        )
        records = {
            "sc.agreement.obligation": agreement.obligation_ids,
            "sc.annual.plan": plan,
        }
        for model, recs in records.items():
            Model = self.env[model].with_user(self.manager)
            own_company = Model.with_context(
                allowed_company_ids=self.manager.company_id.ids
            )
            self.assertFalse(own_company.search([("id", "in", recs.ids)]), model)
            both = Model.with_context(
                allowed_company_ids=(self.manager.company_id | other).ids
            )
            self.assertEqual(both.search([("id", "in", recs.ids)]), recs, model)

    def test_salesperson_cannot_file_for_another_branch(self):
        with self.assertRaisesRegex(UserError, "own branch"):
            self.env["sc.showcase"].with_user(self.salesperson_b).create(
                {
                    "name": "For branch A",
                    "partner_id": self.account.id,
                    "team_id": self.team_a.id,
                }
            )
        with self.assertRaisesRegex(UserError, "own branch"):
            self.env["sc.annual.plan"].with_user(self.salesperson_b).create(
                {"team_id": self.team_a.id, "year": 2027}
            )
        self.assertFalse(
            self.env["sc.annual.plan"].search(
                [("team_id", "=", self.team_a.id), ("year", "=", 2027)]
            )
        )

    def test_prospect_revenue_only_for_readers_of_the_lead(self):
        # B's prospect on A's event: A sees the prospect, not B's deal's revenue
        line_b = self.env["sc.event.prospect"].create(
            {
                "event_id": self.event.id,
                "partner_id": self.prospect.id,
                "lead_id": self.lead_b.id,
            }
        )
        self.env.invalidate_all()
        as_a = line_b.with_user(self.salesperson_a)
        self.assertEqual(as_a.read(["expected_revenue"])[0]["expected_revenue"], 0.0)
        self.assertEqual(line_b.with_user(self.salesperson_b).expected_revenue, 700000)
        # a key account manager sees it once CRM lets him read every lead
        self.assertEqual(line_b.with_user(self.manager).expected_revenue, 0.0)
        self.manager.groups_id = [
            (4, self.env.ref("sales_team.group_sale_salesman_all_leads").id)
        ]
        self.env.invalidate_all()
        self.assertEqual(line_b.with_user(self.manager).expected_revenue, 700000)

    def test_portal_employee_and_crm_user_read_nothing(self):
        records = dict(
            self._team_records(),
            **{
                "sc.showcase": self.showcase,
                "sc.agreement": self.agreement,
            },
        )
        for user in (self.portal, self.employee, self.crm_sales):
            for model in SC_MODELS:
                with self.assertRaises(AccessError, msg=f"{model} {user.login}"):
                    self.env[model].with_user(user).search([])
            for model, recs in records.items():
                with self.assertRaises(AccessError, msg=f"{model} {user.login}"):
                    recs[:1].with_user(user).read(["id"])
                with self.assertRaises(AccessError, msg=f"{model} {user.login}"):
                    recs[:1].with_user(user).check_access("write")

    def test_quota_checked_sequentially(self):
        first = self._visit("2026-03-02")
        second = self._visit("2026-05-02")
        third = self._visit("2026-09-01")
        first.with_user(self.salesperson_a).action_approve()
        second.with_user(self.salesperson_a).action_approve()
        with self.assertRaisesRegex(ValidationError, "allows 2 prospect visits"):
            third.with_user(self.salesperson_a).action_approve()
        self.assertUnchanged(third, {"state": "1_request"})

    @mute_logger("odoo.sql_db")
    def test_quota_check_locks_the_showcase(self):
        """The approval locks the showcase row: a concurrent approval waits (here a
        second connection asking NOWAIT is refused). The visit's foreign key only
        takes a KEY SHARE lock, so the probe asks for NO KEY UPDATE."""
        showcase = self.env.ref(
            "showcase_program.sc_showcase_demo_marketing", raise_if_not_found=False
        )
        if not showcase or not showcase.current_agreement_id:
            self.skipTest("needs the demo data (a committed showcase row)")
        today = fields.Date.context_today(showcase)
        visit = self.env["sc.site.visit"].create(
            {
                "name": "Concurrent visit",
                "showcase_id": showcase.id,
                "prospect_id": self.prospect.id,
                "visit_date": today + timedelta(days=60),
                "owner_approved": True,
                "customer_consent": True,
            }
        )
        self.env.flush_all()
        with self.registry.cursor() as other:
            other.execute(
                "SELECT id FROM sc_showcase WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                [showcase.id],
            )
            other.rollback()
            visit.action_approve()
            self.env.flush_all()
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                other.execute(
                    "SELECT id FROM sc_showcase WHERE id = %s FOR NO KEY UPDATE NOWAIT",
                    [showcase.id],
                )
            other.rollback()


@tagged("post_install", "-at_install")
class TestTrustRewards(TrustCommon):
    """5. Rewards only for links made by people who can read the showcase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_b = cls.env["crm.lead"].create(
            {
                "name": "Deal B",
                "type": "opportunity",
                "partner_id": cls.prospect.id,
                "user_id": cls.salesperson_b.id,
                "stage_id": cls.open_stage.id,
            }
        )

    def _deal_rewards(self):
        return self.env["sc.reward.entry"].search(
            [("showcase_id", "=", self.showcase.id), ("milestone", "=", "deal_won")]
        )

    def test_link_by_a_stranger_is_refused_and_earns_nothing(self):
        lead = self.lead_b.with_user(self.salesperson_b)
        with self.assertRaises(AccessError):
            lead.write({"sc_showcase_ids": [(4, self.showcase.id)]})
        with self.assertRaises(AccessError):
            lead.write({"sc_showcase_ids": [(6, 0, self.showcase.ids)]})
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.salesperson_b).create(
                {"name": "Forged", "sc_showcase_ids": [(4, self.showcase.id)]}
            )
        self.salesperson_b.groups_id = [(4, self.env.ref("event.group_event_user").id)]
        with self.assertRaises(AccessError):
            self.env["event.event"].sudo().create(
                {
                    "name": "Stranger's event",
                    "date_begin": "2026-05-01 01:00:00",
                    "date_end": "2026-05-01 09:00:00",
                }
            ).with_user(self.salesperson_b).write(
                {"sc_showcase_ids": [(4, self.showcase.id)]}
            )
        self.assertUnchanged(self.lead_b, {"sc_showcase_ids": self.env["sc.showcase"]})
        self.lead_b.with_user(self.salesperson_b).action_set_won()
        self.assertFalse(self._deal_rewards())

    def test_prospect_added_by_a_stranger_links_nothing(self):
        event = self.env["event.event"].create(
            {
                "name": "Summit A",
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
                "sc_showcase_ids": [(6, 0, self.showcase.ids)],
            }
        )
        self.env["sc.event.prospect"].with_user(self.salesperson_b).create(
            {
                "event_id": event.id,
                "partner_id": self.prospect.id,
                "lead_id": self.lead_b.id,
            }
        )
        self.assertUnchanged(self.lead_b, {"sc_showcase_ids": self.env["sc.showcase"]})
        self.lead_b.with_user(self.salesperson_b).action_set_won()
        self.assertFalse(self._deal_rewards())

    def test_stranger_cannot_credit_his_showcase_with_another_deal(self):
        """B features his own showcase and invites A's opportunity, which B cannot
        read: A's deal does not reward B's showcase."""
        showcase_b = self.env["sc.showcase"].create(
            {
                "name": "Showcase B",
                "partner_id": self.env["res.partner"]
                .create({"name": "Account B", "is_company": True})
                .id,
                "team_id": self.team_b.id,
                "user_id": self.salesperson_b.id,
            }
        )
        lead_a = self.env["crm.lead"].create(
            {
                "name": "Deal A",
                "type": "opportunity",
                "partner_id": self.prospect.id,
                "user_id": self.salesperson_a.id,
                "stage_id": self.open_stage.id,
            }
        )
        event = self.env["event.event"].create(
            {
                "name": "Summit B",
                "date_begin": "2026-05-01 01:00:00",
                "date_end": "2026-05-01 09:00:00",
                "sc_showcase_ids": [(6, 0, showcase_b.ids)],
            }
        )
        self.env["sc.event.prospect"].with_user(self.salesperson_b).create(
            {"event_id": event.id, "partner_id": self.prospect.id, "lead_id": lead_a.id}
        )
        self.assertUnchanged(lead_a, {"sc_showcase_ids": self.env["sc.showcase"]})
        lead_a.with_user(self.salesperson_a).action_set_won()
        self.assertFalse(
            self.env["sc.reward.entry"].search(
                [("showcase_id", "=", showcase_b.id), ("milestone", "=", "deal_won")]
            )
        )

    def test_team_cannot_credit_its_showcase_with_an_unreadable_deal(self):
        showcase = self.showcase.with_user(self.salesperson_a)
        with self.assertRaises(AccessError):
            showcase.write({"lead_ids": [(4, self.lead_b.id)]})
        self.assertUnchanged(self.lead_b, {"sc_showcase_ids": self.env["sc.showcase"]})
        lead_a = self.env["crm.lead"].create(
            {"name": "Deal A", "type": "opportunity", "user_id": self.salesperson_a.id}
        )
        showcase.write({"lead_ids": [(4, lead_a.id)], "solution": "MES"})
        self.assertUnchanged(lead_a.sudo(), {"sc_showcase_ids": self.showcase})
        self.assertEqual(self.showcase.solution, "MES")

    def test_link_by_the_team_is_rewarded(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Influenced",
                "type": "opportunity",
                "partner_id": self.prospect.id,
                "user_id": self.salesperson_a.id,
                "stage_id": self.open_stage.id,
            }
        )
        lead.with_user(self.salesperson_a).sc_showcase_ids = [(4, self.showcase.id)]
        self.env.invalidate_all()
        lead.with_user(self.salesperson_a).action_set_won()
        self.assertEqual(len(self._deal_rewards()), 1)
        # (a CRM salesperson without KAM rights winning: TestPlainCrmUsers)


@tagged("post_install", "-at_install")
class TestTrustHttp(ShowcaseMixin, HttpCase):
    """The same attacks as JSON-RPC ``call_kw`` requests of a real session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sc_setup()
        cls.portal = mail_new_test_user(
            cls.env, login="sc_http_portal", groups="base.group_portal"
        )
        cls.showcase = cls._create_showcase()
        cls.agreement = cls._create_agreement(cls, cls.showcase, visits=2)

    def call_kw(self, model, method, args, kwargs=None):
        payload = {
            "id": 1,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        response.raise_for_status()
        return response.json()

    def assertRefused(self, model, method, args, kwargs=None):
        body = self.call_kw(model, method, args, kwargs)
        self.assertIn("error", body, f"{model}.{method} was not refused: {body}")
        self.assertIn(
            body["error"]["data"]["name"],
            (
                "odoo.exceptions.AccessError",
                "odoo.exceptions.UserError",
                "odoo.exceptions.ValidationError",
            ),
        )

    def test_http_attacks(self):
        showcase, agreement = self.showcase, self.agreement
        obligation = agreement.obligation_ids.filtered(
            lambda o: o.obligation_type == "prospect_visits"
        )
        # the team's salesperson cannot approve by writing, even with the context key
        self.authenticate("sc_sales_a", "sc_sales_a")
        self.assertRefused(
            "sc.showcase",
            "write",
            [showcase.ids, {"review_state": "approved"}],
            {"context": {"skip_validation_check": True}},
        )
        self.assertRefused(
            "sc.showcase",
            "write",
            [showcase.ids, {"stage_id": self.stages["review"].id}],
        )
        self.assertRefused(
            "sc.agreement", "write", [agreement.ids, {"date_end": "2030-12-31"}]
        )
        self.assertRefused("sc.agreement", "_cron_expiry_reminders", [[]])
        # ... but edits the showcase
        body = self.call_kw("sc.showcase", "write", [showcase.ids, {"solution": "MES"}])
        self.assertNotIn("error", body)
        # another team's salesperson: no obligations, no quota raise
        self.authenticate("sc_sales_b", "sc_sales_b")
        body = self.call_kw(
            "sc.agreement.obligation",
            "search_read",
            [[("agreement_id", "=", agreement.id)], ["quantity"]],
        )
        self.assertEqual(body.get("result"), [])
        self.assertRefused(
            "sc.agreement.obligation", "write", [obligation.ids, {"quantity": 99}]
        )
        # a portal user reads nothing
        self.authenticate("sc_http_portal", "sc_http_portal")
        self.assertRefused("sc.showcase", "search_read", [[], ["name"]])
        self.assertRefused("sc.agreement.obligation", "search_read", [[], ["quantity"]])
        self.env.invalidate_all()
        self.assertEqual(showcase.review_state, "draft")
        self.assertEqual(showcase.stage_id, self.stages["planning"])
        self.assertEqual(showcase.solution, "MES")
        self.assertEqual(obligation.quantity, 2)
        self.assertEqual(str(agreement.date_end), "2027-12-31")
