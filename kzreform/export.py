"""The data as a product: an Excel workbook, Parquet files, a SQLite database and a zip of the CSVs.

`python -m kzreform export [--out DIR]` (default: exports/ in the project, not committed). Every table keeps
its schema's types: whole numbers as integers, dates as dates; in the long tables, where one `value` column
holds counts and percentages, the export adds `value_count` (an integer, for counts) and `value_pct` (for
shares) beside it. Text that a spreadsheet would run as a formula is stored as text, never as a formula.
The files are byte-identical from run to run (fixed timestamps inside the archives).
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from . import __version__, paths
from .datasets import datapackage, load

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Long tables whose value column holds counts and shares: how to tell a count row.
LONG = {"court_caseload": lambda df: df["unit"] == "count",
        "mazhilis_totals": lambda df: ~df["measure"].str.endswith("_pct"),
        "referendum_results": lambda df: df["share_base"].isna(),
        "referendum_regions": lambda df: df["share_base"].isna()}
PARQUET_CODEC = "snappy"
# Text columns readers search, indexed with SQLite FTS5 (Datasette's search box and ?_search=).
FTS = {"court_rulings": ["title_original", "subject_en", "act_reviewed", "note"],
       "op_ed_claims": ["claim_en", "note"],
       "sources": ["publisher", "title", "url", "note"],
       "glossary": ["name_en", "name_ru", "name_kk", "short_en", "short_ru", "short_kk"],
       "reform_measures": ["measure", "act", "note"],
       "mazhilis_results": ["name_en", "name_native"]}
# Columns Datasette shows in place of a foreign key's code.
LABELS = {"sources": "title", "regions": "name_en"}
PINT_UNITS = {"percent"}  # units Datasette's unit conversion (Pint) knows; every unit is in the descriptions
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}


def tables() -> dict[str, tuple[dict, pd.DataFrame]]:
    """Every resource with its descriptor and its typed frame (long tables with value_count and value_pct)."""
    out = {}
    for r in datapackage()["resources"]:
        df = load(r["name"])
        if r["name"] in LONG:
            counts = LONG[r["name"]](df)
            at = list(df.columns).index("value") + 1
            df.insert(at, "value_count", df["value"].where(counts).round().astype("Int64"))
            df.insert(at + 1, "value_pct", df["value"].where(~counts))
        out[r["name"]] = (r, df)
    return out


def _fixed_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip archive whose bytes depend only on the entries (fixed times, given order)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def number_format(value: float) -> str:
    """Excel format showing a number as stored: whole numbers with no decimal point, others with their decimals."""
    if float(value).is_integer():
        return "#,##0"
    decimals = len(repr(float(value)).split(".")[1]) if "e" not in repr(float(value)) else 6
    return "#,##0." + "0" * min(decimals, 10)


def citation(package: dict) -> str:
    who = "; ".join(c.get("title", "") for c in package.get("contributors", [])) or "The kzreform project"
    return (f"{who} ({package.get('created', '')[:4]}). {package.get('title', 'kzreform')} (kzreform), version "
            f"{package.get('version', __version__)} [data set]. Cite also the original sources named in the "
            "sources sheet.")


def about_rows(package: dict) -> list[list[str]]:
    """The workbook's About sheet: what it is, version, licence, citation, where the codebook is."""
    licences = "; ".join(f"{l.get('title', l.get('name'))} ({l.get('name', '')}, {l.get('path', '')})"
                         for l in package.get("licenses", []))
    return [["What", f"{package.get('title', 'kzreform')}: {package.get('description', '')}"],
            ["Version", f"{package.get('version', __version__)} (kzreform {__version__})"],
            ["Licence", f"Data: {licences}. Attribute the project and the original sources."],
            ["Citation", citation(package)],
            ["Codebook", "The codebook sheet (every table's fields, types, units and descriptions); data/README.md in "
                         "the project and in kzreform-data.zip; datapackage.json (Frictionless Data Package)."],
            ["Sheets", "One sheet per table, named as the CSV file in data/; row 1 holds the column names. Every "
                       "row names its source in source_id, described in the sources sheet."],
            ["Long tables", "Where one value column holds counts and shares, value_count (a whole number) and "
                            "value_pct (a percentage, 0-100) stand beside it."]]


