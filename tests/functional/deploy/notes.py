"""Valid visit notes for the load tests."""

NOTES_PER_WRITER = 6


def note_body(writer: int, index: int) -> dict:
    """A valid visit note: a working-hours visit on a past March day (CET, +01:00)."""
    day = 2 + (writer * NOTES_PER_WRITER + index) % 26
    hour = 7 + (writer + index) % 13  # 07:00 … 19:xx, ending before 21:00
    return {
        "@type": "Note",
        "title": f"Wizyta {writer}-{index}",
        "kind": "visit",
        "content": f"Wizyta w domu rodziny, klient {writer}, wpis {index}.",
        "place": "Dom rodziny",
        "visit_start": f"2026-03-{day:02d}T{hour:02d}:00:00+01:00",
        "visit_end": f"2026-03-{day:02d}T{hour:02d}:45:00+01:00",
    }
