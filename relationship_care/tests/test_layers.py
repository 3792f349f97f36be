# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, tagged

# The layers: key_account_management <- relationship_care <- showcase_program.
# A lower layer names nothing of an upper one (the same check as the README's grep).
UPPER_NAMES = {
    "key_account_management": re.compile(
        r"relationship_care|showcase_program|\b(rc|sc)[._][a-z]"
    ),
    "relationship_care": re.compile(r"showcase|\bsc[._][a-z]", re.IGNORECASE),
}
SOURCES = ("*.py", "*.xml", "*.js", "*.csv")
# migrations may clean up what an older version shipped for an upper layer
SKIPPED_DIRS = {"migrations", "i18n"}


@tagged("post_install", "-at_install")
class TestLayers(BaseCase):
    def test_lower_layers_name_nothing_of_upper_ones(self):
        this_file = Path(__file__).resolve()
        found = []
        for module, pattern in UPPER_NAMES.items():
            root = Path(get_module_path(module))
            for glob in SOURCES:
                for path in root.rglob(glob):
                    if path.resolve() == this_file or SKIPPED_DIRS & set(
                        path.relative_to(root).parts
                    ):
                        continue
                    for number, line in enumerate(path.read_text().splitlines(), 1):
                        if pattern.search(line):
                            found.append(f"{path.relative_to(root.parent)}:{number}")
        self.assertFalse(found, "A lower layer names an upper one")
