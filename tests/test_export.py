"""The exports read back, value for value, as the CSVs: Excel (openpyxl), Parquet (pyarrow), SQLite (sqlite3) and the
zip of the CSVs; each with the schema's types, byte-identical from run to run, formulas never run."""

import datetime as dt
import io
import sqlite3
import zipfile

import pandas as pd
import pytest

from kzreform import datasets, export, paths

TABLES = [r["name"] for r in datasets.datapackage()["resources"]]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    export.write_all(folder, stream=io.StringIO())
    return folder


_TABLES = {}


def typed(name):
    """The table as the loader types it, with the export's value_count and value_pct beside a long value column."""
    if not _TABLES:
        _TABLES.update(export.tables())
    return _TABLES[name][1]


def same(a, b) -> bool:
    if (a is None or (isinstance(a, float) and pd.isna(a)) or a is pd.NA or a is pd.NaT) and \
            (b is None or (isinstance(b, float) and pd.isna(b)) or b is pd.NA or b is pd.NaT):
        return True
    if isinstance(a, pd.Timestamp):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-9
    return a == b


def test_byte_identical_from_run_to_run(out, tmp_path):
    export.write_all(tmp_path, stream=io.StringIO())
    for path in out.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(out)).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("name", TABLES)
def test_parquet_reads_back_with_types(out, name):
    import pyarrow.parquet as pq
    table = pq.read_table(out / "parquet" / f"{name}.parquet")
    schema = {f["name"]: f.get("type", "string") for f in datasets.resource(name)["schema"]["fields"]}
    expected = {"integer": "int64", "number": "double", "date": "date32[day]", "string": "string", "boolean": "bool"}
    for field in table.schema:
        kind = schema.get(field.name, "integer" if field.name == "value_count" else "number")
        assert str(field.type) == expected[kind], (name, field.name)
    frame, back = typed(name), table.to_pylist()
    assert len(back) == len(frame)
    for row, rec in zip(back, frame.to_dict("records")):
        for col in frame.columns:
            assert same(rec[col], row[col]), (name, col, rec[col], row[col])


def test_parquet_uses_a_codec_every_reader_opens(out):
    import pyarrow.parquet as pq
    for path in (out / "parquet").glob("*.parquet"):
        meta = pq.ParquetFile(path).metadata
        codecs = {meta.row_group(g).column(c).compression for g in range(meta.num_row_groups)
                  for c in range(meta.num_columns)}
        assert codecs == {"SNAPPY"}, (path.name, codecs)


def test_sqlite_has_keys_and_every_value(out):
    con = sqlite3.connect(out / "kzreform.sqlite")
    for name in TABLES:
        frame = typed(name)
        rows = con.execute(f'SELECT * FROM "{name}"').fetchall()
        assert len(rows) == len(frame), name
        for row, rec in zip(rows, frame.to_dict("records")):
            for col, v in zip(frame.columns, row):
                want = rec[col]
                if isinstance(want, pd.Timestamp):
                    want = f"{want:%Y-%m-%d}"
                assert same(want, v), (name, col, want, v)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'court_caseload'").fetchone()[0]
    assert 'PRIMARY KEY ("body", "measure", "period_start", "source_id")' in sql
    assert 'FOREIGN KEY (source_id) REFERENCES "sources" (source_id)' in sql
    assert con.execute("SELECT typeof(value_count) FROM referendum_results WHERE measure = 'registered_voters'"
                       ).fetchone()[0] == "integer"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_excel_sheets_types_codebook_and_links(out):
    from openpyxl import load_workbook
    wb = load_workbook(out / "kzreform.xlsx")
    assert wb.sheetnames == ["About", "codebook"] + TABLES
    for name in TABLES:
        ws = wb[name]
        frame = typed(name)
        header = [c.value for c in ws[1]]
        assert header == list(frame.columns) and ws.freeze_panes == "A2"
        for row, rec in zip(ws.iter_rows(min_row=2, values_only=True), frame.to_dict("records")):
            for col, v in zip(header, row):
                assert same(rec[col], v), (name, col, rec[col], v)
    votes = wb["mazhilis_results"]["F2"].value
    assert isinstance(votes, int) and votes == 5148074  # counts as integers
    sources = wb["sources"]
    url_col = [c.value for c in sources[1]].index("url") + 1
    assert sources.cell(row=2, column=url_col).hyperlink.target.startswith("http")
    codebook = [r for r in wb["codebook"].iter_rows(min_row=2, values_only=True)]
    assert ("court_caseload", "weak", "boolean") in {r[:3] for r in codebook}


