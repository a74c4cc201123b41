"""First run on a bare machine: the README's package list against Qt's real dependencies, the
README's commands in CI, and a clear message (never an abort) when Qt cannot open a window."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nktimeline.ui import preflight

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
CI_RUN = (REPO / ".ci" / "run").read_text(encoding="utf-8")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + len(title))
    return README[start : end if end > 0 else len(README)]


def readme_packages() -> list[str]:
    """The package names of the README's ``apt-get install`` command."""
    block = re.search(r"```sh\n(.*?)```", _section("### System packages"), re.DOTALL)
    assert block, "README's System packages section has no sh block"
    command = block.group(1).replace("\\\n", " ")
    install = command[command.index("apt-get install") + len("apt-get install") :]
    return [w for w in install.split() if not w.startswith("-")]


def readme_commands() -> list[str]:
    """The sh commands of the Quick start section, in order."""
    text = _section("## Quick start (fresh machine)").split("### System packages")[0]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]


def ldd_libraries(path: Path) -> list[tuple[str, str | None]]:
    """(soname, resolved path or None when not found) for each library ldd lists."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
    libs = []
    for line in out.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+(not found|\S+)", line)
        if m:
            libs.append((m.group(1), None if m.group(2) == "not found" else m.group(2)))
    return libs


def dpkg_package(path: str) -> str | None:
    """The Debian package owning ``path`` (tried as given, resolved, and /usr-merged)."""
    if shutil.which("dpkg-query") is None:
        return None
    real = os.path.realpath(path)
    for candidate in dict.fromkeys((path, real, "/usr" + path, "/usr" + real)):
        done = subprocess.run(
            ["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False
        )
        if done.returncode == 0 and ":" in done.stdout:
            return done.stdout.split(":")[0].strip()
    return None


def test_readme_gives_two_commands_install_launch_and_test():
    launch, test = readme_commands()
    assert "`git clone " in _section("## Quick start (fresh machine)")
    # a virtual environment: Debian 12 / Ubuntu 24.04 refuse pip into the system Python
    for command in (launch, test):
        assert command.startswith("python3 -m venv ")
        assert ".venv/bin/python -m pip install " in command
    assert launch.endswith(".venv/bin/nktimeline")
    assert "'.[test]'" in test and test.endswith(".venv/bin/python -m pytest")
    assert "python3-venv" in readme_packages()


def test_ci_runs_the_readme_test_command_and_installs_its_packages():
    test_command = readme_commands()[1]
    assert test_command in CI_RUN.splitlines()
    pkgs = re.search(r'pkgs="(.*?)"', CI_RUN, re.DOTALL)
    assert pkgs
    ci = set(pkgs.group(1).split())
    missing = set(readme_packages()) - ci - {"fonts-noto-cjk"}  # fonts: no test needs them
    assert not missing, f".ci/run does not install {sorted(missing)}"


def test_readme_packages_are_known_names():
    """Every library package the README names is one the runtime table knows (no typos)."""
    table = preflight.runtime_table()
    known = set(table["libraries"].values()) | {"git", "python3-venv", "fonts-noto-cjk"}
    unknown = [p for p in readme_packages() if p not in known]
    assert not unknown, unknown
    assert not set(readme_packages()) & set(table["base"]), "base packages need no install"


@linux_only
@pytest.mark.skipif(shutil.which("ldd") is None, reason="no ldd")
def test_readme_lists_every_package_the_xcb_plugin_needs():
    plugin = preflight.xcb_plugin()
    if plugin is None:
        pytest.skip("PySide6 has no xcb plugin here")
    qt_dir = plugin.parents[2]  # .../PySide6/Qt
    table = preflight.runtime_table()
    listed = set(readme_packages()) | set(table["base"])
    libs = ldd_libraries(plugin)
    assert any(name.startswith("libxcb") for name, _ in libs), libs
    needed: dict[str, str] = {}
    for name, path in libs:
        if path is not None and Path(path).resolve().is_relative_to(qt_dir.resolve()):
            continue  # Qt's own libraries, shipped in the wheel
        owner = dpkg_package(path) if path else None
        if owner is not None:
            # the table (used when dpkg is absent, and by the start-up message) agrees
            assert table["libraries"].get(name) == owner.split(":")[0], (name, owner)
        pkg = owner or table["libraries"].get(name)
        assert pkg, f"{name}: unknown package; add it to resources/ui/qt_runtime.json"
        needed[pkg] = name
    missing = {p: lib for p, lib in needed.items() if p not in listed}
    assert not missing, f"README's System packages lacks {missing}"


def run_app(env_changes: dict[str, str | None], tmp_path: Path, path_prefix: str = ""):
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env["NKTIMELINE_HOME"] = str(tmp_path / "home")
    if path_prefix:
        env["PATH"] = path_prefix + os.pathsep + env.get("PATH", "")
    return subprocess.run(
        [sys.executable, "-m", "nktimeline"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_one_clear_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [x for x in done.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("nktimeline: ")
    return lines[0]


@linux_only
def test_no_display_says_so_and_exits_1(tmp_path):
    done = run_app({"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": "xcb"}, tmp_path)
    line = assert_one_clear_line(done)
    assert "no display found" in line
    assert "nktimeline export" in line and "Xvfb" in line


@linux_only
def test_missing_qt_libraries_are_named_with_their_packages(tmp_path):
    if preflight.xcb_plugin() is None:
        pytest.skip("PySide6 has no xcb plugin here")
    fake = tmp_path / "bin"
    fake.mkdir()
    ldd = fake / "ldd"  # an ldd that reports two libraries of a bare Debian 12 as missing
    ldd.write_text(
        "#!/bin/sh\n"
        "echo '\tlibxcb-icccm.so.4 => not found'\n"
        "echo '\tlibxcb-keysyms.so.1 => not found'\n"
        "echo '\tlibxcb-cursor.so.0 => /usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x1)'\n"
    )
    ldd.chmod(0o755)
    done = run_app({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, tmp_path, str(fake))
    line = assert_one_clear_line(done)
    assert "libxcb-icccm.so.4" in line and "libxcb-keysyms.so.1" in line
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in line
    assert "libxcb-cursor0" not in line  # installed: not blamed (Qt's own message does)


@linux_only
def test_unreachable_x_display_says_so(tmp_path):
    n = next(k for k in range(4711, 4800) if not Path(f"/tmp/.X11-unix/X{k}").exists())
    assert not preflight.x_server_reachable(f":{n}")
    done = run_app({"DISPLAY": f":{n}", "QT_QPA_PLATFORM": "xcb"}, tmp_path)
    if preflight.missing_libraries(preflight.xcb_plugin()):
        pytest.skip("libraries missing here: that message comes first")
    line = assert_one_clear_line(done)
    assert f"cannot connect to the X display ':{n}'" in line


def test_other_platforms_are_left_to_qt():
    env = {"QT_QPA_PLATFORM": "offscreen"}
    assert preflight.display_problem(env) is None
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert preflight.display_problem(wayland) is None
    if sys.platform.startswith("linux"):
        assert preflight.display_problem({}) == preflight.NO_DISPLAY
        assert preflight.display_problem({"QT_QPA_PLATFORM": "xcb", **wayland}) is not None


def test_qt_import_failure_names_the_package():
    exc = ImportError("libGL.so.1: cannot open shared object file: No such file or directory")
    message = preflight.import_problem(exc)
    assert "libGL.so.1" in message and "apt-get install libgl1" in message
    odd = preflight.import_problem(ImportError("something else"))
    assert "something else" in odd and "Traceback" not in odd
