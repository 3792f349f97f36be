# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from lunardate import LunarDate

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

PERIOD_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
PERIOD_DAYS = {"week": 7, "month": 30, "quarter": 91, "half_year": 182, "year": 365}
SENIORITY = [
    ("account_manager", "Account Manager"),
    ("branch_gm", "Branch General Manager"),
    ("executive", "Company Executive"),
]
SENIORITY_RANK = {code: rank for rank, (code, _label) in enumerate(SENIORITY)}
ACTION_INTERACTION = {
    "visit": "visit",
    "phone_visit": "call",
    "greeting": "greeting",
    "gift": "gift",
    "social_event": "event",
    "magazine": "publication",
}
LUNAR_OFFSET = 10000
RESPONSIBLE_FIELDS = {
    "kam_manager": "kam_manager_id",
    "executive_sponsor": "kam_executive_sponsor_id",
    "sales_manager": "kam_sales_manager_id",
}


def birthday_key(birthdate, lunar=False):
    """Day key of a birthday: MMDD of the solar date, or 10000 + MMDD of the lunar date."""
    if not birthdate:
        return 0
    if lunar:
        lunar_date = LunarDate.from_solar_date(
            birthdate.year, birthdate.month, birthdate.day
        )
        return LUNAR_OFFSET + lunar_date.month * 100 + lunar_date.day
    return birthdate.month * 100 + birthdate.day


def birthday_keys_by_date(start, end):
    """Return {birthday key: date} of every solar and lunar birthday falling in [start, end].

    Feb 29 birthdays are kept on Feb 28 in common years; a lunar day 30 in a month of 29
    days is kept on day 29; dates in a lunar leap month carry no birthday (people born in
    a month celebrate in its regular month).
    """
    keys = {}
    day = start
    while day <= end:
        keys.setdefault(day.month * 100 + day.day, day)
        if day.month == 2 and day.day == 28 and not _is_leap(day.year):
            keys.setdefault(229, day)
        lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
        if not lunar.is_leap_month:
            keys.setdefault(LUNAR_OFFSET + lunar.month * 100 + lunar.day, day)
            if lunar.day == 29:
                following = day + timedelta(days=1)
                if (
                    LunarDate.from_solar_date(
                        following.year, following.month, following.day
                    ).day
                    == 1
                ):
                    # A month of 29 days: birthdays on day 30 are kept on day 29.
                    keys.setdefault(LUNAR_OFFSET + lunar.month * 100 + 30, day)
        day += timedelta(days=1)
    return keys


