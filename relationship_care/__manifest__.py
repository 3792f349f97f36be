# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Relationship Care",
    "summary": "Care policies, key-person care, interactions, gift compliance, VIP channel",
    "version": "18.0.0.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/key-account-suite/key-account-suite",
    "author": "Key Account Suite contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "key_account_management",
        "calendar",
        "helpdesk_mgmt_sla",
        "partner_contact_birthdate",
    ],
    "external_dependencies": {"python": ["holidays", "lunardate"]},
    "data": [],
}
