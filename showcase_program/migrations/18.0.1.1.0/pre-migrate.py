# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The showcase VIP level's SLA and the executive visit care policy move from
relationship_care's data to this module's: their XML ids are renamed before this
module's data loads, so existing records keep their values (the data is noupdate)
and no second SLA or policy appears."""

MOVED = ("helpdesk_sla_showcase", "rc_care_policy_executive_showcase_visit")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET module = 'showcase_program'
         WHERE module = 'relationship_care' AND name IN %s
           AND NOT EXISTS (
               SELECT 1 FROM ir_model_data d
                WHERE d.module = 'showcase_program' AND d.name = ir_model_data.name
           )
        """,
        (MOVED,),
    )
