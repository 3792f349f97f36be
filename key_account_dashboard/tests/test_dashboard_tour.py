# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import DashboardCommon

URL = "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action"
MODULES = [
    "base",
    "web",
    "spreadsheet",
    "spreadsheet_dashboard",
    "key_account_management",
    "relationship_care",
    "showcase_program",
    "key_account_dashboard",
]


@tagged("post_install", "-at_install")
class TestDashboardTour(DashboardCommon, HttpCase):
    """Each dashboard opens in Chinese without console error; the key-account figure the
    browser computes is the user's own count (the tour compares it with the server's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_people()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            MODULES, ["zh_CN"], overwrite=True
        )
        (cls.salesperson | cls.manager).lang = "zh_CN"

    def test_manager_opens_each_dashboard_in_chinese(self):
        self.start_tour(URL, "key_account_dashboard_tour", login="kad_manager")

    def test_salesperson_opens_each_dashboard_in_chinese(self):
        # her two accounts, fewer than the manager's: the figures follow the rules
        Report = self.env["kam.tier.pyramid.report"]
        self.assertEqual(Report.with_user(self.salesperson).search_count([]), 2)
        self.assertGreater(Report.with_user(self.manager).search_count([]), 2)
        self.start_tour(URL, "key_account_dashboard_tour", login="kad_salesperson")
