# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class KamClaim(models.Model):
    """A salesperson's exclusive claim on an account.

    At most one claim per account is active: a partial unique index enforces it in the
    database, so two simultaneous claims cannot both succeed.

    Claims are made and ended only by the account's Claim and Release buttons and by the
    expiry job: nobody, managers included, creates, edits or deletes an active one.
    """

    _name = "kam.claim"
    _inherit = ["kam.workflow.mixin"]
    _description = "Account Claim"
    _order = "date_claimed desc, id desc"
    _rec_name = "partner_id"

    _workflow_fields = (
        "partner_id",
        "user_id",
        "territory_id",
        "date_claimed",
        "date_released",
        "state",
        "release_reason",
    )

    partner_id = fields.Many2one(
        "res.partner", string="Account", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, ondelete="cascade", index=True
    )
    territory_id = fields.Many2one("kam.territory", index=True)
    date_claimed = fields.Datetime(required=True, default=fields.Datetime.now)
    date_released = fields.Datetime()
    state = fields.Selection(
        [("active", "Active"), ("released", "Released"), ("expired", "Expired")],
        required=True,
        default="active",
        index=True,
    )
    release_reason = fields.Char()
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    def init(self):
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS kam_claim_one_active_per_partner
                ON kam_claim (partner_id) WHERE state = 'active'
            """
        )

    @api.model_create_multi
    def create(self, vals_list):
        # Not only the protected values: a claim row of its own (even with default
        # values taken from the context) would be a claim that no button made.
        if not self._workflow_trusted():
            raise UserError(
                self.env._(
                    "Claims are made with the Claim button of the account, and ended "
                    "with its Release button or by the expiry job."
                )
            )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if self._workflow_trusted():
            return
        if any(claim.state == "active" for claim in self):
            raise UserError(
                self.env._(
                    "An active claim is ended with the Release button of the account, "
                    "not deleted."
                )
            )
