"""`kzcheck review`: confirm, correct or reject claims without editing YAML by hand."""
from __future__ import annotations

import sys
from typing import Optional

import click

from .errors import InputError
from .model import QUALIFIERS, SOURCE_CLASSES


def review_claims(project, ids, *, article: Optional[str], action: Optional[str], note: Optional[str],
                  statements: bool) -> None:
    from .registry import set_claim_status

    reg = project.registry()
    by_id = {c.id: c for c in reg.claims}
    for cid in ids:
        if cid not in by_id:
            raise InputError(f"no claim {cid!r} in claims.yaml (ids are listed by `kzcheck extract`)")
    if ids and (action or note):
        for cid in ids:
            set_claim_status(project.registry_path, cid, action or by_id[cid].status, note=note)
            click.echo(f"{cid}: {action or by_id[cid].status}" + (" (note kept)" if note else ""))
        return
    if action:
        raise InputError("--confirm and --reject need claim ids: kzcheck review --confirm c-1234567890")
    todo = [by_id[c] for c in ids] if ids else [
        c for c in reg.claims if c.status == "unreviewed" and (statements or c.kind == "figure")
        and (not article or c.article == article)]
    if not todo:
        click.echo("nothing to review", err=True)
        return
    if not sys.stdin.isatty():
        raise InputError("review asks questions: run it in a terminal, or use --confirm/--reject with claim ids")
    from .render import console, how_said, interval

    con = console()
    for n, c in enumerate(todo, 1):
        d = c.to_json()
        con.rule(f"{n}/{len(todo)}  {c.id}  {c.article}:{c.line}")
        con.print(f"[bold]{c.measure or c.kind}[/bold]  {d.get('text')!s}  →  {interval(d)} ({d.get('qualifier')})"
                  f"  subject: {c.subject}  event: {c.event or c.proposed_event or '?'}", markup=True, highlight=False)
        con.print(f"source: {c.source.name} ({c.source.cls}), {how_said(d['source'])}", markup=False)
        con.print(f"sentence: {c.sentence}", markup=False, highlight=False)
        choice = click.prompt("[c]onfirm [e]dit [r]eject [n]ote [s]kip [q]uit", type=click.Choice(list("cernsq")),
                              default="s", show_choices=False)
        if choice == "q":
            break
        if choice == "s":
            continue
        if choice == "c":
            set_claim_status(project.registry_path, c.id, "confirmed")
        elif choice == "r":
            set_claim_status(project.registry_path, c.id, "rejected", note=click.prompt("why (optional)", default="", show_default=False) or None)
        elif choice == "n":
            set_claim_status(project.registry_path, c.id, c.status, note=click.prompt("note"))
        elif choice == "e":
            changes = _ask_changes(c, project)
            set_claim_status(project.registry_path, c.id, "corrected", changes=changes,
                             note=click.prompt("note (optional)", default="", show_default=False) or None)
        click.echo(f"{c.id}: saved")


def _ask_changes(c, project) -> dict:
    vocab = project.vocab()
    events = [e.id for e in project.events()]
    f = c.figure
    changes = {}

    def ask(label, current, type_=str):
        value = click.prompt(label, default="" if current is None else str(current), show_default=True)
        return None if value == "" else type_(value)

    changes["measure"] = click.prompt("measure", default=c.measure or "", type=click.Choice(list(vocab.measures) + [""]))
    changes["low"] = ask("low (empty = open)", f.low if f else None, float)
    changes["high"] = ask("high (empty = open)", f.high if f else None, float)
    changes["qualifier"] = click.prompt("qualifier", default=f.qualifier if f else "exact", type=click.Choice(QUALIFIERS))
    changes["subject"] = ask("subject", c.subject)
    changes["event"] = click.prompt("event", default=c.event or "", type=click.Choice(events + [""]))
    changes["source.name"] = ask("source name", c.source.name)
    changes["source.class"] = click.prompt("source class", default=c.source.cls, type=click.Choice(SOURCE_CLASSES))
    return {k: (v if v != "" else None) for k, v in changes.items()}
