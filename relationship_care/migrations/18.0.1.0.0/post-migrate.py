# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The showcase VIP level, its SLA and the executive visit to showcases now belong to
showcase_program (which renames their XML ids in its own migration). Without
showcase_program, the two records served nothing: drop them, before the level's
selection value goes and would leave the SLA applying to every level."""

from odoo import SUPERUSER_ID, api

MOVED = ("helpdesk_sla_showcase", "rc_care_policy_executive_showcase_visit")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT 1 FROM ir_module_module WHERE name = 'showcase_program' "
        "AND state IN ('installed', 'to upgrade')"
    )
    if cr.fetchone():
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name in MOVED:
        record = env.ref(f"relationship_care.{name}", raise_if_not_found=False)
        if record:
            record.with_context(active_test=False).unlink()
