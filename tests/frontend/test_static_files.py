"""Production static files: collectstatic with hashed, compressed names succeeds."""

import json
import re

import pytest
from django.core.management import call_command


@pytest.fixture
def collected(tmp_path, settings):
    """collectstatic with the production storage: (root, {name: hashed name})."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.staticfiles.StaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path, json.loads((tmp_path / "staticfiles.json").read_text())["paths"]


def test_collectstatic_with_hashed_names(collected):
    root, paths = collected
    for name in ("frontend/map.js", "frontend/symbols.svg", "vendor/leaflet/leaflet.js"):
        assert name in paths
        assert (root / paths[name]).is_file()


def test_module_imports_point_at_hashed_names(collected):
    root, paths = collected
    entry = root / paths["frontend/map.js"]
    imports = re.findall(r'from "(\.[^"]+)"', entry.read_text())
    assert "./lib/api.js" not in imports
    assert any(re.fullmatch(r"\./lib/api\.[0-9a-f]{12}\.js", name) for name in imports)
    for name in imports:
        assert (entry.parent / name).resolve().is_file()
