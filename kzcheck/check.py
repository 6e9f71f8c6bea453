"""`kzcheck check`: is claims.yaml valid and up to date with the articles?

Every finding has a code, a severity, a file and a line, so that CI can point
at the article line or the claims.yaml line. Errors need a person (exit 1);
warnings and notices inform. A claims.yaml that cannot be read is an input
error (exit 2).
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import Callable, Optional

import click

from .compare import MAX_CONTRADICTIONS, compare, cross_contradictions
from .corpus import ARTICLE_SUFFIXES
from .errors import RegistryError, ValidationProblems
from .model import SCORED_MEASURES, Claim

CODES = {
    "KZ001": "invalid claims.yaml",
    "KZ101": "article not registered",
    "KZ102": "new claim",
    "KZ103": "registered article missing",
    "KZ104": "article changed",
    "KZ105": "stale claim",
    "KZ106": "unreviewed claim",
    "KZ107": "no known event",
    "KZ108": "unacknowledged contradiction",
    "KZ109": "new statements",
}


@dataclass
class Finding:
    code: str
    severity: str  # error | warning | notice
    file: str
    line: Optional[int]
    message: str

    @property
    def title(self) -> str:
        return f"{self.code} {CODES.get(self.code, '')}".strip()


def _rel(path: str, root: str) -> str:
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _fig(c: Claim) -> str:
    if c.negated:
        return f"{c.measure} none"
    text = c.figure.text if c.figure else c.text
    return f"{c.measure} {text!r}"


def run_check(project, warn: Callable[[str], None],
              progress: Optional[Callable[[int], None]] = None) -> tuple[list[Finding], int]:
    from .pipeline import extract_paths

    reg_file = _rel(project.registry_path, project.root)
    try:
        reg = project.registry()
    except ValidationProblems as e:
        return [Finding("KZ001", "error", reg_file, p.line, p.message) for p in e.problems], 2
    except RegistryError as e:
        return [Finding("KZ001", "error", reg_file, e.line, e.message)], 2
    findings: list[Finding] = []
    vocab = project.vocab()
    registered_claims: dict[str, list[Claim]] = {}
    for c in reg.claims:
        registered_claims.setdefault(c.article, []).append(c)
    seen_articles: set[str] = set()
    new_claims: list[Claim] = []
    paths = [project.seeds_dir] if os.path.isdir(project.seeds_dir) else []
    for art in extract_paths(project, paths, warn=warn, progress=progress):
        seen_articles.add(art.id)
        art_file = _rel(art.path, project.root)
        known = {c.id: c for c in registered_claims.get(art.id, [])}
        figures = [c for c in art.claims if c.kind == "figure"]
        if art.id not in reg.articles:
            findings.append(Finding("KZ101", "error", art_file, 1,
                                    f"article {art.id} is not in claims.yaml ({len(figures)} figure(s) found): "
                                    f"run `kzcheck extract --write` and review its claims"))
        else:
            recorded = (reg.articles.get(art.id) or {}).get("hash")
            if recorded and recorded != art.content_hash:
                findings.append(Finding("KZ104", "warning", art_file, 1,
                                        f"article {art.id} changed since its claims were recorded: run `kzcheck extract --write`"))
            fingerprints = {c.fingerprint for c in art.claims}
            for c in known.values():
                if c.status in ("confirmed", "corrected") and c.fingerprint and c.fingerprint not in fingerprints and c.id not in {x.id for x in art.claims}:
                    findings.append(Finding("KZ105", "error", reg_file, reg.claim_line(c.id),
                                            f"claim {c.id} ({_fig(c)}) was {c.status} but its sentence is no longer in "
                                            f"{art.id}: review it (`kzcheck review {c.id}`)"))
        new_statements = 0
        for c in art.claims:
            if c.id in known:
                continue
            if c.kind == "statement":
                new_statements += 1
                continue
            new_claims.append(c)
            severity = "error" if c.measure in SCORED_MEASURES else "notice"
            findings.append(Finding("KZ102", severity, art_file, c.line,
                                    f"{_fig(c)} from {c.source.name} ({c.source.cls}) is not in claims.yaml: "
                                    f"run `kzcheck extract --write`"))
        if new_statements:
            findings.append(Finding("KZ109", "notice", art_file, 1,
                                    f"{new_statements} attributed statement(s) not yet in claims.yaml"))
    for art_id in reg.articles:
        if art_id not in seen_articles:
            findings.append(Finding("KZ103", "error", reg_file, reg.article_line(art_id),
                                    f"article {art_id} is registered but there is no such file in "
                                    f"{_rel(project.seeds_dir, project.root)}/: restore it or remove its entry"))
    for c in reg.claims:
        if c.status == "unreviewed" and c.kind == "figure" and c.measure in SCORED_MEASURES:
            findings.append(Finding("KZ106", "error", reg_file, reg.claim_line(c.id),
                                    f"claim {c.id} ({_fig(c)}, {c.article}) is unreviewed: `kzcheck review`"))
        if c.kind == "figure" and c.event is None and c.status != "rejected" and c.measure in SCORED_MEASURES:
            where = f" (proposed: {c.proposed_event})" if c.proposed_event else ""
            findings.append(Finding("KZ107", "notice", reg_file, reg.claim_line(c.id),
                                    f"claim {c.id} ({_fig(c)}) fits no known event{where}: add the event to claims.yaml"))
    findings.extend(_contradictions(project, reg, vocab, new_claims, reg_file))
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique.setdefault((f.code, f.file, f.line, f.message), f)
    findings = list(unique.values())
    errors = any(f.severity == "error" for f in findings)
    return findings, 1 if errors else 0


def _contradictions(project, reg, vocab, new_claims: list[Claim], reg_file: str) -> list[Finding]:
    """Contradictions that need a person: between figures nobody has noted (new figures have no note), and
    between a new figure and a noted one. Every one is counted, so that an unacknowledged contradiction
    cannot hide behind acknowledged ones; per event and subject the MAX_CONTRADICTIONS most severe are
    listed and one more finding gives the count of the rest (listing them all is quadratic on a large
    registry: millions of findings)."""
    out: list[Finding] = []
    new_ids = {c.id for c in new_claims}
    claims = [c for c in reg.claims if c.status != "rejected"] + new_claims
    unnoted = [c for c in claims if not c.note]
    noted = [c for c in claims if c.note]
    measures = sorted({c.measure for c in claims if c.kind == "figure" and c.measure in SCORED_MEASURES})
    for measure in measures:
        for comp in compare(unnoted, measure, vocab, reg.known_events, limit=MAX_CONTRADICTIONS, fits_limit=0):
            for x in comp.contradictions:
                new = next((c for c in (x.a, x.b) if c.id in new_ids), None)
                if new is not None:
                    out.append(Finding("KZ108", "error", _rel(_article_path(project, new), project.root), new.line,
                                       f"{comp.label}: new figure contradicts a known one: {x.describe()}"))
                else:
                    out.append(Finding("KZ108", "error", reg_file, reg.claim_line(x.a.id),
                                       f"{comp.label}: {x.describe()}: no reviewer has acknowledged it "
                                       f"(add a note to {x.a.id} or {x.b.id})"))
            out.extend(_rest(comp, measure, reg_file, "unacknowledged contradiction(s)"))
        if new_claims and noted:
            for comp in cross_contradictions(new_claims, noted, measure, vocab, reg.known_events):
                for x in comp.contradictions:
                    new = x.a if x.a.id in new_ids else x.b
                    out.append(Finding("KZ108", "error", _rel(_article_path(project, new), project.root), new.line,
                                       f"{comp.label}: new figure contradicts a known one: {x.describe()}"))
                out.extend(_rest(comp, measure, reg_file, "contradiction(s) between new and reviewed figures"))
    return out


def _rest(comp, measure: str, reg_file: str, what: str) -> list[Finding]:
    """One finding for the contradictions of a group that are counted but not listed."""
    more = comp.contradictions_total - len(comp.contradictions)
    if more <= 0:
        return []
    event = f" --event {comp.event}" if comp.event and not comp.event.startswith("proposed: ") else ""
    subject = "" if comp.group == "people" else f" ({comp.group})"
    return [Finding("KZ108", "error", reg_file, None,
                    f"{comp.label}{subject}: {more:,} more {what} of {measure}, {comp.contradictions_total:,} in all: "
                    f"`kzcheck compare {measure}{event}` shows the most severe")]


def _article_path(project, c: Claim) -> str:
    for ext in ARTICLE_SUFFIXES:
        p = os.path.join(project.seeds_dir, c.article + ext)
        if os.path.exists(p):
            return p
    return os.path.join(project.seeds_dir, c.article)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    level = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
    props = [f"file={_escape_property(f.file)}"]
    if f.line:
        props.append(f"line={f.line}")
    props.append(f"title={_escape_property(f.title)}")
    return f"::{level} {','.join(props)}::{_escape_data(f.message)}"


def print_findings(findings: list[Finding], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"findings": [asdict(f) | {"title": f.title} for f in findings],
                               "errors": sum(f.severity == "error" for f in findings),
                               "warnings": sum(f.severity == "warning" for f in findings)},
                              ensure_ascii=False, indent=2))
        return
    if fmt == "github":
        for f in findings:
            click.echo(github_line(f))
        return
    order = {"error": 0, "warning": 1, "notice": 2}
    for f in sorted(findings, key=lambda f: (order.get(f.severity, 3), f.file, f.line or 0)):
        where = f"{f.file}:{f.line}" if f.line else f.file
        click.echo(f"{where}: {f.severity} {f.code}: {f.message}")
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    if errors:
        click.echo(f"{errors} error(s), {warnings} warning(s): claims.yaml needs a person", err=True)
    else:
        click.echo(f"all in order ({warnings} warning(s), {len(findings) - warnings} notice(s))", err=True)
