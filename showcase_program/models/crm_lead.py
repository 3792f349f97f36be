# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        if any("sc_showcase_ids" in vals for vals in vals_list):
            leads._sc_check_showcase_links(self.env["sc.showcase"])
        return leads

    def write(self, vals):
        won_before = self.filtered(lambda lead: lead.stage_id.is_won)
        linked_before = (
            {lead: lead.sudo().sc_showcase_ids for lead in self}
            if "sc_showcase_ids" in vals
            else None
        )
        res = super().write(vals)
        if linked_before is not None:
            for lead in self:
                lead._sc_check_showcase_links(linked_before[lead])
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

    def _sc_check_showcase_links(self, before):
        """Only a user who can read a showcase links an opportunity to it (the
        showcase is then rewarded, as the system, when the deal is won)."""
        if self.env.su:
            return
        for lead in self:
            added = lead.sudo().sc_showcase_ids - before
            added.with_env(self.env).check_access("read")

    def _sc_link_showcases(self, showcases):
        """Credit ``showcases`` with these opportunities (event invitations, site
        visits), as the system, but only for what the user can read himself: a link
        made by somebody who cannot read the showcase, or the opportunity, would earn
        a reward nobody of the showcase's team asked for."""
        showcases = showcases._filtered_access("read")
        if not showcases:
            return
        for lead in self._filtered_access("read"):
            missing = showcases - lead.sudo().sc_showcase_ids
            if missing:
                lead.sudo().sc_showcase_ids = [(4, s.id) for s in missing]
