"""User corrections of the chronology, kept apart from extraction (Qt-free).

- :mod:`~nktimeline.edits.records`: edits as records keyed by mentions (article content
  hash + sentence offsets), which survive re-extraction;
- :mod:`~nktimeline.edits.apply`: ``apply_edits(corpus, edits)``, a pure function;
- :mod:`~nktimeline.edits.project`: the ``.nktl`` project file (SQLite, atomic saves).
"""

from nktimeline.edits.apply import Applied, apply_edits, describe_date
from nktimeline.edits.project import (
    SUFFIX,
    Project,
    ProjectError,
    autosave_path,
    load_project,
    save_project,
)
from nktimeline.edits.records import (
    FIELDS,
    Edit,
    EditError,
    Keys,
    MentionKey,
    now_iso,
    parse_user_date,
    shifted,
    user_date,
)

__all__ = [
    "FIELDS",
    "SUFFIX",
    "Applied",
    "Edit",
    "EditError",
    "Keys",
    "MentionKey",
    "Project",
    "ProjectError",
    "apply_edits",
    "autosave_path",
    "describe_date",
    "load_project",
    "now_iso",
    "parse_user_date",
    "save_project",
    "shifted",
    "user_date",
]
