# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils

PERIOD_GRANULARITY = {"month": "month", "quarter": "quarter", "year": "year"}


class KamSalesTarget(models.Model):
    """What a territory, or one of its salespeople, should achieve over a period:
    new listed accounts, converted accounts and won revenue. The actuals come from the
    stage history and the won opportunities (see ``kam.target.achievement.report``)."""

    _name = "kam.sales.target"
    _description = "Sales Target"
    _inherit = ["mail.thread"]
    _order = "date_from desc, territory_id, user_id, id"

    territory_id = fields.Many2one(
        "kam.territory",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    territory_user_ids = fields.Many2many(related="territory_id.user_ids")
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Leave empty for the target of the whole territory.",
    )
    period_type = fields.Selection(
        [
            ("month", "Month"),
            ("quarter", "Quarter"),
            ("year", "Year"),
            ("custom", "Custom"),
        ],
        string="Period",
        required=True,
        default="year",
        help="Fills the end date from the start date: the end of its month, quarter "
        "or year.",
    )
    date_from = fields.Date(
        string="From",
        required=True,
        tracking=True,
        default=lambda self: date_utils.start_of(
            fields.Date.context_today(self), "year"
        ),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        tracking=True,
        compute="_compute_date_to",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(
        related="territory_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    target_listed = fields.Integer(
        string="Target New Listed",
        tracking=True,
        help="Accounts that should enter a stage counting as new listed accounts.",
    )
    target_converted = fields.Integer(
        tracking=True,
        help="Accounts that should enter a stage counting as converted (first order).",
    )
    target_revenue = fields.Monetary(
        tracking=True,
        help="Expected revenue of the opportunities won in the period.",
    )
    note = fields.Html()
    actual_listed = fields.Integer(string="New Listed", compute="_compute_actuals")
    actual_converted = fields.Integer(string="Converted", compute="_compute_actuals")
    actual_revenue = fields.Monetary(string="Won Revenue", compute="_compute_actuals")
    listed_rate = fields.Float(
        string="New Listed Achievement (%)", compute="_compute_actuals", digits=(16, 1)
    )
    converted_rate = fields.Float(
        string="Converted Achievement (%)", compute="_compute_actuals", digits=(16, 1)
    )
    revenue_rate = fields.Float(
        string="Revenue Achievement (%)", compute="_compute_actuals", digits=(16, 1)
    )
    achievement_rate = fields.Float(
        string="Achievement (%)",
        compute="_compute_actuals",
        digits=(16, 1),
        help="The average achievement of the measures that have a target.",
    )

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for target in self:
            granularity = PERIOD_GRANULARITY.get(target.period_type)
            if granularity and target.date_from:
                target.date_to = date_utils.end_of(target.date_from, granularity)
            elif not target.date_to:
                target.date_to = target.date_from

    @api.depends("territory_id", "user_id", "date_from", "date_to")
    def _compute_display_name(self):
        for target in self:
            target.display_name = self.env._(
                "%(who)s, %(date_from)s - %(date_to)s",
                who=" / ".join(
                    filter(None, (target.territory_id.name, target.user_id.name))
                ),
                date_from=target.date_from or "",
                date_to=target.date_to or "",
            )

    @api.depends(
        "territory_id",
        "user_id",
        "date_from",
        "date_to",
        "target_listed",
        "target_converted",
        "target_revenue",
    )
    def _compute_actuals(self):
        actuals = self._actuals()
        for target in self:
            listed, converted, revenue = actuals.get(target.id, (0, 0, 0.0))
            target.actual_listed = listed
            target.actual_converted = converted
            target.actual_revenue = revenue
            pairs = [
                (listed, target.target_listed),
                (converted, target.target_converted),
                (revenue, target.target_revenue),
            ]
            rates = [actual * 100.0 / goal if goal else 0.0 for actual, goal in pairs]
            target.listed_rate, target.converted_rate, target.revenue_rate = rates
            # a measure without a target does not pull the overall rate down
            measured = [
                rate for rate, (_actual, goal) in zip(rates, pairs, strict=True) if goal
            ]
            target.achievement_rate = sum(measured) / len(measured) if measured else 0.0

    def _actuals(self):
        """{target id: (new listed, converted, won revenue)} of the saved targets of
        self, in one query over the achievement report (the one definition of the
        actuals)."""
        ids = [target_id for target_id in self.ids if isinstance(target_id, int)]
        if not ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT id, actual_listed, actual_converted, actual_revenue
              FROM kam_target_achievement_report
             WHERE id IN %s
            """,
            [tuple(ids)],
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for target in self:
            if target.date_from > target.date_to:
                raise ValidationError(
                    self.env._(
                        "The target period of %(target)s ends before it starts.",
                        target=target.display_name,
                    )
                )

    @api.constrains("territory_id", "user_id")
    def _check_user_in_territory(self):
        for target in self.filtered("user_id"):
            if target.user_id not in target.territory_id.user_ids:
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a salesperson of the territory %(territory)s: "
                        "add them to the territory first.",
                        user=target.user_id.name,
                        territory=target.territory_id.name,
                    )
                )

    @api.constrains("territory_id", "user_id", "date_from", "date_to")
    def _check_unique_period(self):
        self.flush_model(["territory_id", "user_id", "date_from", "date_to"])
        self.env.cr.execute(
            """
            SELECT t.id
              FROM kam_sales_target t
              JOIN kam_sales_target o
                ON o.id != t.id
               AND o.territory_id = t.territory_id
               AND o.user_id IS NOT DISTINCT FROM t.user_id
               AND o.date_from = t.date_from
               AND o.date_to = t.date_to
             WHERE t.id IN %s
             LIMIT 1
            """,
            [tuple(self.ids)],
        )
        row = self.env.cr.fetchone()
        if row:
            target = self.browse(row[0])
            raise ValidationError(
                self.env._(
                    "%(target)s already has a target for this period: edit that one "
                    "instead.",
                    target=target.user_id.name or target.territory_id.name,
                )
            )

    @api.onchange("period_type", "date_from")
    def _onchange_period_type(self):
        granularity = PERIOD_GRANULARITY.get(self.period_type)
        if granularity and self.date_from:
            self.date_from = date_utils.start_of(self.date_from, granularity)