def excel_bytes(all_tables) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    import datetime as dt

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)

    def sheet(title, header, rows, formats=None, links=None, filters=True):
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for c in ws[1]:
            c.font = bold
        widths = [len(str(h)) for h in header]
        for row in rows:
            ws.append([None if v is None else v for v in row])
            for i, v in enumerate(row):
                widths[i] = max(widths[i], min(60, len(str(v)) if v is not None else 0))
        for col, cells in enumerate(ws.iter_cols(min_row=2), 0):
            fmt = (formats or {}).get(col)
            for c in cells:
                if isinstance(c.value, str):
                    c.data_type = "s"  # never a formula, whatever the text starts with
                elif fmt == "number" and isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    c.number_format = number_format(c.value)
                elif fmt and fmt != "number":
                    c.number_format = fmt
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(8, min(60, w + 2))
        ws.freeze_panes = "A2"
        if filters:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(2, ws.max_row)}"
        if links is not None:
            for row, url in enumerate(links, 2):
                if isinstance(url, str) and url.startswith(("http://", "https://")):
                    cell = ws.cell(row=row, column=header.index("url") + 1)
                    cell.hyperlink = url
                    cell.style = "Hyperlink"
        return ws

    for name, (r, df) in all_tables.items():
        fields = {f["name"]: f.get("type", "string") for f in r["schema"]["fields"]}
        header = list(df.columns)
        formats = {}
        for i, col in enumerate(header):
            kind = fields.get(col, "integer" if col == "value_count" else "number" if col == "value_pct" else "")
            formats[i] = {"integer": "#,##0", "date": "yyyy-mm-dd", "number": "number"}.get(kind)
        rows = []
        for rec in df.itertuples(index=False):
            row = []
            for col, v in zip(header, rec):
                if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT:
                    row.append(None)
                elif isinstance(v, pd.Timestamp):
                    row.append(v.date())
                elif hasattr(v, "item"):
                    row.append(v.item())
                else:
                    row.append(v)
            rows.append(row)
        sheet(name, header, rows, formats, links=list(df["url"]) if name == "sources" else None)
    codebook = []
    for r in datapackage()["resources"]:
        for f in r["schema"]["fields"]:
            c = f.get("constraints", {})
            codebook.append([r["name"], f["name"], f.get("type", "string"), f.get("unit", ""),
                             "yes" if c.get("required") else "", f.get("description", ""),
                             ", ".join(c.get("enum", [])) if "enum" in c else ""])
    sheet("codebook", ["table", "field", "type", "unit", "required", "description", "values"], codebook)
    wb.move_sheet("codebook", offset=-len(wb.sheetnames) + 1)
    package = datapackage()
    about = wb.create_sheet("About", 0)  # first: what the workbook is; a label and its text on each line
    for label, text in about_rows(package):
        about.append([label, text])
        about.cell(about.max_row, 1).font = bold
        about.cell(about.max_row, 2).data_type = "s"
        about.cell(about.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    wb.active = 0
    created = dt.datetime(2026, 1, 1)
    wb.properties.title = package.get("title", "kzreform")
    wb.properties.subject = package.get("description", "")
    wb.properties.keywords = ", ".join(package.get("keywords", []))
    wb.properties.version = __version__
    wb.properties.creator = "kzreform"
    wb.properties.created = created
    wb.properties.modified = created
    wb.properties.lastModifiedBy = "kzreform"
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:  # fixed times inside the archive and its properties
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    stamp = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    entries = [(n, stamp.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", d) if n == "docProps/core.xml" else d)
               for n, d in entries]
    return _fixed_zip(entries)


def parquet_bytes(name: str, r: dict, df: pd.DataFrame) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq
    frame = df.copy()
    for f in r["schema"]["fields"]:
        if f.get("type") == "date":
            frame[f["name"]] = frame[f["name"]].dt.date
    table = pa.Table.from_pandas(frame, preserve_index=False)
    types = {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32(),
             "string": pa.string()}
    schema = pa.schema([pa.field(c, types.get(next((f.get("type", "string") for f in r["schema"]["fields"]
                                                     if f["name"] == c), "integer" if c == "value_count"
                                                    else "number"), pa.string()))
                        for c in frame.columns])
    table = table.cast(schema).replace_schema_metadata({"kzreform:table": name, "kzreform:version": __version__})
    buf = io.BytesIO()
    # Snappy: every Parquet reader opens it without add-ons (hyparquet in JavaScript, R arrow, DuckDB, Spark);
    # ZSTD saved about 38 KB over all files but a common JavaScript reader needs a plug-in for it.
    pq.write_table(table, buf, compression=PARQUET_CODEC, write_statistics=True)
    return buf.getvalue()


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_value(value, kind: str) -> str:
    if kind in ("integer", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def constraints_sql(column: str, field: dict | None, kind: str, key=()) -> str:
    """NOT NULL, UNIQUE and CHECK clauses from a Table Schema field: required (and every primary-key field),
    unique, enum, minimum, maximum, minLength, maxLength (patterns need a regular-expression function SQLite
    lacks; `check` enforces them)."""
    if field is None:  # value_count, value_pct: derived here, checked through the value column
        return ""
    c, name, out = field.get("constraints", {}), quote_name(column), ""
    if c.get("required") or column in key:
        out += " NOT NULL"
    if c.get("unique"):
        out += " UNIQUE"
    checks = []
    if kind == "boolean":
        checks.append(f"{name} IN (0, 1)")
    if "enum" in c:
        checks.append(f"{name} IN ({', '.join(quote_value(v, kind) for v in c['enum'])})")
    if "minimum" in c:
        checks.append(f"{name} >= {quote_value(c['minimum'], kind)}")
    if "maximum" in c:
        checks.append(f"{name} <= {quote_value(c['maximum'], kind)}")
    if "minLength" in c:
        checks.append(f"length({name}) >= {int(c['minLength'])}")
    if "maxLength" in c:
        checks.append(f"length({name}) <= {int(c['maxLength'])}")
    return out + "".join(f" CHECK ({x})" for x in checks)


def creation_order(all_tables) -> list[str]:
    """Tables in datapackage order, each after the tables its foreign keys reference (SQLite checks on insert)."""
    order: list[str] = []

    def visit(name, seen=()):
        if name in order or name in seen or name not in all_tables:
            return
        for fk in all_tables[name][0]["schema"].get("foreignKeys", []):
            visit(fk["reference"].get("resource") or name, seen + (name,))
        order.append(name)
    for name in all_tables:
        visit(name)
    return order


def sqlite_bytes(all_tables) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kzreform.sqlite"
        con = sqlite3.connect(path)
        con.execute("PRAGMA foreign_keys = ON")
        order = creation_order(all_tables)
        for name in order:
            r, df = all_tables[name]
            fields = {f["name"]: f.get("type", "string") for f in r["schema"]["fields"]}
            described = {f["name"]: f for f in r["schema"]["fields"]}
            key = r["schema"].get("primaryKey") or []
            key = [key] if isinstance(key, str) else key
            cols = []
            for c in df.columns:
                kind = fields.get(c, "integer" if c == "value_count" else "number")
                cols.append(f'{quote_name(c)} {SQL_TYPES[kind]}{constraints_sql(c, described.get(c), kind, key)}')
            key = r["schema"].get("primaryKey")
            if key:
                key = [key] if isinstance(key, str) else key
                cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in key) + ")")
            for fk in r["schema"].get("foreignKeys", []):
                local = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
                remote = fk["reference"]["fields"]
                remote = remote if isinstance(remote, list) else [remote]
                cols.append(f"FOREIGN KEY ({', '.join(local)}) REFERENCES \"{fk['reference']['resource']}\" "
                            f"({', '.join(remote)})")
            con.execute(f'CREATE TABLE "{name}" ({", ".join(cols)})')
            rows = []
            for rec in df.itertuples(index=False):
                row = []
                for c, v in zip(df.columns, rec):
                    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
                        row.append(None)
                    elif isinstance(v, pd.Timestamp):
                        row.append(f"{v:%Y-%m-%d}")
                    elif hasattr(v, "item"):
                        row.append(v.item())
                    else:
                        row.append(v)
                rows.append(row)
            con.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(df.columns))})', rows)
            searched = [c for c in FTS.get(name, ()) if c in df.columns]
            if searched:  # Datasette finds NAME_fts (content=NAME) and offers a search box and ?_search=
                columns = ", ".join(quote_name(c) for c in searched)
                con.execute(f'CREATE VIRTUAL TABLE "{name}_fts" USING fts5({columns}, content="{name}", '
                            "tokenize='unicode61 remove_diacritics 2')")
                con.execute(f'INSERT INTO "{name}_fts" (rowid, {columns}) SELECT rowid, {columns} FROM "{name}"')
        con.commit()
        con.execute("VACUUM")
        con.close()
        return path.read_bytes()


