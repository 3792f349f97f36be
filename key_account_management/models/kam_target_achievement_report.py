# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class KamTargetAchievementReport(models.Model):
    """Sales targets against their actuals, one row per target.

    The one definition of the actuals (``kam.sales.target`` reads them here):

    - new listed / converted: the accounts that entered a stage counting toward that
      measure (``kam.account.stage.target_measure``) in the period, in the target's
      territory and, for a salesperson's target, with him as the salesperson of the
      move (stage history); an account counts once per target;
    - won revenue: expected revenue of the won opportunities closed in the period
      (created won: their creation date) of the territory's accounts and, for a
      salesperson's target, his own.

    Dates are compared in UTC, as the stage history stores them.
    """

    _name = "kam.target.achievement.report"
    _description = "Sales Target Achievement"
    _auto = False
    _order = "date_from desc, territory_id, user_id"
    # what the view reads: searching it flushes these first
    _depends = {
        "kam.sales.target": [
            "territory_id",
            "user_id",
            "period_type",
            "date_from",
            "date_to",
            "company_id",
            "target_listed",
            "target_converted",
            "target_revenue",
        ],
        "res.company": ["currency_id"],
        "kam.stage.history": [
            "partner_id",
            "stage_to_id",
            "date",
            "territory_id",
            "salesperson_id",
        ],
        "kam.account.stage": ["target_measure"],
        "crm.lead": [
            "active",
            "stage_id",
            "partner_id",
            "user_id",
            "expected_revenue",
            "date_closed",
            "create_date",
        ],
        "crm.stage": ["is_won"],
        "res.partner": ["commercial_partner_id", "kam_territory_id"],
    }

    target_id = fields.Many2one("kam.sales.target", string="Target", readonly=True)
    territory_id = fields.Many2one("kam.territory", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    scope = fields.Selection(
        [("territory", "Whole Territory"), ("salesperson", "Salesperson")],
        readonly=True,
    )
    period_type = fields.Selection(
        [
            ("month", "Month"),
            ("quarter", "Quarter"),
            ("year", "Year"),
            ("custom", "Custom"),
        ],
        string="Period",
        readonly=True,
    )
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    target_listed = fields.Integer(string="Target New Listed", readonly=True)
    actual_listed = fields.Integer(string="New Listed", readonly=True)
    listed_rate = fields.Float(
        string="New Listed Achievement (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
    )
    target_converted = fields.Integer(readonly=True)
    actual_converted = fields.Integer(string="Converted", readonly=True)
    converted_rate = fields.Float(
        string="Converted Achievement (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
    )
    target_revenue = fields.Monetary(readonly=True)
    actual_revenue = fields.Monetary(string="Won Revenue", readonly=True)
    revenue_rate = fields.Float(
        string="Revenue Achievement (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT t.id, t.id AS target_id, t.territory_id, t.user_id,
                       CASE WHEN t.user_id IS NULL THEN 'territory' ELSE 'salesperson'
                       END AS scope,
                       t.period_type, t.date_from, t.date_to, t.company_id,
                       c.currency_id,
                       t.target_listed, m.listed AS actual_listed,
                       CASE WHEN COALESCE(t.target_listed, 0) > 0
                            THEN m.listed * 100.0 / t.target_listed END AS listed_rate,
                       t.target_converted, m.converted AS actual_converted,
                       CASE WHEN COALESCE(t.target_converted, 0) > 0
                            THEN m.converted * 100.0 / t.target_converted
                       END AS converted_rate,
                       t.target_revenue, r.revenue AS actual_revenue,
                       CASE WHEN COALESCE(t.target_revenue, 0) > 0
                            THEN r.revenue * 100.0 / t.target_revenue
                       END AS revenue_rate
                  FROM kam_sales_target t
                  JOIN res_company c ON c.id = t.company_id
                  -- per target, over the moves of its territory in its period
                  CROSS JOIN LATERAL (
                    SELECT COUNT(DISTINCT h.partner_id)
                               FILTER (WHERE s.target_measure = 'listed') AS listed,
                           COUNT(DISTINCT h.partner_id)
                               FILTER (WHERE s.target_measure = 'converted') AS converted
                      FROM kam_stage_history h
                      JOIN kam_account_stage s ON s.id = h.stage_to_id
                     WHERE h.territory_id = t.territory_id
                       AND (t.user_id IS NULL OR h.salesperson_id = t.user_id)
                       AND h.date >= t.date_from
                       AND h.date < t.date_to + 1
                       AND s.target_measure IN ('listed', 'converted')
                  ) m
                  CROSS JOIN LATERAL (
                    SELECT COALESCE(SUM(l.expected_revenue), 0.0) AS revenue
                      FROM crm_lead l
                      JOIN crm_stage st ON st.id = l.stage_id AND st.is_won
                      JOIN res_partner p ON p.id = l.partner_id
                      JOIN res_partner a ON a.id = p.commercial_partner_id
                     WHERE a.kam_territory_id = t.territory_id
                       AND l.active
                       AND (t.user_id IS NULL OR l.user_id = t.user_id)
                       AND COALESCE(l.date_closed, l.create_date) >= t.date_from
                       AND COALESCE(l.date_closed, l.create_date) < t.date_to + 1
                  ) r
            )
            """  # noqa: S608 - the table name is the model's own
        )
