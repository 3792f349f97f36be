# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_care_job
from . import test_care_bad_input
from . import test_lunar_holidays
from . import test_gift
from . import test_vip_channel
from . import test_security
from . import test_ui
from . import test_trust
from . import test_layers
from . import test_care_rising_stars
from . import test_review_club
from . import test_care_budget
from . import test_care_cadence
from . import test_care_budget_spent
from . import test_satisfaction_criterion
from . import test_care_cadence_moves
