"""The layout's rules (docs/architecture.md): nothing under `scraper/` imports the Scrapy
project's `spiders` or `pipelines`, modules import each other without cycles, extraction
and the time layer run without Scrapy or a database, and no runtime code builds a path
into `tests/`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scraper"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "testkit/site" not in path.as_posix()
}


def _runtime_imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, at module level?) for each import that runs (not the ones under
    `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.extend((alias.name, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    candidate = f"{child.module}.{alias.name}"
                    found.append((candidate if candidate in MODULES else child.module, top))
            nested = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            visit(child, top and not nested)

    visit(tree, True)
    return found


def test_the_layout_is_found():
    for stage in ("extract", "time", "store", "crawl", "ops", "testkit", "discover"):
        assert f"scraper.{stage}" in MODULES


def test_scraper_never_imports_the_scrapy_project():
    offenders = [
        (name, imported)
        for name, path in MODULES.items()
        for imported, _top in _runtime_imports(path)
        if imported.split(".")[0] in ("spiders", "pipelines")
    ]
    assert offenders == []


def test_no_import_cycles_between_modules():
    graph = {
        name: {imported for imported, top in _runtime_imports(path) if top and imported in MODULES}
        for name, path in MODULES.items()
    }
    state: dict[str, str] = {}
    cycles = []

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                walk(target, [*trail, target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []


def test_pure_stages_load_without_scrapy_or_a_database():
    """Extraction, discovery and the time layer import neither Scrapy nor the store."""
    code = (
        "import sys\n"
        "import scraper.extract, scraper.discover, scraper.time\n"
        "loaded = [m for m in ('scrapy', 'twisted', 'sqlite3', 'scraper.store') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_runtime_code_builds_no_path_into_tests():
    offenders = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value == "tests":
                offenders.append(name)
    # The fixture workflow's default folder is the checkout's `tests/fixtures` (relative to
    # where the command runs, `--root` names another): user tooling, not a runtime path.
    assert set(offenders) <= {"scraper.testkit.fixtures"}
