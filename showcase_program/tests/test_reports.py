# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import HttpCase, tagged

from .common import ShowcaseCommon, ShowcaseMixin

# 1x1 red PNG
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
        "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
)

REPORTS = {
    "showcase_program.action_report_sc_case_package": "showcase",
    "showcase_program.action_report_sc_agreement": "agreement",
    "showcase_program.action_report_sc_case_collection": "collection",
}


class ReportCommon:
    def _setup_records(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["showcase_program"], ["zh_CN"])
        self.showcase = self._create_showcase(level="national", image_1920=PNG)
        self.showcase.name = "申通智慧地铁 Metro Showcase"
        self._qualify(self.showcase)
        photos = self.env["sc.deliverable"].create(
            {
                "showcase_id": self.showcase.id,
                "document_type_id": self.env.ref(
                    "showcase_program.sc_document_type_photos"
                ).id,
                "consent_to_publish": True,
                "attachment_ids": [
                    (0, 0, {"name": "site.png", "datas": PNG, "mimetype": "image/png"})
                ],
            }
        )
        self.assertTrue(photos)
        self.env["sc.deliverable"].create(
            {
                "showcase_id": self.showcase.id,
                "document_type_id": self.env.ref(
                    "showcase_program.sc_document_type_testimonial"
                ).id,
                "consent_to_publish": True,
                "content": "<p>调度效率提升三成 Dispatch is 30% faster</p>",
            }
        )
        self.agreement = self._create_agreement(self.showcase)
        self.collection = self.env["sc.case.collection"].create(
            {
                "name": "Transport cases",
                "showcase_ids": [(6, 0, self.showcase.ids)],
            }
        )
        self.records = {
            "showcase": self.showcase,
            "agreement": self.agreement,
            "collection": self.collection,
        }


@tagged("post_install", "-at_install")
class TestReportsHtml(ShowcaseCommon, ReportCommon):
    def test_reports_html(self):
        self._setup_records()
        Report = self.env["ir.actions.report"]
        for report_ref, key in REPORTS.items():
            ids = self.records[key].ids
            html, _type = Report._render_qweb_html(report_ref, ids)
            html = html.decode()
            self.assertIn("申通智慧地铁 Metro Showcase", html, report_ref)
            self.assertIn("National (provincial / ministry)", html, report_ref)
            html_zh, _type = Report.with_context(lang="zh_CN")._render_qweb_html(
                report_ref, ids
            )
            html_zh = html_zh.decode()
            self.assertIn("申通智慧地铁 Metro Showcase", html_zh, report_ref)
            self.assertIn("省级/部委级", html_zh, report_ref)
            self.assertNotIn("National (provincial / ministry)", html_zh, report_ref)
        html, _type = Report._render_qweb_html(
            "showcase_program.action_report_sc_case_package", self.showcase.ids
        )
        html = html.decode()
        self.assertIn("data:image/png;base64", html)
        self.assertIn("调度效率提升三成", html)
        self.assertIn(self.agreement.name, html)


@tagged("post_install", "-at_install")
class TestReportsPdf(ShowcaseMixin, HttpCase, ReportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sc_setup()

    def test_reports_pdf(self):
        self._setup_records()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for report_ref, key in REPORTS.items():
            for lang in ("en_US", "zh_CN"):
                pdf, report_type = Report.with_context(lang=lang)._render_qweb_pdf(
                    report_ref, self.records[key].ids
                )
                self.assertEqual(report_type, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF"), report_ref)