def datasette_metadata(all_tables, database: str = "kzreform") -> dict:
    """Datasette metadata from datapackage.json: title, licence, source, table and column descriptions, units,
    the full-text indexes and label columns (`datasette kzreform.sqlite -m metadata.json`)."""
    package = datapackage()
    licence = (package.get("licenses") or [{}])[0]
    meta = {"title": package.get("title", "kzreform"),
            "description": package.get("description", ""),
            "license": licence.get("name", ""), "license_url": licence.get("path", ""),
            "source": "Every row names its source in the sources table (publisher, title, address, dates)",
            "about": f"kzreform data {package.get('version', __version__)}; cite the project and the sources",
            "databases": {database: {"tables": {}}}}
    tables_meta = meta["databases"][database]["tables"]
    for name, (r, df) in all_tables.items():
        fields = {f["name"]: f for f in r["schema"]["fields"]}
        columns, units = {}, {}
        for c in df.columns:
            f = fields.get(c) or {"description": "Derived by the export from value: the count, as a whole number"
                                  if c == "value_count" else "Derived by the export from value: the share, 0-100",
                                  "unit": "count" if c == "value_count" else "percent"}
            text = f.get("description", "")
            if f.get("unit"):
                text += f" Unit: {f['unit']}."
                if f["unit"] in PINT_UNITS:
                    units[c] = f["unit"]
            if "enum" in f.get("constraints", {}):
                text += " One of: " + ", ".join(map(str, f["constraints"]["enum"])) + "."
            columns[c] = text.strip()
        entry = {"title": r.get("title", name), "description": r.get("description", ""),
                 "license": licence.get("name", ""), "license_url": licence.get("path", ""),
                 "source": f"data/{r['path']} (each row's source_id names its source)", "columns": columns}
        if units:
            entry["units"] = units
        if any(c in df.columns for c in FTS.get(name, ())):
            entry.update(fts_table=f"{name}_fts", fts_pk="rowid")
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        tables_meta[name] = entry
    return meta


