"""REST endpoint, see its module."""
