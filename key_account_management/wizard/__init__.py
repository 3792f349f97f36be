from . import kam_account_plan_return_wizard
