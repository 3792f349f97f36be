# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Entering the delivery stage rewards delivery: that meaning moved from the stage's
code to its ``is_delivery`` flag. The stage data is noupdate, so existing databases
get the flag here."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "UPDATE sc_showcase_stage SET is_delivery = TRUE WHERE code = 'delivery'"
    )
