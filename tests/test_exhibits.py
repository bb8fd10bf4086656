"""The exhibit registry: each exhibit declares the datasets it reads, and the declarations are what the code loads."""

import inspect
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from kzreform import datasets, exhibits, paths
from kzreform.exhibits import registry
from kzreform.tables import Tables


def _reads(call) -> set[str]:
    with datasets.recording() as seen:
        result = call()
    if getattr(result, "fig", None) is not None:
        plt.close(result.fig)
    return seen - {"sources"}


def _reader_functions(module):
    """The module's public functions called as reader tables: `t` their one required parameter."""
    for name, f in inspect.getmembers(module, inspect.isfunction):
        if f.__module__ != module.__name__ or name.startswith("_") or name in exhibits.REGISTRY:
            continue
        required = [p for p in inspect.signature(f).parameters.values() if p.default is inspect.Parameter.empty]
        if [p.name for p in required] == ["t"]:
            yield name, f


@pytest.mark.grid
@pytest.mark.parametrize("module", registry.MODULES)
def test_each_exhibit_reads_only_what_it_declares_and_a_notebooks_sources_are_what_it_reads(module):
    """Each exhibit of the module drawn once, its reads recorded: they are declared and not empty; with the reader
    tables' reads they are the notebook's sources. (Two tests drew every exhibit each; one drawing serves both.)"""
    mod = __import__(f"kzreform.exhibits.{module}", fromlist=["NB"])
    read: set[str] = set()
    for name in exhibits.of_notebook(mod.NB):
        e = exhibits.REGISTRY[name]
        seen = _reads(lambda: e.draw(Tables(), exhibits.canvas_for(name)))
        assert seen <= set(e.reads), f"{name} reads {sorted(seen - set(e.reads))} without declaring it"
        assert seen, f"{name} reads no dataset"
        read |= seen
    for _, f in _reader_functions(mod):
        read |= _reads(lambda: f(Tables()))
    assert set(exhibits.datasets_of(mod.NB)) == read


def test_every_exhibit_belongs_to_a_topic_module():  # so the test above checks every exhibit's reads
    names = [n for module in registry.MODULES
             for n in exhibits.of_notebook(__import__(f"kzreform.exhibits.{module}", fromlist=["NB"]).NB)]
    assert sorted(names) == sorted(exhibits.REGISTRY)


def test_every_topic_module_is_registered_in_notebook_order():
    on_disk = {p.stem for p in (paths.ROOT / "kzreform" / "exhibits").glob("*.py")} - {
        "__init__", "registry", "render", "editions"}
    assert set(registry.MODULES) == on_disk
    notebooks = [exhibits.REGISTRY[n].notebook for n in exhibits.REGISTRY]
    assert notebooks == sorted(notebooks)


def test_nothing_in_the_package_reads_source_code():
    for path in Path(paths.ROOT / "kzreform").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "getsource" not in text and "__code__" not in text, path.name


# docs/architecture.md: each module imports only modules on its own layer or below
LAYERS = [
    {"paths", "fileio", "escape", "progress", "layout", "roles", "hedges", "elections", "rulings", "constitution",
     "validate"},
    {"rules", "court", "referendums"},
    {"datasets"},
    {"i18n"},
    {"axes", "charts", "output", "catalogue", "names", "wording", "readable"},
    {"claims"},
    {"tables"},
    {"exhibits"},
    {"runner", "report", "export", "explorers", "app", "environment", "voila_server"},
    {"__main__"},
]


def _imports(path: Path) -> set[str]:
    """The kzreform modules a file imports (top level or inside functions), by their first name."""
    import ast
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            inside_exhibits = path.parent.name == "exhibits"
            if node.level == 1 and inside_exhibits:
                continue  # a room of exhibits/ importing another
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {a.name for a in node.names}
    return found


def test_no_module_imports_a_layer_above_its_own():
    layer = {m: i for i, group in enumerate(LAYERS) for m in group}
    package = paths.ROOT / "kzreform"
    modules = {p.stem: p for p in package.glob("*.py") if p.stem != "__init__"}
    assert set(modules) <= set(layer), f"place {sorted(set(modules) - set(layer))} in a layer"
    files = [(name, p) for name, p in modules.items()] + [("exhibits", p) for p in (package / "exhibits").glob("*.py")]
    upward = [(name, dep) for name, p in files for dep in _imports(p) - {name}
              if dep in layer and layer[dep] > layer[name]]
    assert upward == []


def test_no_metadata_rides_on_private_attributes_of_figures():
    """What a figure says (title, sources, its source line's texts) travels in Canvas.meta and Chart.meta, never on
    attributes stuck onto matplotlib objects."""
    for path in Path(paths.ROOT / "kzreform").rglob("*.py"):
        assert "._kz_" not in path.read_text(encoding="utf-8"), path.name
    result = exhibits.draw("court_council_rates")
    try:
        assert {"title", "subtitle", "sources", "source_lines"} <= set(result.meta)
        stuck = [a for a in result.fig.findobj() if any(k.startswith("_kz") for k in vars(a))]
        assert stuck == []
    finally:
        plt.close(result.fig)


MAX_FUNCTION_LINES = 40


def test_no_function_in_exhibits_is_longer_than_a_screen():
    """Issue 25: an exhibit is a spec and a drawing, each split into helpers a reader takes in at a glance."""
    import ast
    long = []
    for path in sorted(Path(exhibits.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, f"longer than {MAX_FUNCTION_LINES} lines: {long}"
