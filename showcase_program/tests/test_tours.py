# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

# Odoo skips browser tours silently without websocket-client: fail loudly instead.
import websocket  # noqa: F401  pylint: disable=unused-import

from odoo.tests import HttpCase, tagged

from .common import ShowcaseMixin


@tagged("post_install", "-at_install")
class TestShowcaseTours(ShowcaseMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sc_setup()

    def test_showcase_journey(self):
        """A manager meets the delivery gate, adds the missing document, passes the
        gate and prints the case package, all in the web client."""
        showcase = self._create_showcase(
            level="city",
            name="Tour Showcase 巡展样板",
            signing_timing="acceptance",
        )
        self._review_and_approve(showcase)
        self._move_to(showcase, "implementation")
        history_before = len(showcase.stage_history_ids)

        # The tour sees the PDF arrive; here we check what was printed, and for whom.
        Report = type(self.env["ir.actions.report"])
        render = Report._render_qweb_pdf
        printed = []

        def _render_qweb_pdf(report, report_ref, res_ids=None, data=None):
            printed.append(
                (report._get_report(report_ref).report_name, list(res_ids or []))
            )
            return render(report, report_ref, res_ids=res_ids, data=data)

        with patch.object(Report, "_render_qweb_pdf", _render_qweb_pdf):
            # scripts/test.sh counts the tours that succeeded against the start_tour calls.
            self.start_tour(
                f"/odoo/action-showcase_program.sc_showcase_action/{showcase.id}",
                "sc_showcase_journey_tour",
                login=self.manager.login,
            )

        showcase.invalidate_recordset()
        self.assertEqual(showcase.stage_id, self.stages["delivery"])
        plan = showcase.deliverable_ids.filtered(
            lambda d: d.document_type_id
            == self.env.ref("showcase_program.sc_document_type_impl_plan")
        )
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.user_id, self.manager)
        # the refused attempt left no trace in the history; the passed gate one line
        new_lines = showcase.stage_history_ids.sorted("id")[history_before:]
        self.assertEqual(
            [(h.stage_from_id.code, h.stage_to_id.code) for h in new_lines],
            [("implementation", "delivery")],
        )
        self.assertIn(
            ("showcase_program.report_sc_case_package", showcase.ids), printed
        )
