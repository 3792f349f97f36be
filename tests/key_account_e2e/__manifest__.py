# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Key Account Suite: end-to-end tests",
    "summary": "Scenarios that span the three addons, and browser tours",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/key-account-suite/key-account-suite",
    "author": "Key Account Suite contributors",
    "license": "AGPL-3",
    "depends": ["key_account_management", "relationship_care", "showcase_program"],
    "data": [],
    "assets": {
        "web.assets_tests": ["key_account_e2e/static/tests/tours/*.js"],
    },
}
