"""Dexterity types of the family file: one module per type."""
