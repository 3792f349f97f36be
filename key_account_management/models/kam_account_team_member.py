# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class KamAccountTeamMember(models.Model):
    """Further member of an account team.

    The key account manager, the executive sponsor and the sales manager are fields of the
    account itself; the other roles (technical support, after-sales, marketing...) are lines.
    """

    _name = "kam.account.team.member"
    _description = "Account Team Member"
    _order = "partner_id, role, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_company", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users", string="Member", required=True, ondelete="cascade", index=True
    )
    role = fields.Selection(
        [
            ("technical_support", "Technical Support"),
            ("after_sales", "After-Sales Service"),
            ("marketing", "Marketing"),
            ("sales", "Sales"),
            ("other", "Other"),
        ],
        required=True,
        default="sales",
    )
    note = fields.Char()
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    _sql_constraints = [
        (
            "member_role_unique",
            "UNIQUE (partner_id, user_id, role)",
            "This person already has this role on the account team.",
        ),
    ]

    # --- who changes the team ---------------------------------------------------------
    # Record rules cannot say it: Odoo checks a create rule after the insert, and a new
    # line puts its user on the team, so it would satisfy the "own team" rule by itself.
    def _check_team_editor(self, accounts):
        """Only the account's key account manager or a manager edits its team."""
        if self.env.su or self.env.user.has_group(
            "key_account_management.group_kam_manager"
        ):
            return
        for account in accounts.sudo():
            if self.env.user not in account.kam_manager_id:
                raise UserError(
                    self.env._(
                        "Only the key account manager of %(account)s or a key account "
                        "manager of the Manager group can change its account team.",
                        account=account.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        # Checked on the lines as created (with the account a context default may have
        # given them); an error rolls the insert back.
        self._check_team_editor(lines.partner_id)
        return lines

    def write(self, vals):
        accounts = self.partner_id
        if vals.get("partner_id"):
            accounts |= self.env["res.partner"].browse(vals["partner_id"])
        self._check_team_editor(accounts)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_team_editor(self):
        self._check_team_editor(self.partner_id)
