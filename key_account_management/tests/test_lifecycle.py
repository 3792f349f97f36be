# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KamCommon


@tagged("post_install", "-at_install")
class TestLifecycle(KamCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._create_account()

    def _claim(self, account, user):
        account.with_user(user).action_kam_claim()

    def _add_contact(self, account):
        self.env["res.partner"].create(
            {"name": "Ms Zhou 周女士", "parent_id": account.id}
        )

    def test_create_records_history(self):
        history = self.account.kam_stage_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.stage_to_id, self.stage_target)
        self.assertFalse(history.stage_from_id)

    def test_full_funnel_forward(self):
        account = self.account
        # target -> listed needs a claim
        with self.assertRaisesRegex(UserError, "Missing:\n- a claim by a salesperson"):
            account.action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_target)
        self._claim(account, self.salesperson_a)
        self.assertEqual(
            account.kam_stage_id, self.stage_listed, "Claiming lists the account"
        )
        # listed -> potential needs a contact person
        with self.assertRaisesRegex(UserError, "at least one contact person"):
            account.action_kam_advance()
        self._add_contact(account)
        account.action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_potential)
        # potential -> intent needs an opportunity
        with self.assertRaisesRegex(UserError, "an open opportunity"):
            account.action_kam_advance()
        self._opportunity(account)
        account.action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_intent)
        # intent -> order needs a won opportunity
        with self.assertRaisesRegex(UserError, "a won opportunity"):
            account.action_kam_advance()
        self._opportunity(account, won=True)
        account.action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_order)
        # order -> active needs a key account manager
        with self.assertRaisesRegex(UserError, "a key account manager"):
            account.action_kam_advance()
        account.kam_manager_id = self.salesperson_a
        account.action_kam_advance()
        self.assertEqual(account.kam_stage_id, self.stage_active)
        # active is the last funnel stage
        with self.assertRaisesRegex(UserError, "already in the last stage"):
            account.action_kam_advance()
        moves = account.kam_stage_history_ids.sorted("id")
        self.assertEqual(
            moves.stage_to_id.mapped("code"),
            ["target", "listed", "potential", "intent", "order", "active"],
        )
        self.assertEqual(moves[-1].stage_from_id, self.stage_order)
        self.assertEqual(moves[-1].user_id, self.env.user)
        self.assertGreaterEqual(moves[-1].days_in_previous, 0.0)
        self.assertEqual(moves[-1].territory_id, self.territory_east)

    def test_back(self):
        with self.assertRaisesRegex(UserError, "cannot go back"):
            self.account.action_kam_back()
        self._claim(self.account, self.salesperson_a)
        self.account.action_kam_back()
        self.assertEqual(self.account.kam_stage_id, self.stage_target)
        self.assertEqual(
            self.account.kam_stage_history_ids.sorted("id")[-1].stage_from_id,
            self.stage_listed,
        )

    def test_stage_write_is_refused_to_users(self):
        """The stage moves with the buttons only: a user's write is refused, and even
        the system's own writes (data files, jobs) pass the gates."""
        account = self.account.with_user(self.salesperson_a)
        self._claim(self.account, self.salesperson_a)
        with self.assertRefused(UserError, "workflow buttons"):
            account.write({"kam_stage_id": self.stage_potential.id})
        self.assertEqual(self.account.kam_stage_id, self.stage_listed)
        with self.assertRaisesRegex(UserError, "a won opportunity"):
            self.account.kam_stage_id = self.stage_order
        self.assertEqual(self.account.kam_stage_id, self.stage_listed)
        self._opportunity(self.account, won=True)
        self.account.kam_stage_id = self.stage_order  # system write, gates pass
        self.assertEqual(self.account.kam_stage_id, self.stage_order)

    def test_churn_and_reactivate(self):
        with self.assertRaisesRegex(
            UserError, "Only a churned account can be reactivated"
        ):
            self.account.action_kam_reactivate()
        # A prospect that never bought cannot churn.
        with self.assertRaisesRegex(UserError, "a won opportunity"):
            self.account.action_kam_mark_churned()
        self._claim(self.account, self.salesperson_a)
        self._add_contact(self.account)
        self._opportunity(self.account, won=True)
        self.account.action_kam_mark_churned()
        self.assertEqual(self.account.kam_stage_id, self.stage_churned)
        with self.assertRaisesRegex(UserError, "has already churned"):
            self.account.action_kam_mark_churned()
        for action in ("action_kam_advance", "action_kam_back"):
            with self.assertRaisesRegex(UserError, "churned|cannot go back"):
                getattr(self.account, action)()
        with self.assertRaisesRegex(UserError, "use Reactivate"):
            self.account.kam_stage_id = self.stage_active
        self.account.action_kam_reactivate()
        self.assertEqual(self.account.kam_stage_id, self.stage_potential)
        self.assertEqual(
            self.account.kam_stage_history_ids.sorted("id")[-1].stage_from_id,
            self.stage_churned,
        )

    def test_person_cannot_enter_lifecycle(self):
        person = self.env["res.partner"].create({"name": "Mr Li"})
        with self.assertRefused(UserError, "is not a company"):
            person.kam_stage_id = self.stage_target
        self.assertFalse(person.kam_stage_id)

    def test_funnel_report(self):
        self._claim(self.account, self.salesperson_a)
        other = self._create_account(name="Other Ltd")
        self.env.flush_all()
        report = self.env["kam.funnel.report"].search(
            [("partner_id", "in", (self.account | other).ids)]
        )
        target_rows = report.filtered(lambda r: r.stage_id == self.stage_target)
        self.assertEqual(len(target_rows), 2)
        self.assertEqual(sorted(target_rows.mapped("converted_count")), [0, 1])
        groups = self.env["kam.funnel.report"]._read_group(
            [
                ("partner_id", "in", (self.account | other).ids),
                ("stage_id", "=", self.stage_target.id),
            ],
            ["territory_id"],
            ["conversion_rate:avg", "entered_count:sum"],
        )
        self.assertEqual(groups, [(self.territory_east, 50.0, 2)])

    def test_gates_are_stage_data(self):
        """What entering a stage requires follows the stage's flags, not its code."""
        self._claim(self.account, self.salesperson_a)
        # potential asks for a contact person; without the flag it does not
        with self.assertRefused(UserError, "Missing:\n- at least one contact person"):
            self.account.action_kam_advance()
        self.stage_potential.require_contact = False
        self.account.action_kam_advance()
        self.assertEqual(self.account.kam_stage_id, self.stage_potential)
        # a flag put on another stage gates that stage
        self.stage_intent.write({"require_opportunity": False, "require_manager": True})
        with self.assertRefused(UserError, "a key account manager on the account"):
            self.account.action_kam_advance()
        self.account.kam_manager_id = self.salesperson_a
        self.account.action_kam_advance()
        self.assertEqual(self.account.kam_stage_id, self.stage_intent)

    def test_move_history_and_days_in_previous(self):
        """A refused move writes nothing; a move writes one line with the days spent
        in the previous stage, and restarts the stage date."""
        since = self.account.kam_stage_date - timedelta(days=3)
        self.account.kam_stage_date = since  # superuser: a data fix
        history_before = self.account.kam_stage_history_ids
        with self.assertRefused(UserError, "a claim by a salesperson"):
            self.account.action_kam_advance()
        self.assertEqual(self.account.kam_stage_history_ids, history_before)
        self.assertEqual(self.account.kam_stage_date, since)
        self._claim(self.account, self.salesperson_a)
        move = self.account.kam_stage_history_ids - history_before
        self.assertEqual(len(move), 1)
        self.assertEqual(move.stage_from_id, self.stage_target)
        self.assertEqual(move.stage_to_id, self.stage_listed)
        self.assertEqual(move.user_id, self.salesperson_a)
        self.assertEqual(move.salesperson_id, self.salesperson_a)
        self.assertAlmostEqual(move.days_in_previous, 3.0, places=1)
        self.assertEqual(self.account.kam_stage_date, move.date)