def test_excel_shows_whole_numbers_whole_filters_every_table_and_says_what_it_is(out):
    from openpyxl import load_workbook
    wb = load_workbook(out / "kzreform.xlsx")
    package = datasets.datapackage()
    assert wb.properties.title == package["title"] and wb.properties.title
    checked = 0
    for name in ["codebook"] + TABLES:
        ws = wb[name]
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{max(2, ws.max_row)}", name
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, bool) or not isinstance(c.value, (int, float)):
                    continue
                checked += 1
                if float(c.value).is_integer():
                    assert "." not in c.number_format, (name, c.coordinate, c.value, c.number_format)
                else:  # as many decimals as the value has: 63.6 shows 63.6, not 63.60 or 64
                    decimals = len(c.number_format.split(".")[1])
                    assert f"{c.value:.{decimals}f}".rstrip("0") == repr(c.value).rstrip("0"), (name, c.value)
    assert checked > 1000
    for fmt in {c.number_format for ws in wb for row in ws.iter_rows() for c in row}:
        assert not fmt.endswith("."), fmt
    assert export.number_format(500.0) == "#,##0" and export.number_format(63.6) == "#,##0.0"
    about = {r[0]: r[1] for r in wb["About"].iter_rows(values_only=True)}
    assert package["version"] in about["Version"] and "CC" in about["Licence"] and "codebook" in about["Codebook"]
    assert package["title"] in about["Citation"] and package["version"] in about["Citation"]
    assert wb.active.title == "About"


def test_sqlite_carries_the_schemas_constraints(out):
    con = sqlite3.connect(out / "kzreform.sqlite")
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'court_caseload'").fetchone()[0]
    assert '"body" TEXT NOT NULL CHECK ("body" IN (' in sql and '"weak" INTEGER' in sql and "IN (0, 1)" in sql
    rulings = con.execute("SELECT sql FROM sqlite_master WHERE name = 'court_rulings'").fetchone()[0]
    assert 'CHECK ("number" >= 1)' in rulings and "CHECK (\"date\" >= '1990-01-01')" in rulings
    row = con.execute("SELECT * FROM court_caseload LIMIT 1").fetchone()
    cols = [d[1] for d in con.execute("PRAGMA table_info(court_caseload)")]
    for column, bad in (("body", "no_such_body"), ("body", None), ("weak", 7)):
        changed = list(row)
        changed[cols.index(column)] = bad
        changed[cols.index("period_start")] = "1999-01-01"  # a new key, so only the constraint can refuse it
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(f"INSERT INTO court_caseload VALUES ({', '.join('?' * len(cols))})", changed)


