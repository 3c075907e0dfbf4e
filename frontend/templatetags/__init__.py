"""Template tags for the pages."""
