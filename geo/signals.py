"""Signals geo sends so that other apps can react without geo importing them."""

from django.dispatch import Signal

# Sent after an import changed the area layers; receivers re-link whatever points at areas.
areas_imported = Signal()
