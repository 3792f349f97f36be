# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Case packages, agreements and case collections printed several at once, as real PDFs.

See key_account_management/tests/test_report_pdf.py: wkhtmltopdf with patched Qt, page
count = records x pages per record, each record's text on its own pages, the page footer,
the company logo once per page (header) and the customer logo once per record (cover).
"""

from odoo.tests import HttpCase, tagged

from odoo.addons.key_account_management.tests.test_report_pdf import (
    PdfReportAssertions,
)

from .common import ShowcaseMixin

PACKAGE = "showcase_program.action_report_sc_case_package"
AGREEMENT = "showcase_program.action_report_sc_agreement"
COLLECTION = "showcase_program.action_report_sc_case_collection"
NAMES = ("申通地铁 Metro One", "港口调度 Port Two", "Campus Three")


@tagged("post_install", "-at_install")
class TestShowcaseReportsPdf(PdfReportAssertions, ShowcaseMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sc_setup()
        cls.showcases = cls.env["sc.showcase"]
        for name in NAMES:
            showcase = cls._create_showcase(level="city", name=name)
            showcase.write(
                {
                    "challenge": f"<p>Challenge of {name}</p>",
                    "value_line_ids": [
                        (0, 0, {"name": f"Value of {name}", "value_type": "focal"})
                    ],
                }
            )
            cls.showcases |= showcase
        cls.collections = cls.env["sc.case.collection"].create(
            [
                {
                    "name": f"Collection {index}",
                    "introduction": f"<p>Introduction {index}</p>",
                    "showcase_ids": [(6, 0, showcase.ids)],
                }
                for index, showcase in enumerate(cls.showcases)
            ]
        )

    def setUp(self):
        super().setUp()
        self._check_patched_wkhtmltopdf()
        self.account.image_1920 = self._set_logos(self.env.company)

    def _agreements(self):
        return self.env["sc.agreement"].concat(
            *(self._create_agreement(showcase) for showcase in self.showcases)
        )

    def test_case_packages_of_three_showcases_in_english_and_chinese(self):
        texts = {
            showcase: [showcase.name, f"Challenge of {showcase.name}"]
            for showcase in self.showcases
        }
        self.assertBatchPdf(
            PACKAGE,
            self.showcases,
            "en_US",
            {s: [*t, "Customer Profile", "Key Values"] for s, t in texts.items()},
            self.env.company,
            customer_logo=True,
        )
        self._load_chinese(["key_account_management", "showcase_program"])
        pdf = self.assertBatchPdf(
            PACKAGE,
            self.showcases,
            "zh_CN",
            {s: [*t, "客户简介", "关键价值", "地市级"] for s, t in texts.items()},
            self.env.company,
            customer_logo=True,
        )
        self.assertNotIn("CustomerProfile", "".join(self._pages_text(pdf)))

    def test_agreements_of_three_showcases_in_english_and_chinese(self):
        agreements = self._agreements()
        texts = {
            agreement: [agreement.name, agreement.showcase_id.name]
            for agreement in agreements
        }
        self.assertBatchPdf(
            AGREEMENT,
            agreements,
            "en_US",
            {
                a: [*t, "Showcase Agreement", "Rights and Obligations"]
                for a, t in texts.items()
            },
            self.env.company,
            customer_logo=True,
        )
        self._load_chinese(["key_account_management", "showcase_program"])
        pdf = self.assertBatchPdf(
            AGREEMENT,
            agreements,
            "zh_CN",
            {a: [*t, "样板建设协议", "权利与义务"] for a, t in texts.items()},
            self.env.company,
            customer_logo=True,
        )
        self.assertNotIn("RightsandObligations", "".join(self._pages_text(pdf)))

    def test_case_collections_in_english_and_chinese(self):
        texts = {
            collection: [
                collection.name,
                f"Introduction {index}",
                collection.showcase_ids.name,
                f"Value of {collection.showcase_ids.name}",
            ]
            for index, collection in enumerate(self.collections)
        }
        self.assertBatchPdf(
            COLLECTION, self.collections, "en_US", texts, self.env.company
        )
        self._load_chinese(["key_account_management", "showcase_program"])
        pdf = self.assertBatchPdf(
            COLLECTION,
            self.collections,
            "zh_CN",
            {c: [*t, "地市级"] for c, t in texts.items()},
            self.env.company,
        )
        self.assertNotIn("City", "".join(self._pages_text(pdf)))

    def test_chinese_in_the_font_of_the_language(self):
        """Simplified Chinese in Noto Sans CJK SC, traditional in Noto Sans CJK TC."""
        agreement = self._create_agreement(self.showcases[0])
        records = (
            (PACKAGE, self.showcases[:1]),
            (AGREEMENT, agreement),
            (COLLECTION, self.collections[:1]),
        )
        for lang in ("zh_CN", "zh_TW"):
            self._load_lang(lang, ["key_account_management", "showcase_program"])
            for report, record in records:
                self.assertChineseFonts(self._pdf(report, record, lang), lang)
