"""What a family file says of the court: an obligation to work with an
assistant, and the court's requests for the assistant's opinion."""

from collections.abc import Iterable
from datetime import date

from mgops.caseflow.core.errors import RuleViolation


def check_court_facts(
    obliged: bool,
    reference: str | None,
    decided_on: date | None,
    opinions: Iterable[tuple[date | None, date | None]] = (),
) -> None:
    """A court's obligation (Family and Guardianship Code, art. 109 § 2 pkt 1)
    names the court's decision, its reference and date; an opinion (Act of
    9 June 2011, art. 15 ust. 1 pkt 15) is sent after the court asked for it."""
    if obliged and not ((reference or "").strip() and decided_on):
        raise RuleViolation(
            "rule_court_obligation_needs_decision",
            "A court's obligation to work with an assistant needs the court's "
            "decision: its reference and its date.",
        )
    for requested_on, sent_on in opinions:
        if requested_on and sent_on and sent_on < requested_on:
            raise RuleViolation(
                "rule_opinion_sent_before_request",
                "An opinion cannot be sent (${sent}) before the court asked for it "
                "(${requested}).",
                sent=sent_on.isoformat(),
                requested=requested_on.isoformat(),
            )
