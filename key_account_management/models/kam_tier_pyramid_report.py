# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools

from .res_partner import ACCOUNT_TIERS

LOGGED_TIME_HELP = (
    "Logged time of the last 12 months: the duration of the calendar meetings with the "
    "account's people, plus half an hour for each activity marked done on the account, "
    "its contacts or their opportunities."
)


class KamTierPyramidReport(models.Model):
    """Tier pyramid (金字塔): share of accounts against share of logged time per tier."""

    _name = "kam.tier.pyramid.report"
    _description = "Tier Pyramid"
    _auto = False
    _order = "tier, partner_id"

    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    tier = fields.Selection(ACCOUNT_TIERS, readonly=True)
    relationship_level = fields.Selection(
        related="partner_id.kam_relationship_level", readonly=True
    )
    manager_id = fields.Many2one(
        "res.users", string="Key Account Manager", readonly=True
    )
    territory_id = fields.Many2one("kam.territory", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    account_count = fields.Integer(string="Accounts", readonly=True)
    activity_count = fields.Integer(string="Done Activities", readonly=True)
    meeting_hours = fields.Float(readonly=True, digits=(16, 1))
    logged_hours = fields.Float(
        string="Logged Time (h)", readonly=True, digits=(16, 1), help=LOGGED_TIME_HELP
    )
    account_share = fields.Float(
        string="Share of Accounts (%)",
        readonly=True,
        digits=(16, 1),
        help="This account's share of all tiered accounts of the company; summed per "
        "tier it gives the tier's share (key accounts are typically about 10%).",
    )
    time_share = fields.Float(
        string="Share of Logged Time (%)",
        readonly=True,
        digits=(16, 1),
        help=LOGGED_TIME_HELP + " Summed per tier it gives the tier's share of the "
        "sales time (key accounts typically take about 60%).",
    )
    # Stored columns of the account's won revenue and CLV (computed, not stored, on the
    # partner) so that dashboards and pivots can sum them per tier.
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    won_revenue = fields.Monetary(
        string="Won Revenue (12 months)",
        readonly=True,
        help="Expected revenue of the account's opportunities won in the last 12 months.",
    )
    clv = fields.Monetary(
        string="Customer Lifetime Value",
        readonly=True,
        help="The won revenue of the last 12 months times the margin and the discounted "
        "retention of the company's CLV settings.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH account AS (
                    SELECT p.id, p.kam_tier, p.kam_manager_id, p.kam_territory_id,
                           COALESCE(p.company_id, (SELECT MIN(id) FROM res_company))
                               AS company_id
                      FROM res_partner p
                     WHERE p.is_company AND p.active AND p.kam_tier IS NOT NULL
                ), activity AS (
                    -- From the done activities to their account (partners by id), not
                    -- from every person of every account to their messages.
                    SELECT q.commercial_partner_id AS account_id, COUNT(*) AS n
                      FROM mail_message m
                      JOIN res_partner q ON (m.model = 'res.partner' AND m.res_id = q.id)
                     WHERE m.mail_activity_type_id IS NOT NULL
                       AND m.date >= NOW() AT TIME ZONE 'UTC' - INTERVAL '12 months'
                     GROUP BY q.commercial_partner_id
                    UNION ALL
                    SELECT q.commercial_partner_id, COUNT(*)
                      FROM mail_message m
                      JOIN crm_lead l ON (m.model = 'crm.lead' AND m.res_id = l.id)
                      JOIN res_partner q ON q.id = l.partner_id
                     WHERE m.mail_activity_type_id IS NOT NULL
                       AND m.date >= NOW() AT TIME ZONE 'UTC' - INTERVAL '12 months'
                     GROUP BY q.commercial_partner_id
                ), meeting AS (
                    SELECT x.account_id, SUM(x.duration) AS hours
                      FROM (
                        SELECT DISTINCT q.commercial_partner_id AS account_id, e.id,
                               COALESCE(e.duration, 0) AS duration
                          FROM calendar_event e
                          JOIN calendar_event_res_partner_rel r ON r.calendar_event_id = e.id
                          JOIN res_partner q ON q.id = r.res_partner_id
                         WHERE e.active
                           AND e.start >= NOW() AT TIME ZONE 'UTC' - INTERVAL '12 months'
                           AND e.start <= NOW() AT TIME ZONE 'UTC'
                      ) x
                     GROUP BY x.account_id
                ), won AS (
                    -- as res.partner._kam_won_revenue: won in the last 365 days (by the
                    -- creation date when a lead was created won, without closing date)
                    SELECT q.commercial_partner_id AS account_id,
                           SUM(l.expected_revenue) AS revenue
                      FROM crm_lead l
                      JOIN crm_stage s ON s.id = l.stage_id AND s.is_won
                      JOIN res_partner q ON q.id = l.partner_id
                     WHERE l.active
                       AND COALESCE(l.date_closed, l.create_date)
                           >= NOW() AT TIME ZONE 'UTC' - INTERVAL '365 days'
                     GROUP BY q.commercial_partner_id
                ), activity_total AS (
                    SELECT account_id, SUM(n) AS n FROM activity GROUP BY account_id
                ), logged AS (
                    -- joins, not a subquery per account: linear in the number of accounts
                    SELECT a.*, 1 AS account_count, COALESCE(act.n, 0) AS activity_count,
                           COALESCE(mt.hours, 0) AS meeting_hours,
                           COALESCE(w.revenue, 0) AS won_revenue
                      FROM account a
                      LEFT JOIN activity_total act ON act.account_id = a.id
                      LEFT JOIN meeting mt ON mt.account_id = a.id
                      LEFT JOIN won w ON w.account_id = a.id
                )
                SELECT l.id, l.id AS partner_id, l.kam_tier AS tier,
                       l.kam_manager_id AS manager_id, l.kam_territory_id AS territory_id,
                       l.company_id, l.account_count, l.activity_count, l.meeting_hours,
                       l.meeting_hours + 0.5 * l.activity_count AS logged_hours,
                       100.0 / COUNT(*) OVER (PARTITION BY l.company_id) AS account_share,
                       COALESCE(100.0 * (l.meeting_hours + 0.5 * l.activity_count)
                           / NULLIF(SUM(l.meeting_hours + 0.5 * l.activity_count)
                                    OVER (PARTITION BY l.company_id), 0), 0) AS time_share,
                       l.won_revenue,
                       -- CLV = R x m x sum over t < n of f^t, f = r / (1 + d)
                       l.won_revenue * c.kam_clv_margin / 100 * (
                           CASE WHEN c.f = 1 THEN c.kam_clv_years
                                ELSE (1 - POWER(c.f, c.kam_clv_years)) / (1 - c.f) END
                       ) AS clv
                  FROM logged l
                  JOIN (
                    SELECT id, kam_clv_margin, kam_clv_years,
                           (kam_clv_retention / 100) / (1 + kam_clv_discount / 100) AS f
                      FROM res_company
                  ) c ON c.id = l.company_id
            )
            """  # noqa: S608 - the table name is the model's own
        )
