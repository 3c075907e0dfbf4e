"""The participation domain: campaigns, categories and proposals."""
