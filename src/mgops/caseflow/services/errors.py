"""The error body every endpoint of the add-on answers with."""


def error(request, status, type_, message):
    """Set ``status`` and return ``{"error": {"type", "message"}}``."""
    request.response.setStatus(status)
    return {"error": {"type": type_, "message": message}}
