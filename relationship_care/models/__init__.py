# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import rc_decision_role
from . import rc_care_holiday
from . import rc_care_policy
from . import rc_care_policy_job
from . import rc_care_occasion
from . import rc_care_profile
from . import rc_care_compliance
from . import rc_interaction
from . import rc_gift
from . import res_company
from . import res_config_settings
from . import res_users
from . import res_partner
from . import calendar_event
from . import tier_definition
from . import helpdesk_sla
from . import helpdesk_ticket_team
from . import helpdesk_ticket_sla
from . import helpdesk_ticket
from . import mail_activity
