from . import test_lifecycle
from . import test_agreement
from . import test_site_visit
from . import test_marketing
from . import test_security
from . import test_annual_plan
from . import test_reports
from . import test_views