def care_period_days(period):
    """Nominal length of a period in days (the gap of a frequency policy is this / K)."""
    return PERIOD_DAYS.get(period, PERIOD_DAYS["year"])


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class RcCarePolicy(models.Model):
    _name = "rc.care.policy"
    _description = "Care Policy"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    description = fields.Text(translate=True)
    occasion_type = fields.Selection(
        [
            ("birthday", "Birthday"),
            ("holiday", "Public Holiday"),
            ("frequency", "At Least K Times per Period"),
        ],
        required=True,
        default="frequency",
        tracking=True,
        help="Birthday and holiday policies care for people (one activity per person); "
        "frequency policies care for accounts (one activity when the last qualifying "
        "interaction is older than the period divided by K).",
    )
    action_type = fields.Selection(
        [
            ("visit", "On-site Visit"),
            ("phone_visit", "Phone Visit"),
            ("greeting", "Greeting"),
            ("gift", "Gift"),
            ("social_event", "Social Event"),
            ("magazine", "Management Publication"),
        ],
        required=True,
        default="visit",
        tracking=True,
    )
    visit_seniority = fields.Selection(
        SENIORITY,
        string="Visit By",
        default="account_manager",
        help="Minimum seniority of our participants for an on-site visit to count "
        "(phone visits count whoever calls).",
    )
    account_domain = fields.Char(
        string="Accounts",
        default="[('kam_tier', '=', 'key')]",
        required=True,
        help="Which accounts (companies) this policy cares for.",
    )
    stage_ids = fields.Many2many(
        "kam.account.stage",
        string="Lifecycle Stages",
        help="Only accounts in these stages of the funnel (and matching the account "
        "filter). Empty: every stage.",
    )
    potential_level_ids = fields.Many2many(
        "kam.potential.level",
        string="Potential Sub-Levels",
        help="Only accounts of these potential sub-levels (and matching the account "
        "filter). Empty: whatever the sub-level.",
    )
    decision_role_ids = fields.Many2many(
        "rc.decision.role",
        string="Decision Roles",
        help="People targeted by birthday and holiday policies. Empty: every key person "
        "of the targeted accounts.",
    )
    include_rising_stars = fields.Boolean(
        string="Rising Stars Too",
        help="Birthday and holiday policies also care for the rising stars of the "
        "targeted accounts, whatever their decision role.",
    )
    responsible_role = fields.Selection(
        [
            ("kam_manager", "Key Account Manager"),
            ("executive_sponsor", "Executive Sponsor"),
            ("sales_manager", "Sales Manager"),
            ("team_member", "Further Team Member"),
        ],
        required=True,
        default="kam_manager",
        help="Who on the account team gets the activity. Falls back to the key account "
        "manager when the role is empty on an account, then to the salesperson who "
        "claimed it.",
    )
    member_role = fields.Selection(
        [
            ("technical_support", "Technical Support"),
            ("after_sales", "After-Sales Service"),
            ("marketing", "Marketing"),
            ("sales", "Sales"),
            ("other", "Other"),
        ],
        string="Team Member Role",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        default=lambda self: self.env.ref("mail.mail_activity_data_todo", False),
        ondelete="restrict",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Greeting Template",
        domain=[("model", "=", "res.partner")],
        ondelete="set null",
    )
    send_email = fields.Boolean(
        string="Send Greeting Automatically",
        help="Send the greeting template to the person when the occasion is found.",
    )
    frequency = fields.Integer(
        string="At Least (times)", default=1, help="K: the minimum per period."
    )
    period = fields.Selection(
        [
            ("week", "Week"),
            ("month", "Month"),
            ("quarter", "Quarter"),
            ("half_year", "Half-Year"),
            ("year", "Year"),
        ],
        default="year",
        required=True,
    )
    lead_days = fields.Integer(
        string="Lead Time (days)",
        default=7,
        help="How many days before the occasion the activity is created.",
    )
    holiday_ids = fields.Many2many("rc.care.holiday", string="Holidays")
    occasion_ids = fields.One2many("rc.care.occasion", "policy_id", string="Occasions")
    occasion_count = fields.Integer(compute="_compute_occasion_count")

    def _compute_occasion_count(self):
        counts = dict(
            self.env["rc.care.occasion"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.occasion_count = counts.get(policy, 0)

    @api.constrains("account_domain")
    def _check_account_domain(self):
        for policy in self:
            error = policy._care_domain_error()
            if error:
                raise ValidationError(error)

    def _care_domain_error(self):
        """The translated reason why the account filter does not work, or False.

        The filter is evaluated and searched once, in a savepoint: a filter naming a field
        that does not exist (any more) or comparing with a value of the wrong type fails
        here rather than in the care job.
        """
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                domain = safe_eval(self.account_domain or "[]")
                if not isinstance(domain, list | tuple):
                    raise ValueError(self.env._("a filter is a list of conditions"))
                self.env["res.partner"].sudo().search_count(domain, limit=1)
        except Exception as error:  # noqa: BLE001 - any failure makes the filter unusable
            return self.env._(
                "The account filter of %(policy)s is not valid: %(error)s",
                policy=self.name,
                error=error,
            )
        return False

    def _care_valid_policies(self, raise_if_invalid=False):
        """These policies less those whose account filter does not work, each logged;
        with ``raise_if_invalid`` the first such filter is a UserError instead."""
        invalid = self.browse()
        for policy in self:
            error = policy._care_domain_error()
            if not error:
                continue
            if raise_if_invalid:
                raise UserError(error)
            _logger.warning(
                "Care job: policy %s (id %s) skipped. %s", policy.name, policy.id, error
            )
            invalid |= policy
        return self - invalid

    @api.constrains(
        "occasion_type",
        "holiday_ids",
        "responsible_role",
        "member_role",
        "frequency",
        "period",
        "lead_days",
    )
    def _check_configuration(self):
        for policy in self:
            if policy.frequency < 1:
                raise ValidationError(
                    self.env._(
                        "The policy %(policy)s asks for at least one action per period.",
                        policy=policy.name,
                    )
                )
            if not 0 <= policy.lead_days <= 366:
                raise ValidationError(
                    self.env._("The lead time is between 0 and 366 days.")
                )
            if policy.occasion_type == "frequency":
                policy._check_cadence()
            if policy.occasion_type == "holiday" and not policy.holiday_ids:
                raise ValidationError(
                    self.env._(
                        "The holiday policy %(policy)s needs holidays.",
                        policy=policy.name,
                    )
                )
            if policy.responsible_role == "team_member" and not policy.member_role:
                raise ValidationError(
                    self.env._(
                        "The policy %(policy)s gives the activity to a further team member: "
                        "choose the member's role.",
                        policy=policy.name,
                    )
                )

    def _check_cadence(self):
        """A frequency policy plans at most one action a day, and its reminder comes
        after the last action: a lead time as long as the gap between two actions
        would make the next one due as soon as the last one is logged."""
        self.ensure_one()
        period_days = care_period_days(self.period)
        if self.frequency > period_days:
            raise ValidationError(
                self.env._(
                    "The policy %(policy)s asks for %(count)s actions per period: at "
                    "most %(max)s, one a day.",
                    policy=self.name,
                    count=self.frequency,
                    max=period_days,
                )
            )
        gap = self._care_gap_days()
        if self.lead_days >= gap:
            raise ValidationError(
                self.env._(
                    "The lead time of the policy %(policy)s (%(lead)s days) must be "
                    "shorter than the time between two actions (%(gap)s days).",
                    policy=self.name,
                    lead=self.lead_days,
                    gap=gap,
                )
            )

    def _care_gap_days(self):
        """Days between two actions of a frequency policy: the period divided by K."""
        self.ensure_one()
        return max(1, round(care_period_days(self.period) / max(self.frequency, 1)))

    @api.onchange("occasion_type", "frequency", "period")
    def _onchange_cadence_lead_days(self):
        # Suggest a lead time that fits a short cadence (e.g. weekly) rather than
        # letting the default of 7 days fail on save.
        if self.occasion_type == "frequency" and self.frequency >= 1:
            gap = self._care_gap_days()
            if self.lead_days >= gap:
                self.lead_days = max(0, gap // 4)

    def action_view_occasions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relationship_care.rc_care_occasion_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_run_now(self):
        """Run the care job for these policies now (the button of the policy form).

        The job works as the system (it reads every account and sends greetings), so the
        method checks the group itself: the button's groups do not protect an RPC call.
        """
        if not self.env.su and not self.env.user.has_group(
            "key_account_management.group_kam_manager"
        ):
            raise AccessError(
                self.env._("Only Key Accounts managers run the care job by hand.")
            )
        # A filter that stopped working is the user's to fix: say so, do not skip it.
        self.sudo()._care_valid_policies(raise_if_invalid=True)
        # Inside a web request: one transaction, no intermediate commits.
        self.env["rc.care.policy"]._cron_run_care(policies=self, commit=False)
        return True
