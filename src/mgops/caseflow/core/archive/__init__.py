"""Archival packages of family files: a streaming writer and a verifying reader.

Pure Python over plain records (``model``), no Plone: the Plone side adapts
content into ``FamilyFileRecord`` objects, hands an iterator of them to
``write_package`` with a target (``ZipTarget`` for a file or a web response,
``DirectoryTarget``), and feeds ``read_package`` results back into a site.
"""

from mgops.caseflow.core.archive.errors import MESSAGES
from mgops.caseflow.core.archive.errors import ArchiveError
from mgops.caseflow.core.archive.institution import ArchiveSettings
from mgops.caseflow.core.archive.institution import Institution
from mgops.caseflow.core.archive.model import KIND_BY_PORTAL_TYPE
from mgops.caseflow.core.archive.model import Address
from mgops.caseflow.core.archive.model import Attachment
from mgops.caseflow.core.archive.model import CourtOpinion
from mgops.caseflow.core.archive.model import DocumentRecord
from mgops.caseflow.core.archive.model import FamilyFileRecord
from mgops.caseflow.core.archive.model import Member
from mgops.caseflow.core.archive.model import Signature
from mgops.caseflow.core.archive.model import Staff
from mgops.caseflow.core.archive.model import WorkflowEvent
from mgops.caseflow.core.archive.reader import PackageInfo
from mgops.caseflow.core.archive.reader import PackageReader
from mgops.caseflow.core.archive.reader import read_package
from mgops.caseflow.core.archive.targets import DirectoryTarget
from mgops.caseflow.core.archive.targets import DiscardTarget
from mgops.caseflow.core.archive.targets import ZipTarget
from mgops.caseflow.core.archive.validation import ArchiveSchemas
from mgops.caseflow.core.archive.writer import ExportSummary
from mgops.caseflow.core.archive.writer import Progress
from mgops.caseflow.core.archive.writer import write_package


__all__ = [
    "KIND_BY_PORTAL_TYPE",
    "MESSAGES",
    "Address",
    "ArchiveError",
    "ArchiveSchemas",
    "ArchiveSettings",
    "Attachment",
    "DirectoryTarget",
    "DiscardTarget",
    "DocumentRecord",
    "ExportSummary",
    "CourtOpinion",
    "FamilyFileRecord",
    "Institution",
    "Member",
    "PackageInfo",
    "PackageReader",
    "Progress",
    "Signature",
    "Staff",
    "WorkflowEvent",
    "ZipTarget",
    "read_package",
    "write_package",
]
