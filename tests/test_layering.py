"""The core must import and run with PySide6 absent (GUIDE: core never imports Qt)."""

from __future__ import annotations

CORE = [
    "nktimeline",
    "nktimeline.model",
    "nktimeline.paths",
    "nktimeline.pipeline",
    "nktimeline.ingest",
    "nktimeline.temporal",
    "nktimeline.events",
    "nktimeline.language",
    "nktimeline.chronology",
    "nktimeline.store",
    "nktimeline.edits",
    "nktimeline.cli",
]


def test_core_imports_and_runs_without_qt(seed_paths, run_without_qt):
    proc = run_without_qt(
        f"""
        import importlib
        for mod in {CORE!r}:
            importlib.import_module(mod)
        from nktimeline.pipeline import load_corpus
        corpus = load_corpus({[str(p) for p in seed_paths]!r})
        assert len(corpus.articles) == 4, corpus.errors
        assert corpus.events
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok", len(corpus.events))
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")
