# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Compliance lines now carry the account's lifecycle stage and potential sub-level
(the visit cadence report). Lines of the current period get the account's values now,
as the next care job would; lines of past periods stay without (the account's stage
then is unknown)."""

from datetime import date


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE rc_care_compliance c
           SET stage_id = p.kam_stage_id, potential_level_id = p.kam_potential_level_id
          FROM res_partner p
         WHERE p.id = c.partner_id
           AND c.period_start <= %(today)s AND c.period_end >= %(today)s
           AND (c.stage_id IS DISTINCT FROM p.kam_stage_id
                OR c.potential_level_id IS DISTINCT FROM p.kam_potential_level_id)
        """,
        {"today": date.today()},
    )
