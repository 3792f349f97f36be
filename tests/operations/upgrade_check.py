# Copyright 2026 Key Account Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Snapshot a database before an upgrade and check nothing was lost after it.

    python upgrade_check.py snapshot DB OUT.json
    python upgrade_check.py compare DB BEFORE.json

Plain SQL (psycopg2), no Odoo: the same tool reads the old and the new schema.

What a snapshot holds, read generically from ``ir_model`` / ``ir_model_fields``:

- the row count of every stored model (the product's and Odoo's);
- for every stored field the product's addons define (their own models and the fields
  they add to others, e.g. ``res_partner.kam_*``): how many rows carry a value, and for
  many2many fields how many links;
- a fingerprint (md5 of each row) of the audit trails, the stage and attitude histories
  and claims, which no upgrade may rewrite;
- the birthday of every key person (or person with a care profile), wherever the old
  version kept it (OCA's shared ``res_partner.birthdate_date`` or the care profile).

``compare`` fails (exit 1) on: fewer rows of a model of the product or of the business
models it builds on; a field of the product that held values and is gone, or holds fewer;
an audit-trail row changed or missing; a key person's birthday lost, changed, or still
in the shared column that every employee reads.
"""
# A command-line tool, not an addon: it prints, and builds SQL from table and column
# names read from the catalog (never from user input).
# pylint: disable=print-used,sql-injection

import hashlib
import json
import sys

import psycopg2

PRODUCT = ("key_account_management", "relationship_care", "showcase_program")
# Business models of Odoo and OCA the product writes into: no row may disappear either.
BUSINESS = (
    "res.partner",
    "res.users",
    "crm.lead",
    "calendar.event",
    "mail.activity",
    "mail.message",
    "helpdesk.ticket",
    "helpdesk.ticket.sla",
    "event.event",
    "tier.review",
)
# Append-only trails: every row must come through the upgrade unchanged.
TRAILS = (
    "kam.stage.history",
    "kam.attitude.history",
    "kam.claim",
    "sc.showcase.stage.history",
    "rc.care.occasion",
)
# Columns an upgrade may legitimately touch on a trail row.
TRAIL_VOLATILE = {"write_date", "write_uid", "create_date"}
# Stored fields of the product that an upgrade replaces by another stored field:
# "model.field" -> ("model.field" that must hold at least as many values, why).
EXPECTED_CHANGES = {
    "res.partner.kam_warning_summary": (
        "res.partner.kam_warning_signals",
        "the warning text is now put into words from the stored signal codes",
    ),
}


def connect(db):
    return psycopg2.connect(dbname=db)


# Columns every model has: the row counts already cover them.
MAGIC = ("id", "create_uid", "create_date", "write_uid", "write_date")


def table_exists(cr, table):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", (f'public."{table}"',))
    return cr.fetchone()[0]


def is_view(cr, table):
    """SQL views (reports) hold no data of their own."""
    cr.execute(
        "SELECT relkind IN ('v', 'm') FROM pg_class WHERE oid = to_regclass(%s)",
        (f'public."{table}"',),
    )
    row = cr.fetchone()
    return bool(row and row[0])


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s",
        (table,),
    )
    return {row[0] for row in cr.fetchall()}


def stored_models(cr):
    """{model: (table, [modules])} of the non-transient models with a table."""
    cr.execute(
        """
        SELECT m.model, array_remove(array_agg(DISTINCT d.module), NULL)
          FROM ir_model m
          LEFT JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
         WHERE NOT m.transient
         GROUP BY m.model
        """
    )
    result = {}
    for model, modules in cr.fetchall():
        table = model.replace(".", "_")
        if table_exists(cr, table) and not is_view(cr, table):
            result[model] = (table, sorted(modules))
    return result


def product_fields(cr):
    """[(model, name, ttype, relation_table, column1)] the product's addons define."""
    cr.execute(
        """
        SELECT DISTINCT f.model, f.name, f.ttype, f.relation_table, f.column1
          FROM ir_model_fields f
          JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
         WHERE d.module IN %s AND f.store
           AND f.ttype NOT IN ('one2many') AND f.name NOT IN %s
        """,
        (PRODUCT, MAGIC),
    )
    return [row for row in cr.fetchall() if not is_view(cr, row[0].replace(".", "_"))]


def field_exists(cr, model, name):
    cr.execute(
        "SELECT store FROM ir_model_fields WHERE model = %s AND name = %s",
        (model, name),
    )
    row = cr.fetchone()
    return bool(row and row[0])


def field_count(cr, model, name, ttype, relation_table, column1):
    """Rows holding a value (many2many: links); None when there is no storage."""
    if ttype == "many2many":
        if not relation_table or not table_exists(cr, relation_table):
            return None
        cr.execute(f'SELECT count(*) FROM "{relation_table}"')
        return cr.fetchone()[0]
    table = model.replace(".", "_")
    if not table_exists(cr, table) or name not in columns(cr, table):
        return None
    if ttype == "boolean":
        cr.execute(f'SELECT count(*) FROM "{table}" WHERE "{name}"')
    else:
        cr.execute(f'SELECT count("{name}") FROM "{table}"')
    return cr.fetchone()[0]


def trail_rows(cr, model, keep=None):
    """{id: md5 of the row's columns} and the columns used."""
    table = model.replace(".", "_")
    if not table_exists(cr, table):
        return {}, []
    cols = sorted(columns(cr, table) - TRAIL_VOLATILE)
    if keep is not None:
        cols = [c for c in cols if c in keep]
    select = ", ".join(f'"{c}"::text' for c in cols)
    cr.execute(f'SELECT id, {select} FROM "{table}" ORDER BY 1')
    return {
        row[0]: hashlib.md5(repr(row[1:]).encode()).hexdigest() for row in cr.fetchall()
    }, cols


def key_person_birthdays(cr):
    """{partner id: birthdate} of key persons and people with a care profile."""
    found = {}
    if "birthdate_date" in columns(cr, "res_partner"):
        has_profile = table_exists(cr, "rc_care_profile")
        cr.execute(
            f"""
            SELECT p.id, p.birthdate_date::text FROM res_partner p
             WHERE p.birthdate_date IS NOT NULL AND NOT p.is_company
               AND (p.kam_is_key_person
                    {"OR EXISTS (SELECT 1 FROM rc_care_profile c WHERE c.partner_id = p.id)"
                     if has_profile else ""})
            """
        )
        found.update(cr.fetchall())
    if table_exists(cr, "rc_care_profile") and "birthdate" in columns(
        cr, "rc_care_profile"
    ):
        cr.execute(
            "SELECT partner_id, birthdate::text FROM rc_care_profile "
            "WHERE birthdate IS NOT NULL"
        )
        found.update(cr.fetchall())
    return found


def snapshot(db):
    with connect(db) as cnx, cnx.cursor() as cr:
        models = stored_models(cr)
        counts = {}
        for model, (table, modules) in sorted(models.items()):
            cr.execute(f'SELECT count(*) FROM "{table}"')
            counts[model] = {"rows": cr.fetchone()[0], "modules": modules}
        fields = {}
        for model, name, ttype, rel, col1 in product_fields(cr):
            fields[f"{model}.{name}"] = {
                "model": model,
                "name": name,
                "ttype": ttype,
                "relation_table": rel,
                "column1": col1,
                "count": field_count(cr, model, name, ttype, rel, col1),
            }
        trails = {}
        for model in TRAILS:
            rows, cols = trail_rows(cr, model)
            trails[model] = {"columns": cols, "rows": rows}
        cr.execute(
            "SELECT latest_version FROM ir_module_module WHERE name IN %s", (PRODUCT,)
        )
        return {
            "database": db,
            "versions": sorted(row[0] or "" for row in cr.fetchall()),
            "models": counts,
            "fields": fields,
            "trails": trails,
            "birthdays": {str(k): v for k, v in key_person_birthdays(cr).items()},
        }


def compare_models(before, after, problems, notes):
    """Fewer rows of a watched model is a loss; of another model, a note."""
    for model, info in sorted(before["models"].items()):
        watched = model in BUSINESS or set(info["modules"]) & set(PRODUCT)
        now = after["models"].get(model)
        if now is None:
            if info["rows"] and watched:
                problems.append(
                    f"model {model}: {info['rows']} rows before, the model is gone"
                )
            continue
        if now["rows"] < info["rows"]:
            line = f"model {model}: {info['rows']} rows before, {now['rows']} after"
            (problems if watched else notes).append(line)


def compare_fields(cr, before, problems, notes):
    """A field of the product that held values must still hold as many."""
    for key, info in sorted(before["fields"].items()):
        if not info["count"]:
            continue
        if key in EXPECTED_CHANGES and not field_exists(
            cr, info["model"], info["name"]
        ):
            replacement, why = EXPECTED_CHANGES[key]
            model, name = replacement.rsplit(".", 1)
            count = field_count(cr, model, name, "json", None, None)
            line = (
                f"field {key}: {info['count']} values before, {count} in {replacement}"
                f" after ({why})"
            )
            (notes if count and count >= info["count"] else problems).append(line)
            continue
        if not field_exists(cr, info["model"], info["name"]):
            problems.append(
                f"field {key}: held {info['count']} values, the field is gone "
                "(a migration must move them)"
            )
            continue
        args = (info["ttype"], info["relation_table"], info["column1"])
        count = field_count(cr, info["model"], info["name"], *args)
        if count is None or count < info["count"]:
            problems.append(
                f"field {key}: {info['count']} values before, {count} after"
            )


def compare_trails(cr, before, problems, notes):
    """The same trail rows, unchanged, on the columns both versions have."""
    for model, info in sorted(before["trails"].items()):
        if not info["rows"]:
            continue
        now, cols = trail_rows(cr, model, keep=set(info["columns"]))
        if cols != info["columns"]:
            # Columns dropped since: fingerprint the old rows on the common ones.
            notes.append(f"trail {model}: compared on {len(cols)} common columns")
            with connect(before["database"]) as old, old.cursor() as ocr:
                old_rows, _ = trail_rows(ocr, model, keep=set(cols))
        else:
            old_rows = {int(k): v for k, v in info["rows"].items()}
        missing = [i for i in old_rows if i not in now]
        changed = [i for i in old_rows if i in now and now[i] != old_rows[i]]
        if missing:
            problems.append(
                f"trail {model}: {len(missing)} rows missing (ids {missing[:10]})"
            )
        if changed:
            problems.append(
                f"trail {model}: {len(changed)} rows changed (ids {changed[:10]})"
            )


def compare_birthdays(cr, before, after, problems, notes):
    """Every key person's birthday, now in the care profile only."""
    people = [int(k) for k in before["birthdays"]]
    lost = {
        k: v for k, v in before["birthdays"].items() if after["birthdays"].get(k) != v
    }
    if lost:
        problems.append(
            f"birthdays: {len(lost)} key persons lost or changed their birthday "
            f"(partners {sorted(lost)[:10]})"
        )
    cr.execute(
        "SELECT id FROM res_partner WHERE birthdate_date IS NOT NULL AND id = ANY(%s)",
        (people,),
    )
    still_shared = [row[0] for row in cr.fetchall()]
    if still_shared:
        problems.append(
            f"birthdays: {len(still_shared)} key persons' birthdays still in the "
            f"shared res_partner.birthdate_date (partners {still_shared[:10]})"
        )
    cr.execute(
        "SELECT count(*) FROM rc_care_profile WHERE birthdate IS NOT NULL"
        " AND partner_id = ANY(%s)",
        (people,),
    )
    notes.append(
        f"birthdays: {len(people)} key persons' birthdays before, "
        f"{cr.fetchone()[0]} in their care profiles after"
    )


def compare(db, before):
    problems, notes = [], []
    after = snapshot(db)
    with connect(db) as cnx, cnx.cursor() as cr:
        compare_models(before, after, problems, notes)
        compare_fields(cr, before, problems, notes)
        compare_trails(cr, before, problems, notes)
        compare_birthdays(cr, before, after, problems, notes)
    return after, problems, notes


def main(argv):
    if len(argv) != 4 or argv[1] not in ("snapshot", "compare"):
        sys.exit(__doc__)
    command, db, path = argv[1:]
    if command == "snapshot":
        data = snapshot(db)
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out)
        total = sum(m["rows"] for m in data["models"].values())
        product_rows = sum(
            m["rows"]
            for m in data["models"].values()
            if set(m["modules"]) & set(PRODUCT)
        )
        print(
            f"Snapshot of {db}: {len(data['models'])} models, {total} rows "
            f"({product_rows} in the product's models), "
            f"{sum(len(t['rows']) for t in data['trails'].values())} audit-trail rows, "
            f"{len(data['birthdays'])} key persons' birthdays"
        )
        return 0
    with open(path, encoding="utf-8") as src:
        before = json.load(src)
    _after, problems, notes = compare(db, before)
    for line in notes:
        print(f"  note: {line}")
    print(
        f"Compared {len(before['models'])} models, {len(before['fields'])} fields of the "
        f"product, {sum(len(t['rows']) for t in before['trails'].values())} audit-trail "
        f"rows, {len(before['birthdays'])} birthdays"
    )
    if problems:
        for line in problems:
            print(f"  LOST: {line}")
        return 1
    print("Nothing lost.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
