# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Levels whose showcases a company executive answers for (重点样板由公司高层负责).
EXECUTIVE_LEVELS = ("national",)


class ScShowcaseExecutive(models.Model):
    """Executive owner of the provincial / national showcases: the company executive
    who answers for the showcase and receives its review and milestone activities."""

    _inherit = "sc.showcase"  # pylint: disable=consider-merging-classes-inherited
    # Who answers for the showcase is ownership: its owners or a manager change it.
    _sc_owner_fields = (
        "partner_id",
        "team_id",
        "user_id",
        "company_id",
        "executive_user_id",
    )

    executive_user_id = fields.Many2one(
        "res.users",
        string="Executive Owner",
        tracking=True,
        index="btree_not_null",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("key_account_management.group_kam_executive").ids,
            )
        ],
        help="Provincial and national showcases are the company executives' own: this "
        "executive receives the review and the milestones of the showcase.",
    )

    @api.constrains("level", "executive_user_id")
    def _check_executive_user_id(self):
        for showcase in self.filtered("executive_user_id"):
            if showcase.level not in EXECUTIVE_LEVELS:
                raise ValidationError(
                    self.env._(
                        "%(showcase)s: only provincial and national showcases have an "
                        "executive owner; the branch manager owns the others.",
                        showcase=showcase.name,
                    )
                )
            if not showcase.executive_user_id.has_group(
                "key_account_management.group_kam_executive"
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a company executive and cannot own the "
                        "showcase %(showcase)s.",
                        user=showcase.executive_user_id.name,
                        showcase=showcase.name,
                    )
                )

    def action_submit_review(self):
        missing = self.filtered(
            lambda s: s.level in EXECUTIVE_LEVELS and not s.executive_user_id
        )
        if missing:
            raise UserError(
                self.env._(
                    "%(showcase)s is a provincial or national showcase: name its "
                    "executive owner before submitting it for review.",
                    showcase=missing[0].name,
                )
            )
        res = super().action_submit_review()
        self._sc_executive_activity(
            lambda s: s.env._(
                "Showcase review submitted: %(showcase)s", showcase=s.name
            )
        )
        return res

    def _sc_executive_activity(self, summary):
        """A to-do for each showcase's executive owner, worded in the owner's language.
        Scheduled by the system: whoever reaches the milestone need not be able to
        write the showcase."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for showcase in self.sudo().filtered("executive_user_id"):
            owner = showcase.executive_user_id
            showcase.with_context(
                lang=owner.lang or self.env.lang, mail_activity_quick_update=True
            ).activity_schedule(
                activity_type_id=todo.id,
                summary=summary(
                    showcase.with_context(lang=owner.lang or self.env.lang)
                ),
                user_id=owner.id,
            )
