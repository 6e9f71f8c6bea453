"""How `compare` and `sources` look: side-by-side tables, plain sentences for
the contradictions, and on a terminal a chart of the figures on one axis."""
from __future__ import annotations

import math

import click

from . import render
from .compare import EventComparison, _fig, widened
from .lookup import Match


def _article_label(c) -> str:
    bits = [x for x in (c.outlet, c.published) if x]
    return f"{c.article[:24]} ({', '.join(bits)})" if bits else c.article


TABLE_ROWS = 60  # above this many claims an event's table shows distinct readings instead of every claim


def _claim_rows(comp: EventComparison) -> tuple[list[str], list[list[str]], str]:
    """Every claim, or for a large group its distinct readings (same source, class, interval, how said)."""
    if len(comp.claims) <= TABLE_ROWS:
        rows = []
        for c in comp.claims:
            d = c.to_json()
            status = "" if c.status in ("confirmed", "corrected") else f" [{c.status}]"
            rows.append([render.source_label(d["source"]), c.source.cls, render.figure_as_written(d) + status,
                         render.interval(d), render.how_said(d["source"]), _article_label(c), render.short(c.sentence, 110)])
        return ["source", "class", "figure", "interval", "how said", "article", "sentence"], rows, ""
    raw: dict[tuple, list] = {}  # by the fields a reading is made of, so that each is formatted once
    for c in comp.claims:
        s, f = c.source, c.figure
        entry = raw.get((s.name, s.role, s.organisation, s.cls, f.low, f.high, s.how, s.verb, s.stance))
        if entry is None:
            raw[(s.name, s.role, s.organisation, s.cls, f.low, f.high, s.how, s.verb, s.stance)] = entry = [0, c]
        entry[0] += 1
    readings: dict[tuple, list] = {}
    for n, c in raw.values():
        source = c.source.to_json()
        key = (render.source_label(source), c.source.cls, render.interval({"low": c.figure.low, "high": c.figure.high}),
               render.how_said(source))
        entry = readings.get(key)
        if entry is None:
            readings[key] = entry = [0, _fig(c), _article_label(c)]
        entry[0] += n
    ranked = sorted(readings.items(), key=lambda kv: -kv[1][0])
    rows = [[k[0], k[1], fig, k[2], k[3], f"{n:,}", first] for k, (n, fig, first) in ranked[:TABLE_ROWS]]
    more = len(ranked) - len(rows)
    note = (f"{len(comp.claims):,} claims in {len(ranked):,} distinct readings"
            + (f"; the {len(rows)} most frequent are shown" if more > 0 else ""))
    return ["source", "class", "figure", "interval", "how said", "claims", "first article"], rows, note


def print_comparison(comps: list[EventComparison], measure: str, fmt: str) -> None:
    for comp in comps:
        subject = "" if comp.group == "people" else f" — {comp.group} only"
        title = f"{measure}: {comp.label}" + (f" [{comp.event}]" if comp.event and comp.event != comp.label else "") + subject
        headers, rows, note = _claim_rows(comp)
        render.emit_table(headers, rows, fmt, title=title, wrap_cols=(0, len(headers) - 1))
        lines = [note] if note else []
        said: dict[str, int] = {}  # the same two readings in several pairs are said once, with the count
        for x in comp.contradictions:
            text = x.describe()
            said[text] = said.get(text, 0) + 1
        for text, n in said.items():
            lines.append(f"contradiction: {text}" + (f" ({n} pairs of claims)" if n > 1 else ""))
        more = comp.contradictions_total - len(comp.contradictions)
        if more > 0:
            lines.append(f"... and {more:,} more contradiction(s) ({comp.contradictions_total:,} in all; "
                         "the most severe are listed; --format json has the totals)")
        if comp.incomplete:
            lines.append("(the search for the most severe stopped early: some may be missing from this list)")
        for r in comp.revisions:
            count = f" ({len(r.claims):,} figures)" if len(r.claims) > 10 else ""
            shown = render.short(r.describe(at_least=400), 300)
            if not shown.endswith("…"):  # all of it fitted (or runs of spaces shrank it): the whole text
                shown = render.short(r.describe(), 300)
            lines.append(f"revision{count}: {shown}")
        by_id = {c.id: c for c in comp.claims} if comp.consistent else {}
        for cid, fits in comp.consistent.items():
            c = by_id[cid]
            others = "; ".join(f"{by_id[o].source.name}: {_fig(by_id[o])}" for o in fits if o in by_id)
            extra = comp.fits_total.get(cid, len(fits)) - len(fits)
            lines.append(f"consistent: {c.source.name}: {_fig(c)} fits {others}"
                         + (f" and {extra:,} more" if extra > 0 else ""))
        if comp.consistent_total > len(comp.consistent):
            lines.append(f"... and {comp.consistent_total - len(comp.consistent):,} more open or vague figure(s) "
                         "that fit others")
        if not comp.contradictions and len(comp.claims) > 1:
            lines.append("no contradiction: the figures can all be true together")
        for line in lines:
            click.echo(("- " if fmt == "markdown" else "  ") + line)
        if render.color_allowed() and fmt == "table" and 1 < len(comp.claims) <= TABLE_ROWS:
            _chart(comp)
        click.echo("")


