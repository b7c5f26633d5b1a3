"""青年文明号: collectives and their rosters, review groups, the committee's two-year cycle with
its rubric, the 创建备案 and 申报 of each collective, 互检互查 scores, recognitions with their
history, and the yearly review of recognised collectives.

One module per subject; every name is importable from here, as Django and the migrations
expect of an app's ``models``."""

from .applications import (
    APPLICATION_HOLDING,
    FILING_HOLDING,
    UNDER_CHECK,
    ApplicationStatus,
    Filing,
    FilingStatus,
    PeerReview,
    PostApplication,
)
from .collectives import (
    ROLE_ORDER,
    Collective,
    CollectiveCase,
    CollectiveCaseManager,
    CollectiveKind,
    CollectiveMember,
    PostRole,
    ReviewGroup,
    roster_prefetch,
)
from .cycles import CYCLE_START_YEAR, RUBRIC_EDITABLE, Cycle, CycleStatus, RubricVersion, Stars
from .recognitions import (
    EventKind,
    Recognition,
    RecognitionEvent,
    RecognitionStatus,
    YearlyReview,
    YearlyStatus,
)

__all__ = [
    "APPLICATION_HOLDING",
    "CYCLE_START_YEAR",
    "FILING_HOLDING",
    "ROLE_ORDER",
    "RUBRIC_EDITABLE",
    "UNDER_CHECK",
    "ApplicationStatus",
    "Collective",
    "CollectiveCase",
    "CollectiveCaseManager",
    "CollectiveKind",
    "CollectiveMember",
    "Cycle",
    "CycleStatus",
    "EventKind",
    "Filing",
    "FilingStatus",
    "PeerReview",
    "PostApplication",
    "PostRole",
    "Recognition",
    "RecognitionEvent",
    "RecognitionStatus",
    "ReviewGroup",
    "RubricVersion",
    "Stars",
    "YearlyReview",
    "YearlyStatus",
    "roster_prefetch",
]