def test_sqlite_full_text_search_finds_what_like_finds(out):
    con = sqlite3.connect(out / "kzreform.sqlite")
    for table, word in (("court_rulings", "citizen"), ("op_ed_claims", "court"), ("sources", "election")):
        found = con.execute(f'SELECT count(*) FROM "{table}_fts" WHERE "{table}_fts" MATCH ?', (word,)).fetchone()[0]
        cols = export.FTS[table]
        like = con.execute(f'SELECT count(*) FROM "{table}" WHERE ' + " OR ".join(f'"{c}" LIKE ?' for c in cols),
                           [f"%{word}%"] * len(cols)).fetchone()[0]
        assert 0 < found <= like, (table, word, found, like)


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_datasette_serves_the_export_with_its_metadata_and_search(out):
    import html
    import json
    import subprocess
    import sys
    import time
    import urllib.request
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(out / "kzreform.sqlite"), "-m",
                               str(out / "metadata.json"), "-h", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def get(path):
        with urllib.request.urlopen(base + path, timeout=10) as r:
            return r.read().decode("utf-8")
    try:
        for _ in range(300):
            try:
                served = json.loads(get("/-/metadata.json"))
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                time.sleep(0.1)
        else:
            pytest.fail("Datasette did not answer within 30 s")
        assert served == json.loads((out / "metadata.json").read_text(encoding="utf-8"))
        package = datasets.datapackage()
        assert served["title"] == package["title"] and served["license"] == "CC-BY-4.0"
        rulings = served["databases"]["kzreform"]["tables"]["court_rulings"]
        assert rulings["title"] == datasets.resource("court_rulings")["title"]
        assert "Unit: votes." in served["databases"]["kzreform"]["tables"]["mazhilis_results"]["columns"]["list_votes"]
        hits = json.loads(get("/kzreform/court_rulings.json?_search=citizen&_shape=array&_size=max"))
        assert hits and all("citizen" in " ".join(str(h[c] or "") for c in export.FTS["court_rulings"]).lower()
                            for h in hits)
        everything = json.loads(get("/kzreform/court_rulings.json?_shape=array&_size=max"))
        assert len(hits) < len(everything)  # the search filters, it is not silently ignored
        page = get("/kzreform/court_rulings")
        assert "Normative resolutions" in page and 'name="_search"' in page
        assert "Number of the resolution" in page  # column descriptions reach the table page
        for table in datasets.datapackage()["resources"]:  # every table page renders (units, labels, keys)
            assert table["title"][:20] in html.unescape(get(f"/kzreform/{table['name']}"))
    finally:
        server.terminate()
        server.wait(timeout=10)


def region_tables():
    return [r["name"] for r in datasets.datapackage()["resources"]
            if r["name"] != "region_codes" and any(f["name"] == "region_code" for f in r["schema"]["fields"])]


def test_every_region_code_joins_through_a_declared_key(out):
    """The joins the README suggests drop no row: KZ (the country) and abroad are codes like the regions'."""
    codes = datasets.load("region_codes")
    assert {"KZ", "abroad"} <= set(codes["region_code"])
    assert set(codes["kind"]) == {"region", "city", "country", "abroad"}
    tables = region_tables()
    assert {"regions", "referendum_regions", "referendum_turnout_hourly"} <= set(tables)
    con = sqlite3.connect(out / "kzreform.sqlite")
    for name in tables:
        frame = datasets.load(name)
        assert len(frame.merge(codes, on="region_code", how="inner")) == len(frame), name
        joined = con.execute(f'SELECT count(*) FROM "{name}" JOIN region_codes USING (region_code)').fetchone()[0]
        assert joined == len(frame), name
        declared = [fk for fk in datasets.resource(name)["schema"]["foreignKeys"]
                    if fk["reference"]["resource"] == "region_codes"]
        assert declared and declared[0]["fields"] in ("region_code", ["region_code"]), name
    regions = datasets.load("regions").merge(codes, on="region_code", suffixes=("", "_code"))
    assert len(regions) == 20 and (regions["name_en"] == regions["name_en_code"]).all()
    assert set(codes[codes["kind"].isin(["region", "city"])]["region_code"]) == set(regions["region_code"])


def test_formula_like_text_is_stored_as_text(tmp_path, monkeypatch):
    from openpyxl import load_workbook
    frame = pd.DataFrame({"source_id": ["x"], "publisher": ["=HYPERLINK(\"http://x\")"], "url": ["https://a"]})
    resource = {"name": "sources", "schema": {"fields": [{"name": "source_id"}, {"name": "publisher"},
                                                          {"name": "url"}]}}
    monkeypatch.setattr(export, "datapackage", lambda: {"resources": [resource]})
    data = export.excel_bytes({"sources": (resource, frame)})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 3 and not any("<f>" in s for s in sheets)  # no formula anywhere
    (tmp_path / "x.xlsx").write_bytes(data)
    assert load_workbook(tmp_path / "x.xlsx")["sources"]["B2"].value == "=HYPERLINK(\"http://x\")"


def test_zip_holds_the_csvs_and_the_descriptor(out):
    with zipfile.ZipFile(out / "kzreform-data.zip") as z:
        names = z.namelist()
        assert "kzreform-data/datapackage.json" in names
        for r in datasets.datapackage()["resources"]:
            assert z.read(f"kzreform-data/{r['path']}") == (paths.DATA / r["path"]).read_bytes()
