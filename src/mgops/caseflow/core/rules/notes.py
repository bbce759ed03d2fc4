"""Who may write which note: the introduction is the social worker's act."""

from mgops.caseflow.core.errors import RuleViolation


def check_introduction_author(
    author: str | None, actor: str | None, social_worker: str | None
) -> None:
    """Refuse an introduction note written or finalized by anyone else than the
    file's responsible social worker.

    DESIGN, "Process" 3 (the centre's rules): the social worker introduces the
    assistant to the family within 7 working days of the handover; the note of
    that introduction is theirs, so an assistant's note (or the administrator's)
    cannot meet the deadline. ``author`` wrote the note, ``actor`` is doing
    this now (creating, editing or finalizing it).
    """
    if not social_worker:
        raise RuleViolation(
            "rule_introduction_needs_social_worker",
            "The family file names no responsible social worker, so no one may "
            "write the introduction note yet.",
        )
    if author != social_worker or actor != social_worker:
        raise RuleViolation(
            "rule_introduction_by_social_worker",
            "Only the file's responsible social worker writes and finalizes the "
            "introduction note: the social worker introduces the assistant to the "
            "family.",
        )
