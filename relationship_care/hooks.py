# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .demo_hooks import load_demo


def post_init_hook(env):
    """Key persons' birthdays are private: move them out of OCA's shared Birthdate.
    Then the demo data that XML cannot express (nothing without the demo records)."""
    env["res.partner"]._rc_protect_key_person_birthdates()
    load_demo(env)
