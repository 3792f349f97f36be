# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Account plans are approved by the account's own sales manager, a sales director only
when the account has none: the shipped sales-director definition (noupdate, so not
updated by the module's data) gets that condition, unless the company changed it."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    definition = env.ref(
        "key_account_management.tier_definition_kam_account_plan",
        raise_if_not_found=False,
    )
    if definition and (definition.definition_domain or "[]").strip() == "[]":
        definition.write(
            {
                "name": "Account plan approval by a sales director "
                "(no sales manager of its own)",
                "definition_domain": "[('sales_manager_id', '=', False)]",
            }
        )
