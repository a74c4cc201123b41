"""Pure modules of the viewer work without Qt; the selection model is plain Python."""

from __future__ import annotations


def test_pure_modules_import_without_pyside(tmp_path, run_without_qt):
    proc = run_without_qt(
        f"""
        sys.path.insert(0, {str(__import__("pathlib").Path(__file__).parent)!r})
        from conftest import build_sample_corpus
        from nktimeline import layout, selection
        from nktimeline.export import write_csv, write_json
        from nktimeline.ui.timeline_data import TimelineData
        c = build_sample_corpus()
        write_csv(c, {str(tmp_path / "e.csv")!r})
        write_json(c, {str(tmp_path / "e.json")!r})
        d = TimelineData(c)
        assert [lane.key for lane in d.lanes][:2] == ["summit", "talks"]
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").startswith("id,title,")
