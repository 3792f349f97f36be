# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Chinese translations stay complete and each in its own place's usage.

Reads the addons' i18n files directly: a missing or mainland-worded zh_TW string fails here
rather than in front of a user in Taipei.
"""

import re
from collections import Counter
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, tagged

ADDONS = (
    "key_account_management",
    "relationship_care",
    "showcase_program",
    "key_account_dashboard",
)
LANGS = ("zh_CN", "zh_TW")
# Read the same in Chinese: left empty on purpose, so that the source shows (OCA's
# po-pretty-format, run by the linters, clears a msgstr that equals its msgid).
SAME_AS_SOURCE = frozenset(
    {"ID", "KPI", "VIP", "SLA", "CLV", "CRM", "KAM", "______________________"}
)
# Mainland wording that a Taiwan reader notices, with the Taiwan usage.
MAINLAND_IN_TW = {
    "營銷": "行銷",
    "文檔": "文件",
    "用戶": "使用者",
    "反饋": "回饋",
    "網絡": "網路",
    "打印": "列印",
    "軟件": "軟體",
    "硬件": "硬體",
    "爲": "為",
    "模板": "範本",
    "默認": "預設",
    "缺省": "預設",
    "設置": "設定",
    "信息": "訊息 / 資訊",
    "消息": "訊息",
    "視頻": "影片",
    "質量": "品質",
    "創建": "建立",
    "保存": "儲存",
    "運行": "執行",
    "激活": "啟用",
    "技術支持": "技術支援",
    "不支持": "不支援",
    "鏈接": "連結",
    "聯繫": "聯絡",
    "圖標": "圖示",
    "短信": "簡訊",
    "字段": "欄位",
    "搜索": "搜尋",
    "視圖": "檢視",
    "優先級": "優先順序",
    "菜單": "選單",
    "登錄": "登入",
    "服務器": "伺服器",
    "數據庫": "資料庫",
    "導出": "匯出",
    "導入": "匯入",
    "屏幕": "螢幕",
    "賬": "帳",
    "審批": "審核 / 核准",
    "“": "「",
    "”": "」",
}
# Characters of Traditional script only: a zh_CN string holding one was not converted.
TRADITIONAL_ONLY = set(
    "們這個為與來時對開關號應經務戶點體實後發現過當資訊請選擇檔設單據會員級種聯絡標階團隊寫讀說話網"
    "樣劃計畫銷機區審評論價協議禮贈懷節證週歷廣營參觀獎勵狀態層統報顯動預訪問談項專業從還給間題進導"
    "長門東車義書樂萬億幣貨"
)
# Taiwan wording in a zh_CN string, with the mainland usage.
TAIWAN_IN_CN = {
    "「": "“",
    "」": "”",
    "软体": "软件",
    "网路": "网络",
    "列印": "打印",
    "资讯": "信息",
    "预设": "默认",
    "行销": "营销",
    "伺服器": "服务器",
    "萤幕": "屏幕",
}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
ENGLISH_WORD = re.compile(r"[a-z]{3,}")


def _i18n_dir(addon):
    return Path(get_module_path(addon)) / "i18n"


def _entries(addon, lang):
    po = polib.pofile(str(_i18n_dir(addon) / f"{lang}.po"))
    return [entry for entry in po if not entry.obsolete]


def untranslated(entries):
    """msgids with no translation, or a copy of an English source, outside SAME_AS_SOURCE"""
    return [
        entry.msgid
        for entry in entries
        if entry.msgid not in SAME_AS_SOURCE
        and (
            not entry.msgstr
            or (entry.msgstr == entry.msgid and ENGLISH_WORD.search(entry.msgid))
        )
    ]


def _terms(entries, terms, place):
    return [
        f"{term} ({place}: {usage}) in {entry.msgstr[:60]!r}"
        for entry in entries
        for term, usage in terms.items()
        if term in entry.msgstr
    ]


def mainland_terms(entries):
    return _terms(entries, MAINLAND_IN_TW, "Taiwan")


def taiwan_terms(entries):
    return _terms(entries, TAIWAN_IN_CN, "mainland")


def traditional_characters(entries):
    return [
        f"{''.join(sorted(TRADITIONAL_ONLY & set(entry.msgstr)))} in {entry.msgstr[:60]!r}"
        for entry in entries
        if TRADITIONAL_ONLY & set(entry.msgstr)
    ]


def placeholder_mismatches(entries):
    return [
        entry.msgid[:60]
        for entry in entries
        if entry.msgstr
        and Counter(PLACEHOLDER.findall(entry.msgstr))
        != Counter(PLACEHOLDER.findall(entry.msgid))
    ]


@tagged("post_install", "-at_install")
class TestTranslations(BaseCase):
    def _check(self, check, langs=LANGS):
        problems = [
            f"{addon}/i18n/{lang}.po: {problem}"
            for addon in ADDONS
            for lang in langs
            for problem in check(_entries(addon, lang))
        ]
        self.assertFalse(problems, "\n".join(problems))

    def test_every_msgid_translated(self):
        self._check(untranslated)

    def test_pot_msgids_all_in_po(self):
        problems = []
        for addon in ADDONS:
            pot = polib.pofile(str(_i18n_dir(addon) / f"{addon}.pot"))
            expected = {(entry.msgctxt, entry.msgid) for entry in pot}
            self.assertTrue(expected, f"{addon}.pot has no msgid")
            for lang in LANGS:
                have = {(e.msgctxt, e.msgid) for e in _entries(addon, lang)}
                problems += [
                    f"{addon}/i18n/{lang}.po lacks {msgid[:60]!r}"
                    for _ctx, msgid in expected - have
                ]
        self.assertFalse(problems, "\n".join(problems))

    def test_zh_tw_in_taiwan_usage(self):
        self._check(mainland_terms, langs=("zh_TW",))

    def test_zh_cn_in_simplified_characters(self):
        self._check(traditional_characters, langs=("zh_CN",))

    def test_zh_cn_in_mainland_usage(self):
        self._check(taiwan_terms, langs=("zh_CN",))

    def test_placeholders_kept(self):
        # a translation that drops or renames %(name)s breaks the message at run time
        self._check(placeholder_mismatches)

    def test_checks_catch_bad_entries(self):
        """The checks above find what they look for (they would pass on nothing otherwise)."""

        def entry(msgid, msgstr):
            return polib.POEntry(msgid=msgid, msgstr=msgstr)

        self.assertEqual(
            untranslated(
                [
                    entry("Marketing", ""),
                    entry("Print the document", "Print the document"),
                    entry("KPI", "KPI"),
                    entry("Marketing", "行銷"),
                ]
            ),
            ["Marketing", "Print the document"],
        )
        self.assertEqual(
            [
                problem.split(" ")[0]
                for problem in mainland_terms(
                    [entry("Documents", "營銷文檔"), entry("Documents", "行銷文件")]
                )
            ],
            ["營銷", "文檔"],
        )
        self.assertEqual(
            [
                problem.split(" ")[0]
                for problem in taiwan_terms(
                    [entry("Print", "列印「文档」"), entry("Print", "打印“文档”")]
                )
            ],
            ["「", "」", "列印"],
        )
        self.assertEqual(
            traditional_characters(
                [entry("Users", "這个用户"), entry("Users", "这个用户")]
            ),
            ["這 in '這个用户'"],
        )
        self.assertEqual(
            placeholder_mismatches(
                [
                    entry("%(account)s is late.", "%(partner)s 逾期。"),
                    entry("%(account)s is late.", "%(account)s 逾期。"),
                    entry("Late by %s days", ""),
                ]
            ),
            ["%(account)s is late."],
        )
