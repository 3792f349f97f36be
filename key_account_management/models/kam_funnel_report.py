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
                -- One pass over the history sorted by account (window functions), not
                -- two subqueries per entry: linear in the size of the history.
                SELECT w.id, w.partner_id, w.stage_id, w.territory_id, w.salesperson_id,
                       w.company_id, w.date, 1 AS entered_count,
                       CASE WHEN w.later_sequence > w.sequence THEN 1 ELSE 0 END
                           AS converted_count,
                       CASE WHEN w.later_sequence > w.sequence THEN 100.0 ELSE 0.0 END
                           AS conversion_rate,
                       COALESCE(w.next_days,
                                EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC' - w.date)) / 86400
                       ) AS days_in_stage
                  FROM (
                    SELECT h.id, h.partner_id, h.stage_to_id AS stage_id, h.territory_id,
                           h.salesperson_id, h.company_id, h.date, s.sequence,
                           -- the days the next move says were spent in this stage
                           LEAD(h.days_in_previous) OVER account AS next_days,
                           -- converted: a later move into a later, not churned stage
                           MAX(CASE WHEN NOT COALESCE(s.is_churn, FALSE) THEN s.sequence END)
                               OVER (account ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
                               AS later_sequence
                      FROM kam_stage_history h
                      JOIN kam_account_stage s ON s.id = h.stage_to_id
                    WINDOW account AS (PARTITION BY h.partner_id ORDER BY h.id)
                  ) w
            )
            """  # noqa: S608 - the table name is the model's own
        )
