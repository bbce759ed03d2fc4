"""mgops.caseflow: the electronic family file of a municipal social-welfare centre."""

import logging

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "mgops.caseflow"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