def csv_zip_bytes() -> bytes:
    entries = [("kzreform-data/datapackage.json", paths.DATAPACKAGE.read_bytes())]
    for r in datapackage()["resources"]:
        entries.append((f"kzreform-data/{r['path']}", (paths.DATA / r["path"]).read_bytes()))
    readme = paths.DATA / "README.md"
    if readme.exists():
        entries.append(("kzreform-data/README.md", readme.read_bytes()))
    return _fixed_zip(entries)


def write_all(out: Path, stream=None) -> list[Path]:
    """Write every export into out, all together or not at all (every file is made in memory and on disk beside
    its target first; a failure at any step leaves the folder as it was); return the paths written."""
    import sys
    from .fileio import Commit, local_key
    stream = stream or sys.stdout
    out = Path(out).resolve()  # a folder reached through a link is written where the link leads
    all_tables = tables()
    files: list[tuple[str, bytes]] = [("kzreform.xlsx", excel_bytes(all_tables))]
    files += [(f"parquet/{name}.parquet", parquet_bytes(name, r, df)) for name, (r, df) in all_tables.items()]
    files.append(("kzreform.sqlite", sqlite_bytes(all_tables)))
    files.append(("metadata.json", (json.dumps(datasette_metadata(all_tables), ensure_ascii=False, indent=2) + "\n")
                  .encode("utf-8")))
    files.append(("kzreform-data.zip", csv_zip_bytes()))
    files.append(("README.txt", (f"kzreform data {__version__}: the tables of data/ as Excel (an About sheet, a codebook, "
                                 "one sheet per table, the sources), Parquet (one file per table, Snappy), SQLite (keys "
                                 "and the schema's constraints declared, full-text indexes) and a zip of the CSVs with "
                                 "datapackage.json. `datasette kzreform.sqlite -m metadata.json` serves the database "
                                 "with titles, descriptions, units and search. Data: CC BY 4.0; cite the project and "
                                 "the sources in the sources table.\n").encode("utf-8")))
    (out / "parquet").mkdir(parents=True, exist_ok=True)
    written = []
    with Commit(out / ".kzreform-export-journal.json", out, (out, out / "parquet"), local_key()) as c:
        for rel, data in files:
            c.write(out / rel, data)
            written.append(out / rel)
    for rel, data in files:
        print(f"  wrote {rel} ({len(data) // 1024 + 1} KB)", file=stream, flush=True)
    return written
