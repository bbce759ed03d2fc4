"""What happened to each demo family, as dated steps counted back from one day.

Plain values only (no Plone): ``plan_family(family, today)`` gives the file's own
fields and the ordered steps that take it from ``intake`` to the family's state,
each step naming who takes it ("social_worker", "assistant", "head",
"archivist"). Everything lies in the past: documents on working days before
``today``, visits between 07:00 and 21:00, the introduction within 7 working days
of the assignment, an assessment every 6 months, a monitoring visit in each of the
3 months after the end of work, and closing only once monitoring is complete.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from mgops.caseflow.core.rules.calendar import add_months
from mgops.caseflow.core.rules.calendar import add_working_days
from mgops.caseflow.core.rules.calendar import is_working_day
from mgops.caseflow.core.rules.calendar import working_day_on_or_after
from mgops.caseflow.core.rules.closing import monitoring_close_allowed_from
from mgops.caseflow.core.rules.closing import monitoring_months
from mgops.caseflow.demo.data import CONTROL_NOTES
from mgops.caseflow.demo.data import MONITORING_NOTES
from mgops.caseflow.demo.data import VISIT_NOTES
from mgops.caseflow.demo.data import DemoFamily


SOCIAL_WORKER = "social_worker"
ASSISTANT = "assistant"
HEAD = "head"
ARCHIVIST = "archivist"

#: Workflow states in the order a file reaches them on the standard path.
ORDER = ("intake", "awaiting_decision", "active", "monitoring", "closed", "archived")

#: Start and end of the visits, in turn: all inside the 07:00–21:00 window.
VISIT_HOURS = ((time(9, 0), time(10, 30)), (time(16, 0), time(17, 30)))

MAX_VISIT_NOTES = 4

#: the goals of every demo work plan, each with its expected effect
PLAN_GOALS = (
    ("Uporządkowanie budżetu domowego", "Rodzina samodzielnie planuje wydatki"),
    ("Poprawa frekwencji szkolnej dzieci", "Dzieci regularnie chodzą do szkoły"),
    (
        "Wzmocnienie kompetencji wychowawczych rodziców",
        "Rodzice kończą warsztaty dla rodziców",
    ),
)
#: the progress towards each goal (in the order of PLAN_GOALS) while work goes on
ASSESSMENT_CONTINUE = (
    ("Wyraźna poprawa, zaległości spłacane.", "partly"),
    ("Poprawa, nieobecności rzadkie i usprawiedliwione.", "yes"),
    ("Częściowa poprawa, rodzice uczestniczą w warsztatach.", "partly"),
)
#: … and when the last assessment recommends the end of work
ASSESSMENT_END = (
    ("Rodzina samodzielnie prowadzi budżet.", "yes"),
    ("Dzieci regularnie uczęszczają do szkoły.", "yes"),
    ("Rodzice ukończyli warsztaty i stosują ustalone zasady.", "yes"),
)


@dataclass(frozen=True)
class Document:
    """A document the actor writes, then takes to ``state`` (draft stays draft)."""

    actor: str
    portal_type: str
    title: str
    fields: dict = field(hash=False)
    state: str = "final"
    #: for a decision: the day the head signs it
    day: date | None = None


@dataclass(frozen=True)
class DocumentRef:
    """A field value naming an earlier document of the same file by its title
    (the loader puts in its UID, e.g. the plan an assessment verifies)."""

    title: str


@dataclass(frozen=True)
class Transition:
    """A workflow transition of the family file, taken by the actor."""

    actor: str
    transition: str
    new_state: str


@dataclass(frozen=True)
class ArchivalExport:
    """The actor exports the family file as an archival package (before archiving)."""

    actor: str


@dataclass(frozen=True)
class FamilyPlan:
    family: DemoFamily
    learned_on: date
    steps: tuple = ()

    @property
    def year(self) -> int:
        """The year of the case reference: when the file was opened."""
        return self.learned_on.year


def _before(day: date, today: date) -> date:
    """``day``, or the last working day before ``today`` if ``day`` is not earlier."""
    latest = today - timedelta(days=1)
    while not is_working_day(latest):
        latest -= timedelta(days=1)
    return min(day, latest)


def _pl(day: date) -> str:
    return day.strftime("%d.%m.%Y")


class _Builder:
    def __init__(self, family: DemoFamily, today: date):
        self.family = family
        self.today = today
        self.steps = []
        self.visits = 0

    def add(self, step):
        self.steps.append(step)

    def document(self, actor, portal_type, title, state="final", day=None, **fields):
        self.add(Document(actor, portal_type, title, fields, state, day))

    def transition(self, actor, transition, new_state):
        self.add(Transition(actor, transition, new_state))

    def visit_times(self, day: date):
        start, end = VISIT_HOURS[self.visits % len(VISIT_HOURS)]
        self.visits += 1
        return datetime.combine(day, start), datetime.combine(day, end)

    def note(self, actor, kind, title, day, content, place=None):
        start, end = self.visit_times(day)
        self.document(
            actor,
            "Note",
            f"{title} {_pl(day)}",
            kind=kind,
            visit_start=start,
            visit_end=end,
            place=place or "Mieszkanie rodziny, " + self.family.address,
            content=content,
        )


def plan_family(family: DemoFamily, today: date) -> FamilyPlan:
    """The file's history up to ``family.state``, dated back from ``today``."""
    learned_on = working_day_on_or_after(today - timedelta(days=family.learned_ago))
    if learned_on >= today:
        learned_on = _before(learned_on, today)
    build = _Builder(family, today)
    if family.support_path == "za_zyciem":
        # The file opens on the application and its certificate, no interview
        # (DESIGN, "Process" 11); the loader attaches the certificate's scan.
        build.document(
            SOCIAL_WORKER,
            "Note",
            f"Wniosek „Za życiem” {_pl(learned_on)}",
            kind="za_zyciem_application",
            received_on=learned_on,
            certificate_kind="pregnancy_document",
            place="Siedziba MGOPS",
            content="Wniosek o koordynację poradnictwa przez asystenta rodziny na "
            "podstawie art. 8 ust. 1 ustawy z dnia 4 listopada 2016 r. o wsparciu "
            "kobiet w ciąży i rodzin „Za życiem”, z zaświadczeniem lekarskim "
            "potwierdzającym ciążę.",
        )
        return FamilyPlan(family, learned_on, tuple(build.steps))

    # 1. The environmental interview, within 14 working days.
    interview_day = _before(add_working_days(learned_on, 4), today)
    final = family.state != "intake"
    build.document(
        SOCIAL_WORKER,
        "Interview",
        "Rodzinny wywiad środowiskowy",
        state="final" if final else "draft",
        interview_date=interview_day,
        conducted_by=family.social_worker.fullname,
        findings=family.findings,
        assistant_needed=final,
    )
    if not final:
        return FamilyPlan(family, learned_on, tuple(build.steps))

    # 2. The request to the head, and the head's decision.
    build.transition(SOCIAL_WORKER, "request_assistant", "awaiting_decision")
    decision_day = _before(add_working_days(interview_day, 5), today)
    pending = family.state == "awaiting_decision"
    build.document(
        HEAD,
        "Decision",
        "Decyzja o przydzieleniu asystenta rodziny",
        state="pending_signature" if pending else "signed",
        day=decision_day,
        kind="assign_assistant",
        assistant=family.assistant.user_id,
        content=f"Przydziela się rodzinie {family.family_name} asystenta rodziny "
        f"w osobie {family.assistant.fullname}.",
        justification="Na wniosek pracownika socjalnego, po przeprowadzeniu "
        "rodzinnego wywiadu środowiskowego wskazującego na trudności w wypełnianiu "
        "funkcji opiekuńczo-wychowawczych.",
    )
    if pending:
        return FamilyPlan(family, learned_on, tuple(build.steps))
    # Signing the assignment names the assistant and makes the file active.

    # 3. Introduction (≤ 7 working days), contract, plan, then visits.
    introduction_day = add_working_days(decision_day, 3)
    build.note(
        SOCIAL_WORKER,
        "introduction",
        "Wprowadzenie asystenta rodziny",
        introduction_day,
        f"Pracownik socjalny przedstawił rodzinie asystenta "
        f"({family.assistant.fullname}); omówiono zasady współpracy.",
    )
    contract_day = add_working_days(introduction_day, 2)
    build.document(
        SOCIAL_WORKER,
        "Contract",
        f"Kontrakt socjalny {_pl(contract_day)}",
        parties=f"MGOPS, reprezentowany przez: {family.social_worker.fullname}; "
        f"rodzina: {family.members[0].first_name} {family.members[0].last_name}",
        goals="Poprawa sytuacji bytowej i opiekuńczo-wychowawczej rodziny.",
        family_obligations="Regularne spotkania z asystentem, realizacja planu "
        "pracy, terminowe regulowanie opłat.",
        centre_obligations="Wsparcie asystenta rodziny, pomoc w kontaktach z "
        "instytucjami, pomoc finansowa w ramach ustawy o pomocy społecznej.",
        valid_from=contract_day,
        valid_to=add_months(contract_day, 6),
    )
    plan_day = add_working_days(introduction_day, 5)
    plan = DocumentRef(f"Plan pracy z rodziną {_pl(plan_day)}")
    build.document(
        ASSISTANT,
        "Plan",
        plan.title,
        goals=[
            {"goal": goal, "expected_effect": effect} for goal, effect in PLAN_GOALS
        ],
        actions="Wspólne planowanie wydatków, kontakt ze szkołą, udział w "
        "warsztatach dla rodziców.",
        responsibilities="Asystent: spotkania co najmniej raz na dwa tygodnie; "
        "rodzice: udział w spotkaniach i warsztatach.",
        agreed_on=plan_day,
    )

    if family.state == "social_work":
        refused = _before(
            add_months(decision_day, family.refused_after_months or 2), today
        )
        _visits(build, plan_day, refused)
        _end_of_work(
            build,
            "no_cooperation",
            refused,
            "Rodzina od kilku tygodni nie realizuje ustaleń planu pracy i odmawia "
            "spotkań; w porozumieniu z pracownikiem socjalnym wnoszę o zakończenie "
            "pracy asystenta i kontynuowanie pracy socjalnej.",
            "Cele planu nie zostały osiągnięte: rodzina przerwała współpracę.",
        )
        day, n = working_day_on_or_after(refused + timedelta(days=14)), 0
        while day < today and n < len(CONTROL_NOTES):
            build.note(
                SOCIAL_WORKER,
                "control_visit",
                "Wizyta kontrolna",
                day,
                CONTROL_NOTES[n],
            )
            day, n = working_day_on_or_after(add_months(day, 1)), n + 1
        return FamilyPlan(family, learned_on, tuple(build.steps))

    ends = ORDER.index(family.state) > ORDER.index("active")
    work_ended = (
        _before(add_months(decision_day, family.work_months), today) if ends else None
    )
    last_day = work_ended or _before(today, today)
    _visits(build, plan_day, last_day)
    _assessments(build, plan, decision_day, last_day, ending=ends)
    if not ends:
        return FamilyPlan(family, learned_on, tuple(build.steps))

    # 4. The end of work: the assistant asks, the head decides.
    _end_of_work(
        build,
        "plan_achieved",
        work_ended,
        "Cele planu pracy zostały osiągnięte; w porozumieniu z pracownikiem "
        "socjalnym wnoszę o zakończenie pracy z rodziną i objęcie jej "
        "monitorowaniem.",
        " ".join(progress for progress, _achieved in ASSESSMENT_END),
    )

    # 5. Monitoring: a visit in each of the 3 months after the end of work.
    for n, month in enumerate(monitoring_months(work_ended)):
        day = working_day_on_or_after(month.first_day + timedelta(days=9))
        if day >= today:
            break
        build.note(
            ASSISTANT,
            "monitoring_visit",
            "Wizyta monitorująca",
            day,
            MONITORING_NOTES[n],
        )
    if family.state == "monitoring":
        return FamilyPlan(family, learned_on, tuple(build.steps))
    if today < monitoring_close_allowed_from(work_ended):
        raise ValueError(f"{family.key}: monitoring not over, cannot be closed")
    build.transition(SOCIAL_WORKER, "close", "closed")
    if family.state == "archived":
        build.add(ArchivalExport(ARCHIVIST))
        build.transition(ARCHIVIST, "archive", "archived")
    return FamilyPlan(family, learned_on, tuple(build.steps))


