# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The satisfaction criterion counts in an account's scorecard only once the account has
a satisfaction score. Its data record is noupdate: set the flag here; the criterion's
write recomputes the scored accounts' totals and suggested tiers."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    criterion = env.ref(
        "relationship_care.rc_score_criterion_satisfaction", raise_if_not_found=False
    )
    if criterion and not criterion.only_when_scored:
        criterion.only_when_scored = True
