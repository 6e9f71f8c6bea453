"""All output goes through here: rich on a terminal, plain text in a pipe or
with NO_COLOR, tabulate for markdown, csv and JSON through click.echo.
Figures are printed exactly as written (no number parsing by tabulate)."""
from __future__ import annotations

import io
import json
import os
import sys
from typing import Any, Optional, Sequence

import click

TABLE_FORMATS = ("table", "json", "jsonl", "csv", "markdown")


def color_allowed() -> bool:
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def console(stderr: bool = False):
    """A rich Console made per command; plain when piped or NO_COLOR is set."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    tty = stream.isatty()
    return Console(file=stream, no_color=bool(os.environ.get("NO_COLOR")) or not tty,
                   force_terminal=None, highlight=False, soft_wrap=not tty,
                   width=None if tty else 200)


def warn(message: str, bar_console=None) -> None:
    """One line on stderr; above the progress bar when one is shown on ``bar_console``."""
    line = f"kzcheck: warning: {message}"
    if bar_console is None:
        click.echo(line, err=True)
    else:
        bar_console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def emit_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table",
               title: Optional[str] = None, wrap_cols: Sequence[int] = ()) -> None:
    """A table in the chosen format; ``table`` is rich on a terminal and plain text otherwise."""
    rows = [[_cell(c) for c in r] for r in rows]
    if fmt == "csv":
        import csv

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(headers)
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    if fmt == "markdown":
        from tabulate import tabulate

        esc = [[c.replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
        if title:
            click.echo(f"### {title}\n")
        click.echo(tabulate(esc, headers=list(headers), tablefmt="pipe", disable_numparse=True))
        click.echo("")
        return
    if color_allowed():
        from rich.table import Table

        table = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
        for i, h in enumerate(headers):
            table.add_column(h, overflow="fold", no_wrap=i not in wrap_cols, max_width=60 if i in wrap_cols else None)
        for r in rows:
            table.add_row(*[_escape_markup(c) for c in r])
        console().print(table)
        return
    from tabulate import tabulate

    if title:
        click.echo(title)
    click.echo(tabulate([[c.replace("\n", " ") for c in r] for r in rows], headers=list(headers),
                        tablefmt="simple", disable_numparse=True))
    click.echo("")


def _escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def short(text: Optional[str], width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def figure_as_written(claim: dict) -> str:
    if claim.get("negated"):
        return f"none ({claim.get('text') or '0'})"
    return claim.get("text") or ""


def interval(claim: dict) -> str:
    lo, hi = claim.get("low"), claim.get("high")

    def f(x):
        if x is None:
            return ""
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"

    if lo is None and hi is None:
        return ""
    if lo == hi:
        return f(lo)
    return f"{f(lo) or '…'}–{f(hi) or '…'}"


def how_said(source: dict) -> str:
    how = source.get("how") or ""
    verb = source.get("verb")
    stance = source.get("stance")
    label = {"quote": "quote", "reported": "reported", "according_to": "according to", "author": "article's voice"}.get(how, how)
    if verb and how != "according_to":
        label = f"{label}: {verb}"
    if stance and stance != "neutral":
        label = f"{label} ({stance})"
    return label


def source_label(source: dict) -> str:
    name = source.get("name") or ""
    extra = ", ".join(x for x in (source.get("role"), source.get("organisation")) if x and x != name)
    return f"{name} ({extra})" if extra else name
