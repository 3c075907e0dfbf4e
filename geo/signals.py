"""Signals geo sends so that other apps can react without geo importing them."""

from django.dispatch import Signal

# Sent when an import changed the area layers, inside its transaction; receivers queue the
# re-linking of whatever points at areas.
areas_imported = Signal()
