# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Personal data of key persons (issue 9).

- Key persons' birthdays move from OCA's shared res.partner.birthdate_date into their
  private care profiles (the lunar day key with them).
- The care job's open activities about a person (birthdays, holidays) move from the
  person's contact, which every employee reads, to the person's care profile.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._rc_protect_key_person_birthdates()
    cr.execute(
        """
        SELECT a.id, a.res_id
          FROM mail_activity a
          JOIN rc_care_occasion o ON o.activity_id = a.id
          JOIN rc_care_policy p ON p.id = o.policy_id
         WHERE a.res_model = 'res.partner' AND p.occasion_type != 'frequency'
        """
    )
    rows = cr.fetchall()
    if not rows:
        return
    partners = env["res.partner"].browse({row[1] for row in rows})
    profiles = partners._rc_profiles_sudo()
    missing = [pid for pid in partners.ids if pid not in profiles]
    if missing:
        created = (
            env["rc.care.profile"]
            .with_context(tracking_disable=True)
            .create([{"partner_id": pid} for pid in missing])
        )
        profiles.update(zip(missing, created, strict=True))
    env["mail.activity"].flush_model()
    cr.execute(
        SQL(
            """
            UPDATE mail_activity a
               SET res_model = 'rc.care.profile', res_model_id = %(model)s,
                   res_id = m.profile_id
              FROM unnest(%(activities)s::int[], %(profiles)s::int[])
                   AS m(activity_id, profile_id)
             WHERE a.id = m.activity_id
            """,
            model=env["ir.model"]._get_id("rc.care.profile"),
            activities=[row[0] for row in rows],
            profiles=[profiles[row[1]].id for row in rows],
        )
    )
    env["mail.activity"].invalidate_model()
