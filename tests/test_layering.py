"""The core must import and run with PySide6 absent (GUIDE: core never imports Qt)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CORE = [
    "nktimeline",
    "nktimeline.model",
    "nktimeline.paths",
    "nktimeline.pipeline",
    "nktimeline.ingest",
    "nktimeline.temporal",
    "nktimeline.events",
    "nktimeline.chronology",
    "nktimeline.cli",
]


def test_core_imports_and_runs_without_qt(seed_paths):
    script = textwrap.dedent(
        f"""
        import importlib, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
                    raise ImportError("PySide6 blocked for this test")
                return None
        sys.meta_path.insert(0, Block())
        for mod in {CORE!r}:
            importlib.import_module(mod)
        from nktimeline.pipeline import load_corpus
        corpus = load_corpus({[str(p) for p in seed_paths]!r})
        assert len(corpus.articles) == 4, corpus.errors
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok", len(corpus.events))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")
