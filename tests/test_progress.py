"""The progress bar: on a terminal's stderr for long runs, silent otherwise, warnings above it."""
import io
import json

import pytest
from rich.console import Console

from kzcheck import cli as cli_module


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def terminal(monkeypatch):
    """Make stderr look like a terminal to kzcheck: the bar is drawn into a buffer; any run counts as long."""
    buf = FakeTerminal()
    monkeypatch.setattr(cli_module, "_progress_console",
                        lambda: Console(file=buf, force_terminal=True, no_color=True, width=100))
    monkeypatch.setattr(cli_module, "PROGRESS_MIN_ARTICLES", 1)
    return buf


@pytest.mark.parametrize("args, label", [
    (["extract", "--format", "csv"], "extracting"),
    (["compare", "deaths"], "reading articles"),
    (["sources", "14 deaths"], "reading articles"),
    (["check"], "checking"),
])
def test_bar_on_a_terminal(kz, terminal, args, label):
    r = kz(*args)
    assert r.exit_code in (0, 1), r.output
    drawn = terminal.getvalue()
    assert label in drawn and "100%" in drawn
    assert "\x1b[" not in r.stdout and label not in r.stdout


def test_warnings_are_printed_above_the_bar(kz, project, terminal):
    (project / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    r = kz("extract", "--format", "jsonl")
    assert r.exit_code == 0
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()]
    drawn = terminal.getvalue()
    assert "extracting" in drawn
    assert "kzcheck: warning: " in drawn and "empty.txt: skipped, it is empty" in drawn
    assert "empty.txt" not in r.stderr  # printed once, through the bar's console


def test_no_bar_for_a_short_run(kz, terminal, monkeypatch):
    monkeypatch.setattr(cli_module, "PROGRESS_MIN_ARTICLES", 200)
    assert kz("extract", "--format", "csv").exit_code == 0
    assert terminal.getvalue() == ""


def test_no_bar_when_the_output_streams_to_the_terminal(terminal, project):
    with cli_module._progress([str(project / "seeds")], streams_to_terminal=True) as advance:
        assert advance is None
    with cli_module._progress([str(project / "seeds")]) as advance:
        assert callable(advance)
        advance(1)
    assert "extracting" in terminal.getvalue()


def test_silent_when_stderr_is_not_a_terminal(kz, monkeypatch):
    monkeypatch.setattr(cli_module, "PROGRESS_MIN_ARTICLES", 1)
    r = kz("extract", "--format", "csv")
    assert r.exit_code == 0
    assert r.stderr == ""


@pytest.mark.parametrize("env, shown", [({}, True), ({"NO_COLOR": "1"}, True), ({"CI": "true"}, False),
                                        ({"TERM": "dumb"}, False)])
def test_which_terminals_get_a_bar(monkeypatch, env, shown):
    for k in ("CI", "NO_COLOR", "TERM"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("sys.stderr", FakeTerminal())
    con = cli_module._progress_console()
    assert (con is not None) == shown
    if con is not None:
        assert con.file is cli_module.sys.stderr
        assert con.no_color == ("NO_COLOR" in env)
