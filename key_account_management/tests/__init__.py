from . import test_tier
from . import test_lifecycle
from . import test_claim
from . import test_security
from . import test_performance
