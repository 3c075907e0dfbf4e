"""Production static files: collectstatic with hashed, compressed names succeeds."""

import json

from django.core.management import call_command


def test_collectstatic_with_hashed_names(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("frontend/map.js", "frontend/symbols.svg", "vendor/leaflet/leaflet.js"):
        assert name in paths
        assert (tmp_path / paths[name]).is_file()
