# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCareUi(HttpCase):
    def test_care_screens_in_the_web_client(self):
        if not self.env.ref("relationship_care.rc_gift_sh_metro_tea", False):
            self.skipTest("needs the demo data")
        action = self.env.ref("relationship_care.rc_gift_action")
        self.start_tour(
            f"/odoo/action-{action.id}?view_type=kanban", "rc_care_tour", login="admin"
        )
