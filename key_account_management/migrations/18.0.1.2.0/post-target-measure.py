# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales targets count the accounts entering the stages marked "Counts toward Target".
The shipped stages are noupdate data, so the module's data does not mark them on an
existing database: mark Listed (new listed accounts) and Order (converted accounts)
here, unless the company already chose a measure for them."""


def migrate(cr, version):
    if not version:
        return
    for xmlid, measure in (
        ("kam_account_stage_listed", "listed"),
        ("kam_account_stage_order", "converted"),
    ):
        cr.execute(
            """
            UPDATE kam_account_stage s
               SET target_measure = %s
              FROM ir_model_data d
             WHERE d.module = 'key_account_management'
               AND d.name = %s
               AND d.model = 'kam.account.stage'
               AND d.res_id = s.id
               AND COALESCE(s.target_measure, 'none') = 'none'
            """,
            (measure, xmlid),
        )
