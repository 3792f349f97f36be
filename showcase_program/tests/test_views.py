# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ShowcaseCommon


@tagged("post_install", "-at_install")
class TestViews(ShowcaseCommon):
    def test_views_load(self):
        for model in (
            "sc.showcase",
            "sc.agreement",
            "sc.deliverable",
            "sc.site.visit",
            "sc.annual.plan",
            "sc.showcase.stage",
            "sc.case.collection",
        ):
            for view_type in ("form", "list", "search"):
                arch = self.env[model].get_view(view_type=view_type)["arch"]
                self.assertTrue(arch, f"{model} {view_type}")
        for view_type in ("kanban", "pivot", "graph"):
            self.env["sc.showcase"].get_view(view_type=view_type)

    def test_showcase_form_as_salesperson(self):
        form = Form(self.env["sc.showcase"].with_user(self.salesperson_a))
        form.name = "Form showcase"
        form.partner_id = self.account
        form.level = "township"
        with form.value_line_ids.new() as line:
            line.name = "Faster approvals"
        showcase = form.save()
        self.assertEqual(showcase.stage_id, self.stages["planning"])
        self.assertEqual(showcase.value_line_ids.value_type, "focal")
        showcase.with_user(self.salesperson_a).action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["assessment"])

    def test_salesperson_submits_manager_approves(self):
        showcase = self._create_showcase()
        self._qualify(showcase)
        docs = self._approve_documents(showcase, "review")
        with self.assertRaisesRegex(UserError, "Only managers can approve"):
            docs[:1].with_user(self.salesperson_a).action_approve()
        showcase.with_user(self.salesperson_a).action_submit_review()
        self.assertEqual(showcase.review_state, "pending")
        self.assertEqual(showcase.stage_id, self.stages["review"])
        with self.assertRaisesRegex(UserError, "not a reviewer"):
            showcase.with_user(self.salesperson_a).action_approve_review()
        showcase.with_user(self.manager).action_approve_review()
        showcase.with_user(self.salesperson_a).action_next_stage()
        self.assertEqual(showcase.stage_id, self.stages["signing"])
