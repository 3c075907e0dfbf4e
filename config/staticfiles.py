"""Static files in production: hashed and compressed names (whitenoise)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Also rewrites the pages' ES module imports to the hashed names, so that a browser never
    mixes a cached module with a newer one."""

    support_js_module_import_aggregation = True
