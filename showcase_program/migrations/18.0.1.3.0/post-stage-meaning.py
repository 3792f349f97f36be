# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which stages a management upgrade starts from moved from the stage codes in the
code and the form to the stage's ``allow_upgrade`` flag. The stage data is noupdate,
so existing databases get the flag here."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE sc_showcase_stage
           SET allow_upgrade = TRUE
         WHERE code IN ('maintenance', 'marketing')
        """
    )
