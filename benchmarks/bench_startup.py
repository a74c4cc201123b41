"""Startup benchmark: process launch to the first painted timeline on the bundled seeds.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_startup.py [--runs 3]

Launches a fresh interpreter per run (so imports count), which opens the main window on the
seeds through the normal background loader and reports when the timeline has painted the
loaded events.  Prints one JSON line: {"startup_s": median, "runs": [...]}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from PySide6.QtCore import QSettings, QTimer
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
from nktimeline.paths import seed_files
from nktimeline.ui.app import make_app
from nktimeline.ui.main_window import MainWindow

app = make_app()
win = MainWindow()
win.resize(1400, 900)
win.show()

def painted(corpus):
    win.timeline.viewport().repaint()  # synchronous paint of the loaded timeline
    app.processEvents()
    print("PAINTED", time.time(), len(corpus.events), flush=True)
    QTimer.singleShot(0, app.quit)

win.corpusLoaded.connect(painted)
win.open_paths([str(p) for p in seed_files()])
QTimer.singleShot(60000, app.quit)
app.exec()
"""


def one_run() -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as cfg:
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, cfg], capture_output=True, text=True, env=env, timeout=120
        )
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED"):
            return float(line.split()[1]) - t0
    raise RuntimeError(f"the app did not paint a timeline:\n{out.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    runs = [one_run() for _ in range(args.runs)]
    print(
        json.dumps(
            {"startup_s": round(statistics.median(runs), 3), "runs": [round(r, 3) for r in runs]}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
