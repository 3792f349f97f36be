# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import re
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.key_account_management.tests.common import KamCommon

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestStageLifecycle(ShowcaseCommon):
    """The account and the showcase lifecycles run on one engine
    (kam.stage.lifecycle.mixin), and what a stage means is read from its fields."""

    def _lifecycles(self):
        """(record, its Next button, its next stage, the label of that stage's gate,
        the stage values that lift the gate) of both lifecycles."""
        listed = self.env.ref("key_account_management.kam_account_stage_listed")
        account = self.env["res.partner"].create(
            {
                "name": "Lifecycle Co",
                "is_company": True,
                "kam_stage_id": self.env.ref(
                    "key_account_management.kam_account_stage_target"
                ).id,
                **KamCommon._customer_file_vals(self.env),
            }
        )
        showcase = self._create_showcase()
        showcase.action_next_stage()  # into assessment, ungated
        review = self.stages["review"]
        return [
            (
                account,
                account.action_kam_advance,
                listed,
                "a claim by a salesperson",
                {"require_claim": False},
            ),
            (
                showcase,
                showcase.action_next_stage,
                review,
                "Focal value in the value assessment",
                {
                    "require_qualification": False,
                    "require_value_assessment": False,
                    "requirement_ids": [(5,)],
                },
            ),
        ]

    def _history(self, record):
        return self.env[record._stage_history_model].search(
            [(record._stage_history_record_field, "=", record.id)]
        )

    def test_both_lifecycles_gate_and_record_the_same_way(self):
        for record, advance, stage, label, no_gate in self._lifecycles():
            with self.subTest(model=record._name):
                fname, date_fname = record._stage_field, record._stage_date_field
                history = self._history(record)
                before, since = record[fname], record[date_fname] - timedelta(days=2)
                record.write({date_fname: since})  # superuser: a data fix
                # a gate refusal names what is missing and moves nothing
                with self.assertRaisesRegex(
                    UserError,
                    re.escape(
                        f"{record.display_name} cannot enter the stage {stage.name}. "
                        "Missing:\n"
                    )
                    + f"(- .*\n)*- {label}",
                ):
                    advance()
                record.invalidate_recordset()
                self.assertEqual(record[fname], before)
                self.assertEqual(record[date_fname], since)
                self.assertEqual(self._history(record), history)
                # the gates are data: without them the move passes
                stage.write(no_gate)
                advance()
                self.assertEqual(record[fname], stage)
                move = self._history(record) - history
                self.assertEqual(len(move), 1)
                self.assertEqual(move.stage_from_id, before)
                self.assertEqual(move.stage_to_id, stage)
                self.assertEqual(move.user_id, self.env.user)
                self.assertAlmostEqual(move.days_in_previous, 2.0, places=1)
                self.assertEqual(record[date_fname], move.date)

    def test_untrusted_stage_write_refused_in_both(self):
        for record, _advance, stage, _label, _no_gate in self._lifecycles():
            with self.subTest(model=record._name):
                with self.assertRaisesRegex(UserError, "workflow buttons"):
                    record.with_user(self.salesperson_a).write(
                        {record._stage_field: stage.id}
                    )
                self.assertNotEqual(record[record._stage_field], stage)

    def test_start_upgrade_follows_allow_upgrade(self):
        """Start Upgrade starts from the stages flagged so, whatever their code."""
        showcase = self._create_showcase()
        delivery, maintenance = self.stages["delivery"], self.stages["maintenance"]
        self._review_and_approve(showcase)
        self._create_agreement(showcase)
        self._move_to(showcase, "implementation")
        self._approve_documents(showcase, "delivery")
        self._move_to(showcase, "delivery")
        # the gates of the stages an upgrade skips still apply
        self._approve_documents(showcase, "maintenance")
        self._approve_documents(showcase, "marketing")
        self.assertFalse(showcase.stage_allow_upgrade)
        with self.assertRaisesRegex(
            UserError, "cannot start a management upgrade from the stage Delivery"
        ):
            showcase.with_user(self.manager).action_start_upgrade()
        delivery.allow_upgrade = True
        maintenance.allow_upgrade = False
        self.assertTrue(showcase.stage_allow_upgrade)  # the form shows the button
        showcase.with_user(self.manager).action_start_upgrade()
        self.assertEqual(showcase.stage_id, self.stages["upgrade"])
        # back to maintenance, no longer a stage an upgrade starts from
        self._move_to(showcase, "implementation")
        self._move_to(showcase, "delivery")
        self._move_to(showcase, "maintenance")
        self.assertFalse(showcase.stage_allow_upgrade)
        with self.assertRaisesRegex(UserError, "from the stage Maintenance"):
            showcase.with_user(self.manager).action_start_upgrade()
        self.assertEqual(showcase.stage_id, maintenance)

    def test_delivery_reward_follows_is_delivery(self):
        """Entering the stage flagged as delivery rewards delivery, whatever its code."""
        self.stages["delivery"].is_delivery = False
        self.stages["signing"].is_delivery = True
        showcase = self._create_showcase()
        self._review_and_approve(showcase)

        def delivery_rewards():
            return showcase.reward_entry_ids.filtered(
                lambda e: e.milestone == "delivery"
            )

        self.assertFalse(delivery_rewards())
        self._move_to(showcase, "signing")
        self.assertEqual(len(delivery_rewards()), 1)
        self._create_agreement(showcase)
        self._move_to(showcase, "implementation")
        self._approve_documents(showcase, "delivery")
        self._move_to(showcase, "delivery")
        self.assertEqual(len(delivery_rewards()), 1)

    def test_review_through_the_tier_validation_buttons(self):
        """The review is validated and rejected by tier validation's own buttons,
        injected in the form as for account plans; the form stays editable once the
        review is approved."""
        arch = self.env["sc.showcase"].get_view(view_type="form")["arch"]
        arch = arch.decode() if isinstance(arch, bytes) else arch
        for button in ("validate_tier", "reject_tier", "request_validation"):
            self.assertIn(f'name="{button}"', arch)
        self.assertIn("review_state == 'pending'", arch)
        self.assertNotIn("validation_status not in", arch)
        showcase = self._create_showcase()
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.with_user(self.salesperson_a).action_submit_review()
        showcase.with_user(self.manager).validate_tier()
        self.assertEqual(showcase.review_state, "approved")
        showcase.with_user(self.salesperson_a).write({"solution": "Now editable"})
        self.assertEqual(showcase.solution, "Now editable")

    def test_migration_sets_allow_upgrade(self):
        """A database from before the flag gets it on the stages an upgrade started
        from (maintenance and marketing), and only on them."""
        path = file_path("showcase_program/migrations/18.0.1.3.0/post-stage-meaning.py")
        spec = importlib.util.spec_from_file_location("post_stage_meaning", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        stages = self.env["sc.showcase.stage"].search([])
        stages.write({"allow_upgrade": False})
        self.env.flush_all()
        script.migrate(self.env.cr, "18.0.1.2.0")
        stages.invalidate_recordset(["allow_upgrade"])
        self.assertEqual(
            sorted(stages.filtered("allow_upgrade").mapped("code")),
            ["maintenance", "marketing"],
        )
