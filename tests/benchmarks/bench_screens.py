# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The salesperson's key-account screens at 100,000 companies (--scale 1.0).

As "Bench Wang" (salesperson, record rules on, 200 own key accounts), with the action
Key Accounts > Accounts, its domain and its default filter "My Accounts", the calls the
web client makes:

- list: web_search_read with the fields of the list view, limit 80 (and 20: the query
  count must not depend on the page size);
- kanban: web_read_group by stage (the view's default grouping), read_progress_bar, and
  a web_search_read of 40 cards per column;
- form: web_read of one account with the fields of the form view.

Each screen is read twice and the second (warm) read is reported; the first is in the
notes. No floors: the targets are absolute (list and kanban 0.5 s, form 0.2 s).
"""

from bench_base import users
from bench_common import measure as timed
from bench_common import row
from lxml import etree

ACTION = "key_account_management.res_partner_action_kam"


def seed(env, scale):
    """Nothing of its own: the base seed gives Bench Wang 200 accounts."""


def _spec(arch, models, model):
    """The web client's specification of the fields a view shows."""
    spec = {}
    fields_info = (
        models[model]["fields"] if "fields" in models[model] else models[model]
    )
    for node in etree.fromstring(arch).iter("field"):
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        field = fields_info.get(name)
        if not field:
            continue
        if field["type"] == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field["type"] in ("one2many", "many2many"):
            sub = {}
            for child in node.iter("field"):
                if child is not node and child.getparent() is not None:
                    sub[child.get("name")] = {}
            spec[name] = {"fields": sub or {"display_name": {}}, "limit": 40}
        else:
            spec[name] = {}
    return spec


def _views(Partner, action):
    result = Partner.get_views(
        [
            (vid, mode)
            for vid, mode in action.views
            if mode in ("list", "kanban", "form")
        ]
    )
    models = result["models"]
    return {
        mode: _spec(view["arch"], models, "res.partner")
        for mode, view in result["views"].items()
    }


def _twice(env, work):
    with timed(env) as cold:
        work()
    with timed(env) as warm:
        result = work()
    return cold, warm, result


def measure(env, scale):
    wang = users(env)[:1]
    action = env.ref(ACTION)
    context = dict(env.context, lang=wang.lang, tz="Asia/Shanghai")
    context.update(
        {"default_is_company": True, "search_default_my_accounts": 1, "uid": wang.id}
    )
    Partner = env(user=wang, context=context)["res.partner"]
    specs = _views(Partner, action)
    domain = [("is_company", "=", True), ("kam_stage_id", "!=", False)]
    domain += [("kam_team_user_ids", "in", wang.id)]  # the filter "My Accounts"
    rows = []
    list_queries = {}
    for limit in (20, 80):
        cold, warm, result = _twice(
            env,
            lambda limit=limit: Partner.web_search_read(
                domain, specs["list"], limit=limit, count_limit=10001
            ),
        )
        list_queries[limit] = warm.queries
        if limit == 80:
            rows.append(
                row(
                    "screen: key-account list (80 rows)",
                    warm,
                    notes=f"{result['length']} own accounts; first read "
                    f"{cold.seconds:.3f} s; queries at limit 20: {list_queries[20]}, "
                    f"at 80: {warm.queries}",
                )
            )

    def kanban():
        groups = Partner.web_read_group(
            domain, ["kam_stage_id"], ["kam_stage_id"], lazy=True
        )
        Partner.read_progress_bar(
            domain,
            "kam_stage_id",
            {
                "field": "kam_tier",
                "colors": {"key": "success", "regular": "info"},
            },
        )
        cards = 0
        for group in groups["groups"]:
            if not group["kam_stage_id_count"]:
                continue
            result = Partner.web_search_read(
                group["__domain"], specs["kanban"], limit=40
            )
            cards += len(result["records"])
        return len(groups["groups"]), cards

    cold, warm, (columns, cards) = _twice(env, kanban)
    rows.append(
        row(
            "screen: key-account kanban (by stage)",
            warm,
            notes=f"{columns} columns, {cards} cards; first read {cold.seconds:.3f} s",
        )
    )
    account = Partner.search(domain, limit=1)
    cold, warm, _result = _twice(env, lambda: account.web_read(specs["form"]))
    rows.append(
        row(
            "screen: key-account form",
            warm,
            notes=f"{len(specs['form'])} fields; first read {cold.seconds:.3f} s",
        )
    )
    return rows
