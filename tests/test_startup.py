"""Start-up stays light: heavy modules are imported where they are used, not by `import kzcheck.cli`.

No timing here (bench/importtime.py measures it); each case runs in a fresh interpreter and
looks at sys.modules.
"""
import json
import os
import subprocess
import sys

import pytest

HEAVY = ["rich", "ruamel.yaml", "rapidfuzz", "sqlite3", "tabulate", "concurrent.futures", "multiprocessing",
         "yaml", "dask"]

PROBE = """
import json, sys
from kzcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
finally:
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def loaded(modules, names):
    return sorted(h for h in names if any(m == h or m.startswith(h + ".") for m in modules))


def modules_after(code: str, *args, cwd=None) -> list[str]:
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                       env={**os.environ, "NO_COLOR": "1"})
    line = [x for x in p.stderr.splitlines() if x.startswith("MODULES ")]
    assert line, p.stderr
    return json.loads(line[-1][len("MODULES "):])


def test_import_cli_loads_no_heavy_module():
    mods = modules_after("import sys, json, kzcheck.cli; sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)))")
    assert loaded(mods, HEAVY) == []
    assert "kzcheck.pipeline" not in mods and "kzcheck.registry" not in mods


def test_import_kzcheck_is_only_the_package():
    mods = modules_after("import sys, json, kzcheck; sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)))")
    assert [m for m in mods if m.startswith("kzcheck")] == ["kzcheck"]
    assert "click" not in mods


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["sources", "-h"], ["--version"]])
def test_help_loads_no_heavy_module_and_no_project(args):
    mods = modules_after(PROBE, *args)
    assert loaded(mods, HEAVY) == []
    assert "kzcheck.pipeline" not in mods


def test_compare_in_a_pipe_loads_neither_rich_nor_rapidfuzz(project):
    mods = modules_after(PROBE, "--repo", str(project), "compare", "deaths")
    assert "kzcheck.compare" in mods
    assert loaded(mods, ["rich", "rapidfuzz", "dask"]) == []


def test_a_warm_compare_does_not_load_the_extractor(project):
    """Once every article is in the cache, compare reads claims and never needs the extractor's modules."""
    modules_after(PROBE, "--repo", str(project), "compare", "deaths")  # extracts and caches the seeds
    mods = modules_after(PROBE, "--repo", str(project), "compare", "deaths", "--format", "json")
    assert "kzcheck.compare" in mods
    assert [m for m in ("kzcheck.extract", "kzcheck.attribution", "kzcheck.numbers") if m in mods] == []
