# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The early warning stores its signals as codes and parameters (``kam_warning_signals``)
and puts them into words in the reader's language; the English text it stored before
(``kam_warning_summary``, now computed) is kept as one "legacy" signal per line, shown
as it is until the next run of the job replaces it (without a new tracking message or
activity: the level does not change)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'res_partner' AND column_name = 'kam_warning_summary'
        """
    )
    if not cr.fetchone():
        return
    cr.execute(
        r"""
        UPDATE res_partner p
           SET kam_warning_signals = (
               SELECT jsonb_agg(jsonb_build_array('legacy', p.kam_warning_level, t.line)
                                ORDER BY t.n)
                 FROM unnest(string_to_array(p.kam_warning_summary, E'\n'))
                      WITH ORDINALITY AS t(line, n)
                WHERE btrim(t.line) <> '')
         WHERE p.kam_warning_summary IS NOT NULL
           AND p.kam_warning_signals IS NULL
        """
    )
