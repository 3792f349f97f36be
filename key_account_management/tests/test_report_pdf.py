# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Real PDF bytes of every report, several records at once, in English and Chinese.

Printed by wkhtmltopdf with patched Qt (scripts/setup.sh installs it and puts it first on
PATH), in an HttpCase so that wkhtmltopdf loads the report CSS from the test server. The PDF
is read back with poppler (pdftotext, pdfimages: poppler-utils, installed by the setup):
page count, the text of each record on its own pages, the page footer and the logos.
A missing or unpatched wkhtmltopdf fails these tests: it is part of the setup.
"""

import base64
import io
import re
import subprocess
import tempfile
import unicodedata

from PIL import Image

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import find_in_path
from odoo.tools.pdf import PdfFileReader

MAP_REPORT = "key_account_management.res_partner_report_relationship_map"
PLAN_REPORT = "key_account_management.kam_account_plan_report"
# Odd pixel sizes, so that each logo can be told apart in `pdfimages -list`.
COMPANY_LOGO_SIZE = (301, 77)
CUSTOMER_LOGO_SIZE = (223, 61)


def png(size, colour):
    stream = io.BytesIO()
    Image.new("RGB", size, colour).save(stream, "PNG")
    return base64.b64encode(stream.getvalue())


# pdftotext names a glyph Noto Sans CJK shares between several code points by the first
# one: CJK radicals (NFKC folds the Kangxi ones, U+2F00 block: 舟 -> U+2F88; this table the
# simplified-form radicals of the supplement block, which have no decomposition) and
# variants drawn alike in the simplified font (户 -> 戶).
RADICALS = str.maketrans(
    "\u2ec4\u2ec5\u2ec6\u2ec9\u2ecb\u2ed3\u2ed4\u2ed8\u2ed9\u2eda\u2edb\u2edc"
    "\u2edd\u2ee2\u2ee5\u2ee6\u2ee8\u2ee9\u2eec\u2eee\u2ef0\u2ef3\u6236",
    "西见角贝车长门青韦页风飞食马鱼鸟麦黄齐齿龙龟户",
)


def flat(text):
    """Text folded to unified ideographs, without whitespace.

    Besides the radicals, pdftotext cuts lines anywhere: dropping whitespace makes the
    comparison about the characters only; every dash compares as a hyphen.
    """
    text = unicodedata.normalize("NFKC", text).translate(RADICALS)
    # Dashes too: the CJK font draws – (en dash) with the glyph of ‒ (figure dash).
    return re.sub(r"\s+", "", re.sub("[\u2010-\u2015\u2212]", "-", text))


class PdfReportAssertions:
    """Print a report for several records and check the PDF as a reader would see it."""

    PAGE_LABEL = {"en_US": "Page", "zh_CN": "页:"}

    def _check_patched_wkhtmltopdf(self):
        binary = find_in_path("wkhtmltopdf")
        self.assertTrue(binary, "wkhtmltopdf is not installed: run scripts/setup.sh")
        version = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=False
        ).stdout
        self.assertIn(
            "with patched qt",
            version,
            f"{binary} ({version.strip()}) is not the patched-Qt build Odoo supports: "
            "run the tests through scripts/test.sh, or put .venv/opt/wkhtmltox/bin "
            "first on PATH (scripts/setup.sh installs it)",
        )

    def _load_chinese(self, modules):
        self._load_lang("zh_CN", modules)

    def _set_logos(self, company):
        company.logo = png(COMPANY_LOGO_SIZE, (135, 90, 123))
        return png(CUSTOMER_LOGO_SIZE, (200, 30, 40))

    def _load_lang(self, lang, modules):
        self.env["res.lang"]._activate_lang(lang)
        self.env["ir.module.module"]._load_module_terms(
            ["base", "web", *modules], [lang], overwrite=True
        )

    def _fonts(self, pdf):
        """Names of the fonts embedded in the PDF (pdffonts), without subset prefix."""
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            out = subprocess.run(
                ["pdffonts", handle.name], capture_output=True, text=True, check=True
            ).stdout
        return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:]}

    def assertChineseFonts(self, pdf, lang):
        """The body's Chinese in the Noto CJK font of its language (SC or TC)."""
        fonts = self._fonts(pdf)
        want, other = ("tc", "sc") if lang == "zh_TW" else ("sc", "tc")
        self.assertIn(f"NotoSansCJK{want}-Regular", fonts, f"{lang}: {fonts}")
        self.assertFalse(
            {f for f in fonts if f.startswith(f"NotoSansCJK{other}")},
            f"{lang}: {fonts}",
        )

    def _pdf(self, report_ref, records, lang):
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, lang=lang
        )
        pdf, kind = Report._render_qweb_pdf(report_ref, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), report_ref)
        return pdf

    def _pages_text(self, pdf):
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        # pdftotext ends every page with a form feed.
        return [flat(page) for page in out.split("\f")[:-1]]

    def _images_by_page(self, pdf):
        """{page number: [(width, height), ...]} of the images drawn on each page."""
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            out = subprocess.run(
                ["pdfimages", "-list", handle.name],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        images = {}
        for line in out.splitlines()[2:]:
            cols = line.split()
            if cols[2] == "image":
                images.setdefault(int(cols[0]), []).append((int(cols[3]), int(cols[4])))
        return images

    def assertBatchPdf(
        self, report_ref, records, lang, texts, company, customer_logo=False
    ):
        """Print `records` at once and check, record by record, its own pages.

        texts: {record: [strings that must be on that record's pages]}.
        The company logo must be in the header of every page and drawn once per page;
        with customer_logo, the customer's logo once per record, on its first page.
        """
        self.assertGreater(len(records), 1)
        single = self._pdf(report_ref, records[:1], lang)
        per_record = len(PdfFileReader(io.BytesIO(single)).pages)
        pdf = self._pdf(report_ref, records, lang)
        total = len(PdfFileReader(io.BytesIO(pdf)).pages)
        pages = self._pages_text(pdf)
        self.assertEqual(len(pages), total)
        images = self._images_by_page(pdf)
        label = flat(self.PAGE_LABEL[lang])
        # Each record starts on a new page and numbers its own pages in the footer:
        # "Page 1 / n" opens each record's part.
        starts = [
            i for i, page in enumerate(pages) if re.search(rf"{label}1/\d+", page)
        ]
        self.assertEqual(
            len(starts),
            len(records),
            f"{report_ref} {lang}: one part per record, each opening with "
            f"{label}1/n; first page: {pages[:1]}",
        )
        bounds = starts + [len(pages)]
        for index, record in enumerate(records):
            own = pages[bounds[index] : bounds[index + 1]]
            count = len(own)
            self.assertEqual(
                count,
                per_record,
                f"{report_ref} {lang}: {record.display_name} has {count} pages, "
                f"{per_record} when printed alone",
            )
            for number, page in enumerate(own, start=1):
                self.assertIn(f"{label}{number}/{count}", page, report_ref)
                self.assertIn(
                    flat(company.partner_id.name), page, f"{report_ref}: header"
                )
            joined = "".join(own)
            for text in texts[record]:
                self.assertIn(flat(text), joined, f"{report_ref} {lang}: {text}")
            for other in records - record:
                for text in texts[other]:
                    if flat(text) not in "".join(flat(t) for t in texts[record]):
                        self.assertNotIn(flat(text), joined, f"{report_ref}: {text}")
            for number in range(bounds[index] + 1, bounds[index + 1] + 1):
                found = images.get(number, [])
                self.assertEqual(
                    found.count(COMPANY_LOGO_SIZE),
                    1,
                    f"{report_ref} {lang} page {number}: the company logo once, "
                    f"in the header ({found})",
                )
                if customer_logo:
                    self.assertEqual(
                        found.count(CUSTOMER_LOGO_SIZE),
                        1 if number == bounds[index] + 1 else 0,
                        f"{report_ref} {lang} page {number}: the customer logo once, "
                        f"on the cover ({found})",
                    )
        self.assertEqual(total, len(records) * per_record, report_ref)
        return pdf


@tagged("post_install", "-at_install")
class TestKamReportsPdf(PdfReportAssertions, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accounts = cls.env["res.partner"]
        for index, name in enumerate(
            ("华东电网 East Grid", "南方航空 South Air", "Delta Steel")
        ):
            account = cls.env["res.partner"].create(
                {"name": name, "is_company": True, "lang": "en_US"}
            )
            cls.env["res.partner"].create(
                [
                    {
                        "name": f"王总 Wang {index}",
                        "parent_id": account.id,
                        "function": "CEO",
                        "kam_decision_role": "approver",
                        "kam_attitude": "supportive",
                    },
                    {
                        "name": f"李工 Li {index}",
                        "parent_id": account.id,
                        "function": "CTO",
                        "kam_decision_role": "decision_maker",
                        "kam_attitude": "opposed",
                        "kam_attitude_target": "favorable",
                    },
                ]
            )
            cls.accounts |= account
        cls.plans = cls.env["kam.account.plan"].create(
            [
                {
                    "partner_id": account.id,
                    "market_macro": f"Macro view of {account.name}",
                    "objective_ids": [
                        (
                            0,
                            0,
                            {
                                "name": f"Grow {account.name}",
                                "kpi": "Revenue",
                                "target": 10,
                            },
                        )
                    ],
                }
                for account in cls.accounts
            ]
        )

    def setUp(self):
        super().setUp()
        self._check_patched_wkhtmltopdf()

    def _texts(self):
        texts = {}
        for account in self.accounts:
            people = account.kam_person_ids
            texts[account] = [account.name, *people.mapped("name")]
        for plan in self.plans:
            texts[plan] = [plan.name, f"Macro view of {plan.partner_id.name}"]
        return texts

    def test_relationship_maps_of_three_accounts_in_english_and_chinese(self):
        self._set_logos(self.env.company)
        texts = self._texts()
        self.assertBatchPdf(MAP_REPORT, self.accounts, "en_US", texts, self.env.company)
        self._load_chinese(["key_account_management"])
        self.accounts.lang = "zh_CN"
        texts = {
            account: [*names, "关系地图", "决策批准人", "个人需求"]
            for account, names in self._texts().items()
            if account._name == "res.partner"
        }
        pdf = self.assertBatchPdf(
            MAP_REPORT, self.accounts, "zh_CN", texts, self.env.company
        )
        self.assertNotIn("Relationship Map", "".join(self._pages_text(pdf)))

    def test_account_plans_of_three_accounts_in_english_and_chinese(self):
        self._set_logos(self.env.company)
        texts = self._texts()
        self.assertBatchPdf(PLAN_REPORT, self.plans, "en_US", texts, self.env.company)
        self._load_chinese(["key_account_management"])
        self.accounts.lang = "zh_CN"
        texts = {
            plan: [
                plan.name,
                f"Macro view of {plan.partner_id.name}",
                "市场分析",
                "目标",
            ]
            for plan in self.plans
        }
        pdf = self.assertBatchPdf(
            PLAN_REPORT, self.plans, "zh_CN", texts, self.env.company
        )
        self.assertNotIn("MarketAnalysis", "".join(self._pages_text(pdf)))

    def test_chinese_in_the_font_of_the_language(self):
        """Simplified Chinese in Noto Sans CJK SC, traditional in Noto Sans CJK TC."""
        account, plan = self.accounts[:1], self.plans[:1]
        for lang in ("zh_CN", "zh_TW"):
            self._load_lang(lang, ["key_account_management"])
            account.lang = lang
            for report, record in ((MAP_REPORT, account), (PLAN_REPORT, plan)):
                self.assertChineseFonts(self._pdf(report, record, lang), lang)