def _chart(comp: EventComparison, width: int = 48) -> None:
    """The figures of one event on a shared axis (log scale when they differ tenfold or more)."""
    points = []
    for c in comp.claims:
        lo, hi = widened(c) if c.figure.qualifier != "approx" else (c.figure.low, c.figure.high)
        lo = c.figure.low if c.figure.low is not None else None
        hi = c.figure.high if c.figure.high is not None else None
        points.append((c, lo, hi))
    values = [v for _, lo, hi in points for v in (lo, hi) if v is not None and v > 0]
    if not values:
        return
    vmin, vmax = min(values), max(values)
    log = vmax / max(vmin, 1e-9) >= 10
    top = vmax * 1.1

    def pos(v: float) -> int:
        if log:
            a, b = math.log10(max(vmin / 2, 0.5)), math.log10(top)
            return int(round((math.log10(max(v, vmin / 2)) - a) / (b - a) * (width - 1)))
        return int(round(v / top * (width - 1)))

    con = render.console()
    scale = "log scale" if log else "linear scale"
    con.print(f"  [dim]{scale}, 0…{top:,.0f}[/dim]")
    for c, lo, hi in points:
        line = [" "] * width
        a = pos(lo) if lo is not None else 0
        b = pos(hi) if hi is not None else width - 1
        for i in range(min(a, b), max(a, b) + 1):
            line[i] = "─"
        line[a] = "┃" if lo is not None else "◀"
        line[b] = "┃" if hi is not None else "▶"
        if lo is not None and hi is not None and a == b:
            line[a] = "●"
        label = render.short(f"{c.source.name}: {_fig(c)}", 34)
        con.print(f"  {label:<34} [cyan]{''.join(line)}[/cyan]")


def print_sources(query: str, matches: list[Match], fmt: str) -> None:
    con = render.console()
    for n, m in enumerate(matches, 1):
        c = m.claim
        d = c.to_json()
        title = f"{n}. {render.figure_as_written(d) if c.kind == 'figure' else render.short(c.text, 80)}  (score {m.score:.0f})"
        sentence = c.sentence
        rows = [
            ["claim", f"{c.id} ({c.kind}{', ' + c.measure if c.measure else ''}{', ' + c.status if c.status else ''})"],
            ["source", render.source_label(d["source"])],
            ["class", c.source.cls],
            ["how said", render.how_said(d["source"])],
            ["article", f"{c.title or c.article} — {', '.join(x for x in (c.outlet, c.published) if x) or 'outlet unknown'}"],
            ["where", f"{c.article}, line {c.line}"],
            ["event", c.event or (f"none known (proposed: {c.proposed_event})" if c.proposed_event else "none known")],
        ]
        if fmt == "table" and render.color_allowed():
            from rich.table import Table
            from rich.text import Text

            table = Table(title=title, show_header=False, title_justify="left")
            table.add_column(style="bold")
            table.add_column(overflow="fold", max_width=100)
            for k, v in rows:
                table.add_row(k, v)
            text = Text(sentence)
            rel = c.span[0] - _sentence_start(c)
            if 0 <= rel < len(sentence):
                text.stylize("bold yellow", rel, min(len(sentence), rel + (c.span[1] - c.span[0])))
            table.add_row("sentence", text)
            con.print(table)
        else:
            rows.append(["sentence", _mark(sentence, c)])
            render.emit_table(["", ""], rows, "markdown" if fmt == "markdown" else "table", title=title, wrap_cols=(1,))
        if m.related:
            rel_rows = []
            for o in m.related:
                od = o.to_json()
                rel_rows.append([render.source_label(od["source"]), o.source.cls, render.figure_as_written(od),
                                 render.interval(od), render.how_said(od["source"]), _article_label(o)])
            render.emit_table(["other sources, same event and measure", "class", "figure", "interval", "how said", "article"],
                              rel_rows, fmt if fmt != "json" else "table", wrap_cols=(0,))
            if m.related_total > len(m.related):
                click.echo(f"  ({m.related_total:,} figures of this event and measure in all; `kzcheck compare "
                           f"{c.measure} --event {c.event}` puts them side by side)")
        click.echo("")


def _sentence_start(c) -> int:
    # the claim's sentence holds its span; find where the sentence starts relative to the span
    idx = c.sentence.find(c.text) if c.text else -1
    return c.span[0] - idx if idx >= 0 else c.span[0]


def _mark(sentence: str, c) -> str:
    i = sentence.find(c.text) if c.text else -1
    if i < 0:
        return sentence
    return f"{sentence[:i]}**{c.text}**{sentence[i + len(c.text):]}"
