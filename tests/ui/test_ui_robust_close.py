"""Closing the window during a long load cancels it and never aborts (issue 11, defect 10).

Qt aborts the whole process ("QThread: Destroyed while thread is still running") when a
running QThread is destroyed, so the dangerous cases run in a child process and are judged by
its exit status and stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

from nktimeline.pipeline import Cancelled


def test_closing_the_window_cancels_the_load_and_joins_its_thread(qtbot):
    from nktimeline.ui import workers
    from nktimeline.ui.main_window import MainWindow

    started = threading.Event()
    saw_cancel = threading.Event()

    def endless(paths, *, use_reference, progress, cancelled):
        started.set()
        while not cancelled():
            time.sleep(0.005)
        saw_cancel.set()
        raise Cancelled()

    w = MainWindow()
    qtbot.addWidget(w)
    w.loader = endless
    w.show()
    assert w.open_paths(["/nonexistent/a.txt"])
    job = w._worker
    assert job is not None
    assert started.wait(5)
    w.close()
    assert saw_cancel.is_set()
    assert job._qthread is not None and job._qthread.isFinished()
    assert workers.wait_all(0)


def run_child(script: str, tmp_path, timeout: float = 60) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        NKTIMELINE_HOME=str(tmp_path / "home"),
    )
    prelude = textwrap.dedent(
        f"""
        import sys, time
        from PySide6.QtCore import QSettings, QTimer
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          {str(tmp_path / "cfg")!r})
        from nktimeline.model import Corpus
        """
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def test_a_timed_out_wait_keeps_the_running_thread(tmp_path):
    """wait_all() giving up on a thread must not let Python destroy it while it runs."""
    r = run_child(
        """
        import gc
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication([])
        from nktimeline.ui.workers import LoadJob, wait_all

        def stubborn(paths, *, use_reference, progress, cancelled):
            time.sleep(1.0)  # one long step that does not poll its cancel flag
            return Corpus()

        job = LoadJob(["x"], loader=stubborn)
        job.start()
        job.cancel()
        del job
        assert not wait_all(50), "the loader cannot have finished yet"
        gc.collect()
        time.sleep(0.2)
        assert wait_all(10000)
        print("clean")
        """,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "clean" in r.stdout
    assert "QThread: Destroyed" not in r.stderr


def test_quitting_while_a_loader_ignores_cancel_exits_normally(tmp_path):
    r = run_child(
        """
        from nktimeline.ui.app import make_app, shutdown_loaders
        from nktimeline.ui.main_window import MainWindow

        def stubborn(paths, *, use_reference, progress, cancelled):
            time.sleep(30)  # never polls: closing cannot wait for it
            return Corpus()

        app = make_app()
        w = MainWindow()
        w.loader = stubborn
        w.close_wait_ms = 200
        w.show()
        w.open_paths(["/nonexistent/a.txt"])
        QTimer.singleShot(100, w.close)
        code = app.exec()
        print("event loop ended", flush=True)
        sys.exit(shutdown_loaders(code, 200))
        """,
        tmp_path,
        timeout=25,  # far less than the loader's 30 s: the process did not wait for it
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "event loop ended" in r.stdout
    assert "QThread: Destroyed" not in r.stderr
    assert "did not stop" in r.stderr


def test_quitting_during_a_polling_load_cancels_it(tmp_path):
    r = run_child(
        """
        from nktimeline.pipeline import Cancelled
        from nktimeline.ui.app import make_app, shutdown_loaders
        from nktimeline.ui.main_window import MainWindow

        def endless(paths, *, use_reference, progress, cancelled):
            while not cancelled():
                time.sleep(0.005)
            print("loader cancelled", flush=True)
            raise Cancelled()

        app = make_app()
        w = MainWindow()
        w.loader = endless
        w.show()
        w.open_paths(["/nonexistent/a.txt"])
        QTimer.singleShot(100, w.close)
        sys.exit(shutdown_loaders(app.exec()))
        """,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "loader cancelled" in r.stdout
    assert "QThread: Destroyed" not in r.stderr
    assert "did not stop" not in r.stderr
