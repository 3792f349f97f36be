# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class KamClaim(models.Model):
    """A salesperson's exclusive claim on an account (认领, seed 003).

    At most one claim per account is active: a partial unique index enforces it in the
    database, so two simultaneous claims cannot both succeed.
    """

    _name = "kam.claim"
    _description = "Account Claim"
    _order = "date_claimed desc, id desc"
    _rec_name = "partner_id"

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
