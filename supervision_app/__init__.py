"""Reflective supervision for UK social work: sessions, wellbeing and signed notes."""

__version__ = "0.1.0"
