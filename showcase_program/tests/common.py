# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.mail.tests.common import mail_new_test_user


class ShowcaseMixin:
    """Fixtures shared by the transaction and the HTTP test cases."""

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """Like Odoo's assertRaises (rolled back to a savepoint, so a refused call
        leaves nothing written, as over RPC), and check the message."""
        with self.assertRaises(exception) as ctx:
            yield ctx
        self.assertRegex(str(ctx.exception), regex)

    @classmethod
    def _sc_setup(cls):
        cls.salesperson_a = mail_new_test_user(
            cls.env,
            login="sc_sales_a",
            name="Showcase Sales A",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        cls.salesperson_b = mail_new_test_user(
            cls.env,
            login="sc_sales_b",
            name="Showcase Sales B",
            groups="base.group_user,key_account_management.group_kam_user",
        )
        cls.manager = mail_new_test_user(
            cls.env,
            login="sc_manager",
            name="Showcase Manager",
            groups="base.group_user,key_account_management.group_kam_manager",
        )
        cls.team_a = cls.env["crm.team"].create({"name": "Branch A"})
        cls.team_b = cls.env["crm.team"].create({"name": "Branch B"})
        cls.account = cls.env["res.partner"].create(
            {
                "name": "上海申通地铁 Test Metro",
                "is_company": True,
                "kam_manager_id": cls.salesperson_a.id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "张总 Zhang", "parent_id": cls.account.id, "function": "CIO"}
        )
        cls.stages = {s.code: s for s in cls.env["sc.showcase.stage"].search([])}
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.open_stage = cls.env["crm.stage"].search([("is_won", "=", False)], limit=1)

    @classmethod
    def _create_showcase(cls, level="city", **vals):
        return cls.env["sc.showcase"].create(
            dict(
                {
                    "name": f"Smart Metro Showcase ({level})",
                    "partner_id": cls.account.id,
                    "level": level,
                    "team_id": cls.team_a.id,
                    "user_id": cls.salesperson_a.id,
                    "key_person_ids": [(6, 0, cls.contact.ids)],
                },
                **vals,
            )
        )

    def _qualify(self, showcase):
        criteria = self.env["sc.qualification.criterion"].search(
            [("level", "=", showcase.level)]
        )
        showcase.write(
            {
                "criterion_ids": [(6, 0, criteria.ids)],
                "value_line_ids": [
                    (0, 0, {"name": "Dispatch time -30%", "value_type": "focal"}),
                    (0, 0, {"name": "Paperless office", "value_type": "common"}),
                ],
            }
        )

    def _approve_documents(self, showcase, stage_code):
        """Create and approve the deliverables the matrix asks before a stage."""
        requirements = self.env["sc.deliverable.requirement"].search(
            [
                ("level", "=", showcase.level),
                ("stage_id", "=", self.stages[stage_code].id),
            ]
        )
        deliverables = self.env["sc.deliverable"].create(
            [
                {
                    "showcase_id": showcase.id,
                    "document_type_id": r.document_type_id.id,
                    "content": "<p>Text</p>",
                    "consent_to_publish": True,
                }
                for r in requirements
            ]
        )
        deliverables.action_submit()
        deliverables.action_approve()
        return deliverables

    def _create_agreement(self, showcase, visits=2, sign=True, **vals):
        agreement = self.env["sc.agreement"].create(
            dict(
                {
                    "showcase_id": showcase.id,
                    "company_signatory_id": self.manager.id,
                    "customer_signatory_id": self.contact.id,
                    "date_start": "2026-01-01",
                    "date_end": "2027-12-31",
                    "obligation_ids": [
                        (
                            0,
                            0,
                            {"obligation_type": "prospect_visits", "quantity": visits},
                        ),
                        (0, 0, {"obligation_type": "testimonial"}),
                    ],
                },
                **vals,
            )
        )
        if sign:
            agreement.action_sign()
        return agreement

    def _review_and_approve(self, showcase):
        self._qualify(showcase)
        self._approve_documents(showcase, "review")
        showcase.action_submit_review()
        showcase.with_user(self.manager).validate_tier()

    def _move_to(self, showcase, code):
        showcase.write({"stage_id": self.stages[code].id})


class ShowcaseCommon(ShowcaseMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sc_setup()