def _end_of_work(
    build: _Builder, reason: str, decided: date, request: str, outcome: str
):
    """DESIGN, "Process" 7: the assistant's request, the social worker's joint
    position on it, and the head's decision on ``decided``, which moves the file
    as its reason says (``core/rules/ending.py``)."""
    family = build.family
    request_day = _working_day_on_or_before(decided - timedelta(days=14))
    request_title = f"Wniosek o zakończenie pracy z rodziną {_pl(request_day)}"
    build.document(
        ASSISTANT,
        "Note",
        request_title,
        kind="end_request",
        visit_start=datetime.combine(request_day, time(10, 0)),
        visit_end=datetime.combine(request_day, time(10, 30)),
        place="Siedziba MGOPS",
        content=request,
        end_reason=reason,
        plan_outcome=outcome,
    )
    position_day = _working_day_on_or_before(decided - timedelta(days=7))
    build.document(
        SOCIAL_WORKER,
        "Note",
        f"Stanowisko pracownika socjalnego {_pl(position_day)}",
        kind="end_request_position",
        visit_start=datetime.combine(position_day, time(9, 0)),
        visit_end=datetime.combine(position_day, time(9, 30)),
        place="Siedziba MGOPS",
        content="Stanowisko wypracowane wspólnie z asystentem rodziny: popieram "
        "wniosek.",
        end_request=DocumentRef(request_title),
        position="agree",
    )
    build.document(
        HEAD,
        "Decision",
        "Decyzja o zakończeniu pracy z rodziną",
        state="signed",
        day=decided,
        kind="end_work",
        end_reason=reason,
        end_request=DocumentRef(request_title),
        content=f"Kończy się pracę asystenta rodziny z rodziną {family.family_name}.",
        justification="Na wniosek asystenta rodziny, po zajęciu stanowiska przez "
        "pracownika socjalnego.",
    )


