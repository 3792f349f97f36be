# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Showcase Program",
    "summary": "Showcase (reference) customers: lifecycle, agreements, deliverables, "
    "marketing and case packages",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/key-account-suite/key-account-suite",
    "author": "Key Account Suite contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["key_account_management", "relationship_care", "event"],
    "data": [],
}
