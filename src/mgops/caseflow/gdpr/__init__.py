"""Personal data: the report of what is held about one person, and retention."""
