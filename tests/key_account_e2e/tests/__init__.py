from . import test_tours
from . import test_tours_zh_tw
from . import test_translations
from . import test_account_journey
from . import test_showcase_journey
from . import test_permission_matrix
from . import test_rpc_attacks
from . import test_demo_story
