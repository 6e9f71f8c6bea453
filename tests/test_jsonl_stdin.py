"""`kzcheck extract -` reads articles as JSON lines on stdin and gives what it gives for the files."""
import json


def _as_jsonl(project) -> str:
    return "".join(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                   for f in sorted((project / "seeds").glob("*.txt")))


def test_stdin_round_trip_equals_the_files(kz, project):
    files = kz("extract", "--format", "jsonl", "--kind", "all", "--no-cache")
    stdin = kz("extract", "-", "--format", "jsonl", "--kind", "all", "--no-cache", input=_as_jsonl(project))
    assert files.exit_code == 0 and stdin.exit_code == 0, stdin.output
    assert files.stdout.count("\n") > 20
    assert stdin.stdout == files.stdout


def test_stdin_metadata_is_used(kz):
    line = json.dumps({"id": "w1", "text": "Officials said 12 people were killed in Almaty.", "outlet": "Steppe Wire",
                       "published": "2022-01-07"})
    r = kz("extract", "-", "--format", "jsonl", "--kind", "figure", input=line + "\n")
    claims = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.exit_code == 0 and claims
    assert {c["article"] for c in claims} == {"w1"} and claims[0]["low"] == 12


def test_bad_stdin_lines_are_skipped_with_one_line_warnings(kz):
    good = json.dumps({"id": "w1", "text": "Officials said 12 people were killed in Almaty."})
    r = kz("extract", "-", "--format", "jsonl", input=f"not json\n{good}\n[1, 2]\n{{\"id\": \"x\"}}\n\n")
    assert r.exit_code == 0
    assert "Traceback" not in r.output
    warnings = [w for w in r.stderr.splitlines() if w.startswith("kzcheck: warning:")]
    assert len(warnings) == 3 and "line 1" in warnings[0] and "line 3" in warnings[1] and "line 4" in warnings[2]
    assert {json.loads(x)["article"] for x in r.stdout.splitlines()} == {"w1"}
