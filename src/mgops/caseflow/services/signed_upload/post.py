"""``POST <decision>/@signed-upload``: the head uploads a decision signed outside.

Body: JSON ``{"file": "<base64>"}`` (or plone.restapi's
``{"file": {"data": "<base64>", "encoding": "base64"}}``), or the XML itself
with ``Content-Type: application/xml``.
"""

import binascii
from base64 import b64decode

from plone.restapi.deserializer import json_body
from plone.restapi.services import Service

from mgops.caseflow.core.signing.errors import SignatureError
from mgops.caseflow.core.signing.safe_xml import DEFAULT_MAX_BYTES
from mgops.caseflow.services.csrf import refuse_cross_site
from mgops.caseflow.signing.signing import accept_signed_upload
from mgops.caseflow.signing.signing import check_may_sign
from mgops.caseflow.signing.signing import signed_summary


def _no_file() -> SignatureError:
    return SignatureError(
        "signed_upload_missing",
        "Send the signed decision XML as the base64 field file.",
    )


def _too_large() -> SignatureError:
    return SignatureError(
        "xml_too_large",
        "The file is larger than ${limit} MB.",
        limit=f"{DEFAULT_MAX_BYTES / (1024 * 1024):g}",
    )


def uploaded_bytes(request) -> bytes:
    content_type = (request.getHeader("Content-Type") or "").split(";")[0].strip()
    if content_type in ("application/xml", "text/xml"):
        data = request.get("BODY") or b""
        if len(data) > DEFAULT_MAX_BYTES:
            raise _too_large()
        return data
    try:
        body = json_body(request)
    except Exception:  # noqa: BLE001 - an unreadable body carries no file
        raise _no_file() from None
    value = body.get("file") if isinstance(body, dict) else None
    if isinstance(value, dict):
        value = value.get("data")
    if not isinstance(value, str) or not value:
        raise _no_file()
    if len(value) > DEFAULT_MAX_BYTES * 4 // 3 + 4:
        raise _too_large()
    try:
        return b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _no_file() from None


class SignedUploadPost(Service):
    def reply(self):
        refuse_cross_site(self.request)
        check_may_sign(self.context)  # a non-head hears 403 before any parsing
        result = accept_signed_upload(self.context, uploaded_bytes(self.request))
        return signed_summary(self.context, result)
