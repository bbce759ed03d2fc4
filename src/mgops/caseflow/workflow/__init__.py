"""Workflow guards and event subscribers: they call rules/ and set local roles."""
