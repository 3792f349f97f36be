# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shipped stages are noupdate: an existing database gets the new gates here. Listed
requires the customer file and Potential a potential sub-level, as in a new database,
when the stage still exists. Accounts already in those stages stay where they are (a
gate is checked on entering a stage)."""

from odoo import SUPERUSER_ID, api

GATES = {
    "key_account_management.kam_account_stage_listed": "require_customer_file",
    "key_account_management.kam_account_stage_potential": "require_potential_level",
}


def set_gates(env):
    for xmlid, flag in GATES.items():
        stage = env.ref(xmlid, raise_if_not_found=False)
        if stage and stage._name == "kam.account.stage":
            stage.write({flag: True})


def migrate(cr, version):
    if not version:
        return
    set_gates(api.Environment(cr, SUPERUSER_ID, {}))
