from . import sc_showcase_reject_wizard
