# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Key Account Dashboards",
    "summary": "Dashboards of key accounts, showcases and care in the Dashboards app",
    "version": "18.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/key-account-suite/key-account-suite",
    "author": "Key Account Suite contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "maintainers": ["key-account-suite"],
    "depends": [
        "key_account_management",
        "relationship_care",
        "showcase_program",
        "spreadsheet_dashboard",
    ],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": ["key_account_dashboard/static/tests/tours/*.js"],
    },
    "installable": True,
    "auto_install": True,
}
