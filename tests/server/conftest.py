"""The app under gunicorn, for the tests where real GIS clients (GDAL, QGIS, OWSLib) read it."""

import pytest

from tests.conftest import load_baerum
from tests.server.gunicorn import Gunicorn


@pytest.fixture
def server():
    load_baerum()
    gunicorn = Gunicorn(workers=2).start()
    yield gunicorn
    gunicorn.stop()
