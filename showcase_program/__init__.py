from . import models
from . import wizard
from .demo_hooks import post_init_hook
