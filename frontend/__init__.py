"""Pages for residents: templates and static files; data comes from the API."""
