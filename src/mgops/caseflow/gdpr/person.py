"""Everything held about one person across family files (GDPR art. 15).

Regulation (EU) 2016/679, art. 15 (right of access): the data subject gets a
copy of the personal data processed and the information of art. 15(1) (a)–(h).
The head prepares it: this module finds the person (by PESEL, or by first and
last name) in the members of every family file the head may see, and in every
document that names them (its text, from the catalog's full text —
``content.searchable`` — then read to confirm), and gives for each file
concerned the purposes, categories of data, recipients, retention period,
rights, the supervisory authority and the source of the data.

Each file the report shows is recorded in the audit trail (``person_report``);
the PESEL in the trail is masked, so the trail does not become a second
register of people. The CSV is for spreadsheets: UTF-8 with BOM, and cells a
spreadsheet would run as a formula are quoted with an apostrophe.
"""

import csv
import io
import re

from Acquisition import aq_parent
from plone import api

from mgops.caseflow import _
from mgops.caseflow.audit.record import log_now
from mgops.caseflow.content.document import IFamilyDocument
from mgops.caseflow.content.family_file import IFamilyFile
from mgops.caseflow.content.indexers import date_of
from mgops.caseflow.content.searchable import full_text
from mgops.caseflow.core.errors import CaseflowError
from mgops.caseflow.core.rules.pesel import check_pesel
from mgops.caseflow.gdpr.information import information


LEGAL_BASIS = _(
    "person_report_basis",
    default="Regulation (EU) 2016/679 (GDPR), art. 15: right of access by the data "
    "subject.",
)

#: no first and last name is longer; a longer one is refused, not searched for
MAX_NAME = 300


def person_report(pesel=None, name=None, request=None) -> list[dict]:
    """The person's records (see ``find_person``), each file shown audited.

    Refused unless a valid PESEL or a name is given.
    """
    if (not pesel and not name) or (name and len(name) > MAX_NAME):
        raise CaseflowError(
            "error_person_report_query",
            'Give the person\'s PESEL ("pesel") or first and last name '
            '("name") in the body of the request.',
        )
    if pesel:
        check_pesel(pesel)
    records = find_person(pesel=pesel, name=name)
    masked = f"{pesel[:6]}*****" if pesel else None
    for record in records:
        log_now(
            "person_report",
            obj=api.content.get(UID=record["family_file"]["uid"]),
            request=request,
            detail={"pesel": masked, "name": name},
        )
    return records


def _same_name(member, name):
    full = f"{member.get('first_name') or ''} {member.get('last_name') or ''}"
    return " ".join(full.lower().split()) == " ".join(name.lower().split())


def _iso(value):
    if hasattr(value, "asdatetime"):  # Zope's DateTime
        value = value.asdatetime()
    return value.isoformat() if hasattr(value, "isoformat") else value


def _normalized(text):
    return " ".join((text or "").lower().split())


def _text_query(pesel, name):
    """The catalog's full-text query: the PESEL as a word, or the name's words
    as one phrase (only letters and digits, so nothing in it is an operator)."""
    if pesel:
        return pesel
    words = re.findall(r"\w+", name)
    return '"' + " ".join(words) + '"' if words else None


def _names_the_person(obj, pesel, name) -> bool:
    text = full_text(obj)
    return pesel in text if pesel else _normalized(name) in _normalized(text)


def candidates(pesel=None, name=None):
    """Brains of the files and documents the user may see whose full text holds
    the PESEL or the name (the catalog's words; each is read to confirm)."""
    query = _text_query(pesel, name)
    if query is None:
        return []
    return api.content.find(
        SearchableText=query,
        object_provides=[IFamilyFile.__identifier__, IFamilyDocument.__identifier__],
        sort_on="path",
    )


def find_person(pesel=None, name=None):
    """One record per (family file, matching member), with the file's documents,
    and one per file where the person is named only in documents."""
    if not pesel and not name:
        return []
    members, mentions, files = {}, {}, {}
    for brain in candidates(pesel, name):
        obj = brain.getObject()
        family_file = obj if IFamilyFile.providedBy(obj) else aq_parent(obj)
        if not IFamilyFile.providedBy(family_file):
            continue
        files[family_file.UID()] = family_file
        if obj is family_file:
            members[obj.UID()] = [
                member
                for member in family_file.members or []
                if (member.get("pesel") == pesel if pesel else _same_name(member, name))
            ]
        elif _names_the_person(obj, pesel, name):
            mentions.setdefault(family_file.UID(), []).append(obj)
    records = []
    for uid, family_file in files.items():
        named_in = mentions.get(uid, [])
        for member in members.get(uid) or [None] * bool(named_in):
            records.append(_record(family_file, member, named_in))
    return records


def _document(document):
    return {
        "@id": document.absolute_url(),
        "type": document.portal_type,
        "title": document.Title(),
        "date": _iso(date_of(document)),
        "created": _iso(document.created()),
        "review_state": api.content.get_state(document, default=None),
    }


def _record(family_file, member, named_in=()):
    """The file, the person's member record (None when the file only names
    them in documents), the file's documents, those that name the person, and
    the information of art. 15(1)."""
    documents = [_document(document) for document in family_file.objectValues()]
    return {
        "family_file": {
            "@id": family_file.absolute_url(),
            "uid": family_file.UID(),
            "case_reference": family_file.case_reference,
            "family_name": family_file.family_name,
            "address": family_file.address,
            "review_state": api.content.get_state(family_file),
            "opened": _iso(family_file.opened),
            "ended": _iso(family_file.ended),
            "social_worker": family_file.social_worker,
            "assistant": family_file.assistant,
            "archival_category": family_file.archival_category,
        },
        "person": (
            {key: _iso(value) for key, value in member.items()} if member else None
        ),
        "documents": documents,
        "named_in": [_document(document) for document in named_in],
        "information": information(family_file),
    }


CSV_COLUMNS = (
    "case_reference",
    "family_name",
    "address",
    "review_state",
    "opened",
    "ended",
    "first_name",
    "last_name",
    "role",
    "birth_date",
    "pesel",
    "document_type",
    "document_title",
    "document_date",
    "document_state",
    "document_names_the_person",
)


def csv_rows(records):
    for record in records:
        file_, person = record["family_file"], record["person"] or {}
        base = [
            file_["case_reference"],
            file_["family_name"],
            file_["address"],
            file_["review_state"],
            file_["opened"],
            file_["ended"],
            person.get("first_name"),
            person.get("last_name"),
            person.get("role"),
            person.get("birth_date"),
            person.get("pesel"),
        ]
        naming = {document["@id"] for document in record["named_in"]}
        for document in record["documents"] or [None]:
            if document is None:
                yield base + ["", "", "", "", ""]
            else:
                yield base + [
                    document["type"],
                    document["title"],
                    document["date"],
                    document["review_state"],
                    "tak" if document["@id"] in naming else "",
                ]


def _safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_csv(records) -> bytes:
    """The report as a spreadsheet reads it: ``;``-separated UTF-8 with BOM."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(records):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")
