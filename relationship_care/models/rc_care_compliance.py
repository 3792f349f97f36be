# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class RcCareCompliance(models.Model):
    """Done vs required per frequency policy, account and period; kept by the care job."""

    _name = "rc.care.compliance"
    _description = "Care Compliance"
    _order = "period_start desc, rate, id"
    _rec_name = "partner_id"

    policy_id = fields.Many2one("rc.care.policy", required=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Account", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", index=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    required = fields.Integer(aggregator="sum")
    done = fields.Integer(aggregator="sum")
    rate = fields.Float(string="Compliance (%)", digits=(16, 1), aggregator="avg")
    kam_manager_id = fields.Many2one(related="partner_id.kam_manager_id")
    action_type = fields.Selection(
        related="policy_id.action_type", store=True, string="Action"
    )
    # Snapshots of the account's funnel position while the line's period is current:
    # the visit cadence report reads compliance by stage and potential sub-level.
    stage_id = fields.Many2one(
        "kam.account.stage",
        string="Lifecycle Stage",
        ondelete="set null",
        index="btree_not_null",
    )
    potential_level_id = fields.Many2one(
        "kam.potential.level",
        string="Potential Sub-Level",
        ondelete="set null",
        index="btree_not_null",
    )
    # False when the account left the policy's accounts (stage, sub-level or filter)
    # during the line's period: the line still shows what was required while it was
    # there, but no longer counts in the account's rate.
    in_scope = fields.Boolean(
        default=True,
        readonly=True,
        help="The policy targets the account now (or did at the end of the period). "
        "Lines out of scope do not count in the account's care compliance.",
    )

    _sql_constraints = [
        (
            "period_unique",
            "UNIQUE (policy_id, partner_id, period_start)",
            "One compliance line per policy, account and period.",
        ),
    ]

    @api.model
    def _update_for_policies(self, policies, today):
        """Upsert done vs required of the current period per frequency policy and account
        (the care job calls it after its occasions), then the accounts' stored rate.

        Set-based: per policy one search of its accounts (with their stage and potential
        sub-level), one grouped count of their qualifying interactions, one INSERT ...
        ON CONFLICT that rewrites only the lines whose counts or account's stage or
        sub-level changed (or that come back in scope), and one UPDATE that puts out of
        scope the current lines of the accounts the policy no longer targets; then one
        UPDATE of the accounts whose rate changed. A second run with nothing new writes
        nothing.
        """
        for policy in policies.sudo().filtered(
            lambda p: p.occasion_type == "frequency"
        ):
            accounts = self.env["res.partner"].search_fetch(
                policy._care_accounts_domain(),
                ["kam_stage_id", "kam_potential_level_id"],
            )
            start, end = policy._care_period(today)
            self.flush_model()
            # The accounts that left the policy during the period: their line stays (the
            # report shows what was required while they were there), out of scope. So
            # does a line of the period the policy had before its period was changed.
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE rc_care_compliance
                       SET in_scope = FALSE, write_uid = %(uid)s,
                           write_date = NOW() AT TIME ZONE 'UTC'
                     WHERE policy_id = %(policy)s AND in_scope IS NOT FALSE
                       AND period_start <= %(today)s AND period_end >= %(today)s
                       AND (period_start != %(start)s
                            OR partner_id != ALL(%(partners)s::int[]))
                    """,
                    policy=policy.id,
                    today=today,
                    start=start,
                    uid=self.env.uid,
                    partners=accounts.ids,
                )
            )
            if not accounts:
                continue
            done = dict(
                self.env["rc.interaction"]
                .sudo()
                ._read_group(
                    policy._care_qualifying_domain()
                    + [
                        ("account_id", "in", accounts.ids),
                        ("date", ">=", start),
                        ("date", "<", end),
                    ],
                    ["account_id"],
                    ["__count"],
                )
            )
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO rc_care_compliance (policy_id, partner_id, company_id,
                           period_start, period_end, required, done, rate, action_type,
                           stage_id, potential_level_id, in_scope, create_uid,
                           write_uid, create_date, write_date)
                    SELECT %(policy)s, a.partner_id, %(company)s, %(start)s, %(end)s,
                           %(required)s, a.done,
                           LEAST(100.0, a.done * 100.0 / %(required)s), %(action)s,
                           a.stage_id, a.level_id, TRUE, %(uid)s, %(uid)s,
                           NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                      FROM unnest(%(partners)s::int[], %(done)s::int[], %(stages)s::int[],
                                  %(levels)s::int[])
                           AS a(partner_id, done, stage_id, level_id)
                    ON CONFLICT (policy_id, partner_id, period_start) DO UPDATE
                       SET done = EXCLUDED.done, required = EXCLUDED.required,
                           period_end = EXCLUDED.period_end,
                           rate = EXCLUDED.rate, action_type = EXCLUDED.action_type,
                           stage_id = EXCLUDED.stage_id,
                           potential_level_id = EXCLUDED.potential_level_id,
                           in_scope = TRUE, write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                     WHERE rc_care_compliance.in_scope IS NOT TRUE
                        OR rc_care_compliance.done IS DISTINCT FROM EXCLUDED.done
                        OR rc_care_compliance.required IS DISTINCT FROM EXCLUDED.required
                        OR rc_care_compliance.period_end <> EXCLUDED.period_end
                        OR rc_care_compliance.stage_id IS DISTINCT FROM EXCLUDED.stage_id
                        OR rc_care_compliance.potential_level_id
                           IS DISTINCT FROM EXCLUDED.potential_level_id
                    """,
                    policy=policy.id,
                    action=policy.action_type,
                    stages=[account.kam_stage_id.id or None for account in accounts],
                    levels=[
                        account.kam_potential_level_id.id or None
                        for account in accounts
                    ],
                    company=policy.company_id.id,
                    start=start,
                    end=end - timedelta(days=1),
                    required=policy.frequency,
                    uid=self.env.uid,
                    partners=accounts.ids,
                    done=[done.get(account, 0) for account in accounts],
                )
            )
        self.invalidate_model()
        # The account's rate of the current period, over the lines in scope, stored for
        # lists, filters and forms. An account without such lines (it left every policy,
        # or only out-of-scope lines remain) has no rate, as one never targeted.
        self.env["res.partner"].flush_model(["rc_care_compliance"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p SET rc_care_compliance = c.rate
                  FROM (SELECT COALESCE(l.partner_id, r.id) AS partner_id, l.rate
                          FROM (SELECT partner_id, ROUND(AVG(rate)::numeric, 1) AS rate
                                  FROM rc_care_compliance
                                 WHERE in_scope
                                   AND period_start <= %(today)s
                                   AND period_end >= %(today)s
                                 GROUP BY partner_id) l
                          FULL JOIN (SELECT id FROM res_partner
                                      WHERE rc_care_compliance IS NOT NULL) r
                                 ON r.id = l.partner_id) c
                 WHERE p.id = c.partner_id
                   AND p.rc_care_compliance IS DISTINCT FROM c.rate
                """,
                today=today,
            )
        )
        self.env["res.partner"].invalidate_model(["rc_care_compliance"])
