"""Security headers on every response of the add-on's site.

Set just before the response leaves (commit, abort or streaming), only where the
add-on's browser layer is active, and never over a value a proxy or another
add-on already set. No full Content-Security-Policy: Plone's Classic UI still
needs inline scripts; ``frame-ancestors`` alone is safe and stops clickjacking
together with X-Frame-Options for old browsers.
"""

from mgops.caseflow.interfaces import IMgopsCaseflowLayer


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def set_security_headers(event):
    request = event.request
    if not IMgopsCaseflowLayer.providedBy(request):
        return
    response = request.response
    for name, value in SECURITY_HEADERS.items():
        if not response.getHeader(name):
            response.setHeader(name, value)
