"""Classic UI of the office staff: landing page, family file, decisions, lists."""
