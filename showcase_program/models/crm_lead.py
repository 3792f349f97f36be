# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sc_showcase_ids = fields.Many2many(
        "sc.showcase",
        "crm_lead_sc_showcase_rel",
        "lead_id",
        "showcase_id",
        string="Influencing Showcases",
        groups="key_account_management.group_kam_user",
        help="Showcases that influenced this opportunity (event invitations, site "
        "visits). Each gets full credit in its influenced pipeline.",
    )

    def write(self, vals):
        won_before = self.filtered(lambda lead: lead.stage_id.is_won)
        res = super().write(vals)
        if "stage_id" in vals:
            # Any salesperson may win a deal; the showcase reward is the system's to give.
            for lead in (
                (self - won_before)
                .sudo()
                .filtered(lambda lead: lead.stage_id.is_won and lead.sc_showcase_ids)
            ):
                for showcase in lead.sc_showcase_ids:
                    self.env["sc.reward.rule"]._award("deal_won", showcase, lead)
        return res
