# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class KamFunnelReport(models.Model):
    """Funnel analysis: each entry into a stage, whether it converted, and its duration."""

    _name = "kam.funnel.report"
    _description = "Account Funnel Analysis"
    _auto = False
    _order = "date desc"

    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    stage_id = fields.Many2one("kam.account.stage", string="Stage", readonly=True)
    territory_id = fields.Many2one("kam.territory", readonly=True)
    salesperson_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(string="Entered On", readonly=True)
    entered_count = fields.Integer(string="Entries", readonly=True)
    converted_count = fields.Integer(
        string="Conversions",
        readonly=True,
        help="Entries followed by a move to a later funnel stage.",
    )
    conversion_rate = fields.Float(
        string="Conversion Rate (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    days_in_stage = fields.Float(aggregator="avg", readonly=True, digits=(16, 1))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT h.id, h.partner_id, h.stage_to_id AS stage_id, h.territory_id,
                       h.salesperson_id, h.company_id, h.date, 1 AS entered_count,
                       conv.converted AS converted_count,
                       conv.converted * 100.0 AS conversion_rate,
                       COALESCE(nxt.days_in_previous,
                                EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC' - h.date)) / 86400
                       ) AS days_in_stage
                  FROM kam_stage_history h
                  JOIN kam_account_stage s ON s.id = h.stage_to_id
                  LEFT JOIN LATERAL (
                        SELECT n.days_in_previous FROM kam_stage_history n
                         WHERE n.partner_id = h.partner_id AND n.id > h.id
                         ORDER BY n.id LIMIT 1
                  ) nxt ON TRUE
                  CROSS JOIN LATERAL (
                        SELECT CASE WHEN EXISTS (
                            SELECT 1 FROM kam_stage_history n
                              JOIN kam_account_stage ns ON ns.id = n.stage_to_id
                             WHERE n.partner_id = h.partner_id AND n.id > h.id
                               AND NOT COALESCE(ns.is_churn, FALSE)
                               AND ns.sequence > s.sequence
                        ) THEN 1 ELSE 0 END AS converted
                  ) conv
            )
            """  # noqa: S608 - the table name is the model's own
        )
