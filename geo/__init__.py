"""Areas and boundaries, and the spatial helpers that know nothing about proposals."""
