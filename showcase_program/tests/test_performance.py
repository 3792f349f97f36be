# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ShowcaseCommon

LIST_SPEC = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "level": {},
    "industry_id": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "stage_id": {"fields": {"display_name": {}}},
    "review_state": {},
    "completeness": {},
    "company_id": {"fields": {"display_name": {}}},
    "active": {},
}
KANBAN_SPEC = dict(
    LIST_SPEC,
    color={},
    priority={},
    activity_ids={"fields": {"display_name": {}}},
    activity_state={},
)


@tagged("post_install", "-at_install")
class TestPerformance(ShowcaseCommon):
    def _queries(self, count, spec):
        accounts = self.env["res.partner"].create(
            [
                {"name": f"Perf account {count} {i}", "is_company": True}
                for i in range(count)
            ]
        )
        showcases = self.env["sc.showcase"].create(
            [
                {
                    "name": f"Perf {count} {i}",
                    "partner_id": account.id,
                    "level": "city",
                    "team_id": self.team_a.id,
                }
                for i, account in enumerate(accounts)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        Showcase = self.env["sc.showcase"].with_user(self.manager)
        start = self.env.cr.sql_log_count
        result = Showcase.web_search_read([("id", "in", showcases.ids)], spec)
        self.assertEqual(result["length"], count)
        return self.env.cr.sql_log_count - start

    def test_list_and_kanban_queries_do_not_grow_per_row(self):
        # Counts one web_search_read of the showcase list and kanban as a manager (search
        # with the record rules, count, the stored columns, the computed completeness and
        # activity columns, the display names of the many2one columns): 5 rows and 40 rows
        # cost the same, whatever that number is.
        for spec in (LIST_SPEC, KANBAN_SPEC):
            self._queries(2, spec)  # warm the rule and view caches
            small = self._queries(5, spec)
            large = self._queries(40, spec)
            self.assertEqual(small, large)
