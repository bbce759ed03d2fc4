"""The centre's clock: every date and hour of the process is Polish local time.

A visit "between 07:00 and 21:00", the day a decision is signed, a deadline "within
7 working days" are all read on the office's wall clock, whatever zone the
server runs in. This is the one place that names it.
"""

from zoneinfo import ZoneInfo


OFFICE_TIMEZONE = "Europe/Warsaw"
OFFICE_ZONE = ZoneInfo(OFFICE_TIMEZONE)
