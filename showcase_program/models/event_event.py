# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .event_type import MARKETING_MODES


class EventEvent(models.Model):
    _inherit = "event.event"

    sc_marketing_mode = fields.Selection(
        MARKETING_MODES,
        string="Showcase Marketing Mode",
        compute="_compute_sc_marketing_mode",
        store=True,
        readonly=False,
    )
    sc_showcase_ids = fields.Many2many(
        "sc.showcase",
        "event_event_sc_showcase_rel",
        "event_id",
        "showcase_id",
        string="Featured Showcases",
        groups="key_account_management.group_kam_user",
    )
    sc_prospect_ids = fields.One2many(
        "sc.event.prospect",
        "event_id",
        string="Invited Prospects",
        groups="key_account_management.group_kam_user",
    )
    sc_prospect_count = fields.Integer(
        string="Prospects",
        compute="_compute_sc_prospect_count",
        groups="key_account_management.group_kam_user",
    )
    sc_target = fields.Char(
        string="Target Customers",
        compute="_compute_sc_marketing_mode",
        store=True,
        readonly=False,
    )
    sc_venue = fields.Char(
        string="Typical Venue",
        compute="_compute_sc_marketing_mode",
        store=True,
        readonly=False,
    )

    @api.depends("event_type_id")
    def _compute_sc_marketing_mode(self):
        for event in self:
            event_type = event.event_type_id
            if event_type.sc_marketing_mode:
                event.sc_marketing_mode = event_type.sc_marketing_mode
                event.sc_target = event_type.sc_target
                event.sc_venue = event_type.sc_venue

    @api.depends("sc_prospect_ids")
    def _compute_sc_prospect_count(self):
        counts = dict(
            self.env["sc.event.prospect"]._read_group(
                [("event_id", "in", self.ids)], ["event_id"], ["__count"]
            )
        )
        for event in self:
            event.sc_prospect_count = counts.get(event, 0)

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        if not self.env.su and any("sc_showcase_ids" in vals for vals in vals_list):
            # only a user who can read a showcase features it (and gets it rewarded)
            events.sudo().sc_showcase_ids.with_env(self.env).check_access("read")
        return events

    def write(self, vals):
        before = (
            {event: event.sudo().sc_showcase_ids for event in self}
            if "sc_showcase_ids" in vals and not self.env.su
            else None
        )
        res = super().write(vals)
        if before is not None:
            for event in self:
                added = event.sudo().sc_showcase_ids - before[event]
                added.with_env(self.env).check_access("read")
        if "sc_showcase_ids" in vals:
            self.sc_prospect_ids._link_lead_to_showcases()
        if "stage_id" in vals:
            # Event users may close events; the showcase reward is the system's to give.
            for event in self.sudo().filtered(lambda e: e.stage_id.pipe_end):
                self.env["sc.reward.rule"]._award(
                    "event_held", event.sc_showcase_ids, event
                )
        return res