def _working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _visits(build: _Builder, after: date, until: date):
    """The assistant's last few visits, every three weeks, between two days."""
    days = []
    day = working_day_on_or_after(after + timedelta(days=7))
    while day < until:
        days.append(day)
        day = working_day_on_or_after(day + timedelta(days=21))
    for n, day in enumerate(days[-MAX_VISIT_NOTES:]):
        build.note(
            ASSISTANT,
            "visit",
            "Wizyta asystenta",
            day,
            VISIT_NOTES[(n + len(build.family.key)) % len(VISIT_NOTES)],
        )


def _assessments(
    build: _Builder, plan: DocumentRef, start: date, until: date, ending: bool
):
    """A periodic assessment of ``plan`` for every 6 months of work before
    ``until``, goal by goal; when the work is ending, the last one (or one more,
    20 days before) recommends the end."""
    periods = []
    period_from = start
    while (period_to := add_months(period_from, 6)) < until:
        periods.append((period_from, period_to))
        period_from = period_to
    closing_day = _working_day_on_or_before(until - timedelta(days=20))
    if ending and closing_day > period_from:
        periods.append((period_from, closing_day))
    for n, (period_from, period_to) in enumerate(periods, start=1):
        last = ending and n == len(periods)
        day = _before(add_working_days(period_to, 2), build.today)
        if last:
            day = period_to
        build.document(
            ASSISTANT,
            "Assessment",
            f"Okresowa ocena sytuacji rodziny {_pl(day)}",
            plan=plan,
            period_from=period_from,
            period_to=period_to,
            goal_progress=[
                {"goal": goal, "progress": progress, "achieved": achieved}
                for (goal, _effect), (progress, achieved) in zip(
                    PLAN_GOALS,
                    ASSESSMENT_END if last else ASSESSMENT_CONTINUE,
                    strict=True,
                )
            ],
            recommendation="end" if last else "continue",
        )
