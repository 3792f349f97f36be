# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestLifecycle(ShowcaseCommon):
    def assertGateRefused(self, showcase, missing_items, action=None, user=None):
        """Assert the move is refused, lists exactly missing_items, and moves
        nothing."""
        stage_before = showcase.stage_id
        history_before = len(showcase.stage_history_ids)
        target = showcase if user is None else showcase.with_user(user)
        with self.assertRaises(UserError) as ctx:
            (action or target.action_next_stage)()
        message = str(ctx.exception)
        self.assertIn(" Missing:\n- ", message)
        listed = message.split(" Missing:\n- ", 1)[1].split("\n- ")
        self.assertEqual(listed, missing_items)
        showcase.invalidate_recordset()
        self.assertEqual(showcase.stage_id, stage_before)
        self.assertEqual(len(showcase.stage_history_ids), history_before)
        return message

    def test_full_lifecycle_signing_during_implementation(self):
        showcase = self._create_showcase(level="city")
        self.assertEqual(showcase.stage_id, self.stages["planning"])
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["assessment"])

        # review gate: qualification, focal value, presales documents
        message = self.assertGateRefused(
            showcase,
            [
                "Qualification criterion met: High management level",
                "Qualification criterion met: Representative informatisation of the "
                "industry",
                "Qualification criterion met: High satisfaction, willing to cooperate "
                "in promotion",
                "Qualification criterion met: Local influence",
                "Focal value in the value assessment",
                "Presales solution (presales document) missing",
                "Requirements research report (presales document) missing",
            ],
        )
        self.assertTrue(
            message.startswith(
                "Smart Metro Showcase (city) cannot enter the stage Review. Missing:"
            )
        )
        self._qualify(showcase)
        docs = self.env["sc.deliverable"].create(
            [
                {
                    "showcase_id": showcase.id,
                    "document_type_id": self.env.ref(
                        f"showcase_program.sc_document_type_{code}"
                    ).id,
                    "content": "<p>x</p>",
                }
                for code in ("presales_solution", "requirements_report")
            ]
        )
        self.assertGateRefused(
            showcase,
            [
                "Presales solution (presales document) not approved",
                "Requirements research report (presales document) not approved",
            ],
        )
        docs.action_submit()
        docs.action_approve()
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["review"])
        self.assertEqual(showcase.review_state, "pending")
        self.assertTrue(showcase.review_ids)

        # under review: next is refused by the tier validation until approved
        with self.assertRaises(UserError):
            showcase.with_user(self.salesperson_a).validate_tier()
        self.assertGateRefused(showcase, ["Approved showcase review"])
        showcase.with_user(self.manager).validate_tier()
        self.assertEqual(showcase.review_state, "approved")
        self.assertEqual(showcase.validation_status, "validated")

        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["signing"])
        # signing during implementation: implementation needs the signed agreement
        self.assertEqual(showcase.signing_timing, "implementation")
        self.assertGateRefused(showcase, ["Signed showcase agreement"])
        agreement = self._create_agreement(showcase, sign=False)
        self.assertGateRefused(showcase, ["Signed showcase agreement"])
        agreement.action_sign()
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["implementation"])

        self.assertGateRefused(
            showcase, ["Implementation plan (implementation document) missing"]
        )
        self._approve_documents(showcase, "delivery")
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["delivery"])
        self.assertEqual(
            showcase.reward_entry_ids.filtered(
                lambda e: e.milestone == "delivery"
            ).user_id,
            self.salesperson_a,
        )

        self.assertGateRefused(
            showcase,
            [
                "Internal acceptance rating form (implementation document) missing",
                "Project acceptance report (implementation document) missing",
            ],
        )
        self._approve_documents(showcase, "maintenance")
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["maintenance"])

        # marketing: the customer testimonial exists but is not approved
        testimonial = self.env["sc.deliverable"].create(
            {
                "showcase_id": showcase.id,
                "document_type_id": self.env.ref(
                    "showcase_program.sc_document_type_testimonial"
                ).id,
                "content": "<p>很好用 Works great</p>",
            }
        )
        testimonial.action_submit()
        with self.assertRaisesRegex(UserError, "consent to publish"):
            testimonial.action_approve()
        message = self.assertGateRefused(
            showcase,
            [
                "Overall case / value analysis (implementation document) missing",
                "Customer profile (market document) missing",
                "Customer logo (market document) missing",
                "Photos (market document) missing",
                "Key application value analysis (market document) missing",
                "Customer testimonial (market document) not approved",
                "Media case (marketing tool document) missing",
                "Showcase experience website (simulated demo data and users) "
                "(marketing tool document) missing",
                "Showcase case PPT (marketing tool document) missing",
                "Case analysis (PPT, Word) (marketing tool document) missing",
                "Network deployment plan (marketing tool document) missing",
            ],
        )
        self.assertIn("Customer testimonial (market document) not approved", message)
        testimonial.consent_to_publish = True
        testimonial.action_approve()
        self._approve_documents(showcase, "marketing")
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["marketing"])
        self.assertEqual(showcase.completeness, 100)

        # management upgrade needs a manager, then loops back into implementation
        self.assertGateRefused(
            showcase,
            [
                "Approval by a member of the group Key Accounts / Manager: All "
                "Accounts"
            ],
            user=self.salesperson_a,
            action=showcase.with_user(self.salesperson_a).action_start_upgrade,
        )
        showcase.with_user(self.manager).action_start_upgrade()
        self.assertEqual(showcase.stage_id, self.stages["upgrade"])
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["implementation"])

        history = showcase.stage_history_ids.sorted("id")
        self.assertEqual(
            [h.stage_to_id.code for h in history],
            [
                "assessment",
                "review",
                "signing",
                "implementation",
                "delivery",
                "maintenance",
                "marketing",
                "upgrade",
                "implementation",
            ],
        )
        self.assertEqual(history[0].stage_from_id, self.stages["planning"])
        self.assertTrue(all(h.days_in_previous >= 0 for h in history))

    def test_signing_after_acceptance(self):
        showcase = self._create_showcase(level="township", signing_timing="acceptance")
        self._review_and_approve(showcase)
        self._move_to(showcase, "signing")
        # no agreement needed to implement or deliver when signing after acceptance
        self._move_to(showcase, "implementation")
        self._approve_documents(showcase, "delivery")
        self._move_to(showcase, "delivery")
        self._approve_documents(showcase, "maintenance")
        self.assertGateRefused(showcase, ["Signed showcase agreement"])
        self._create_agreement(showcase)
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["maintenance"])

    def test_signing_timing_on_agreement(self):
        """The timing can be set on the agreement; it applies to the showcase."""
        showcase = self._create_showcase()
        agreement = self._create_agreement(showcase, sign=False)
        agreement.signing_timing = "acceptance"
        self.assertEqual(showcase.signing_timing, "acceptance")
        self._review_and_approve(showcase)
        self._move_to(showcase, "implementation")
        self.assertEqual(showcase.stage_id, self.stages["implementation"])

    def test_write_stage_directly_checks_gates(self):
        """The clickable status bar and the API go through the same gates."""
        showcase = self._create_showcase()
        with self.assertRaisesRegex(UserError, "Approved showcase review"):
            showcase.write({"stage_id": self.stages["signing"].id})
        self.assertEqual(showcase.stage_id, self.stages["planning"])
        with self.assertRaisesRegex(UserError, "Signed showcase agreement"):
            self._create_showcase(stage_id=self.stages["marketing"].id)

    def test_reject_needs_reason_and_resubmit(self):
        showcase = self._create_showcase()
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.action_submit_review()
        action = showcase.with_user(self.manager).reject_tier()
        self.assertEqual(action["res_model"], "sc.showcase.reject.wizard")
        wizard_form = Form(
            self.env["sc.showcase.reject.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        with self.assertRaises(AssertionError):
            wizard_form.save()  # reason is required
        with self.assertRaisesRegex(UserError, "A reason is required"):
            showcase.with_user(self.manager)._reject_review("  ")
        wizard_form.reason = "客户满意度证据不足 Not enough satisfaction evidence"
        wizard_form.save().action_reject()
        self.assertEqual(showcase.review_state, "rejected")
        self.assertIn("satisfaction", showcase.reject_reason)
        self.assertFalse(showcase.review_ids)
        with self.assertRaisesRegex(UserError, "Approved showcase review"):
            showcase.action_next_stage()
        # resubmit and approve
        showcase.action_submit_review()
        self.assertEqual(showcase.review_state, "pending")
        self.assertFalse(showcase.reject_reason)
        showcase.with_user(self.manager).validate_tier()
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["signing"])

    def test_previous_stage_and_frozen_review(self):
        showcase = self._create_showcase()
        with self.assertRaisesRegex(UserError, "already in the first stage"):
            showcase.action_previous_stage()
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.action_submit_review()
        # under review the showcase cannot be edited (tier validation)
        with self.assertRaises(ValidationError):
            showcase.with_user(self.salesperson_a).write({"solution": "Changed"})
        # going back withdraws the review
        showcase.action_previous_stage()
        self.assertEqual(showcase.stage_id, self.stages["assessment"])
        self.assertEqual(showcase.review_state, "draft")
        self.assertFalse(showcase.review_ids)
        self.assertEqual(
            showcase.stage_history_ids.sorted("id")[-1].stage_to_id,
            self.stages["assessment"],
        )

    def test_start_upgrade_only_from_its_stages(self):
        showcase = self._create_showcase()
        with self.assertRaisesRegex(
            UserError, "cannot start a management upgrade from the stage Planning"
        ):
            showcase.action_start_upgrade()

    def test_bad_input(self):
        Showcase = self.env["sc.showcase"]
        count = Showcase.search_count([])
        with self.assertRaisesRegex(ValidationError, "must be a company"):
            Showcase.create(
                {"name": "Bad", "partner_id": self.contact.id, "level": "city"}
            )
        other = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaisesRegex(ValidationError, "Key persons must be contacts"):
            self._create_showcase(key_person_ids=[(6, 0, other.ids)])
        with self.assertRaisesRegex(UserError, "review not submitted"):
            self._create_showcase(review_state="approved")
        with self.assertRaises(ValueError):
            self._create_showcase(level="galactic")
        self.assertEqual(Showcase.search_count([]), count)
        showcase = self._create_showcase()
        with self.assertRaisesRegex(ValidationError, "must be a company"):
            showcase.write({"partner_id": self.contact.id, "key_person_ids": [(5,)]})
        self.assertEqual(showcase.partner_id, self.account)

    def test_gates_are_data(self):
        """Changing a stage record changes what the move requires, without code."""
        showcase = self._create_showcase()
        showcase.action_next_stage()
        review = self.stages["review"]
        review.write({"require_qualification": False})
        self.assertGateRefused(
            showcase,
            [
                "Focal value in the value assessment",
                "Presales solution (presales document) missing",
                "Requirements research report (presales document) missing",
            ],
        )
        review.write({"require_value_assessment": False})
        review.requirement_ids.filtered(lambda r: r.level == "city").unlink()
        review.group_id = self.env.ref("key_account_management.group_kam_executive")
        self.assertGateRefused(
            showcase,
            ["Approval by a member of the group Key Accounts / Executive"],
            user=self.manager,
            action=showcase.with_user(self.manager).action_next_stage,
        )
        review.group_id = False
        showcase.action_next_stage()
        self.assertEqual(showcase.stage_id, review)
        self.assertEqual(showcase.review_state, "pending")
