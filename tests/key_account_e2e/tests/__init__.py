from . import test_tours
from . import test_account_journey
from . import test_showcase_journey
