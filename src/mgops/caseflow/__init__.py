"""mgops.caseflow: the electronic family file of a municipal social-welfare centre."""

import logging


PACKAGE_NAME = "mgops.caseflow"

logger = logging.getLogger(PACKAGE_NAME)

try:
    from zope.i18nmessageid import MessageFactory
except ImportError:  # pragma: no cover - the pure core (``core/``) runs without Zope
    MessageFactory = None

#: the message factory of every label and message of the Plone half
_ = MessageFactory(PACKAGE_NAME) if MessageFactory is not None else None
