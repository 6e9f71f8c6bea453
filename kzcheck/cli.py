"""The command line: parse options, call the library, render. Nothing else lives here."""
from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import sys

import click

from . import __version__
from .errors import KzError
from .render import TABLE_FORMATS

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Ctx:
    """What every command gets: the project, opened on first use (so `kzcheck CMD --help` imports nothing more)."""

    def __init__(self, repo: str, debug: bool):
        self.repo = repo
        self.debug = debug
        self._project = None

    @property
    def project(self):
        if self._project is None:
            from .pipeline import Project

            self._project = Project(self.repo)
        return self._project


def command(f):
    """Shared behaviour of every command: library errors become one line and exit 2."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        debug = bool(ctx.find_object(Ctx) and ctx.find_object(Ctx).debug)
        try:
            return f(*args, **kwargs)
        except KzError as e:
            if debug:
                import traceback

                traceback.print_exc()
            click.echo(f"kzcheck: error: {e}", err=True)
            sys.exit(e.exit_code)
    return wrapper


def format_option(choices=TABLE_FORMATS, default="table"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="kzcheck")
@click.option("--repo", default=".", show_default=True, type=click.Path(file_okay=False),
              help="The project folder holding claims.yaml and seeds/.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx, repo, debug):
    """Extract, attribute and compare numeric claims in news articles.

    \b
    kzcheck extract                 claims in seeds/ (or given files and folders)
    kzcheck compare deaths          every source's figure per event, contradictions first
    kzcheck sources "14 deaths"     who says it, and who says otherwise
    kzcheck check                   is claims.yaml up to date with seeds/? (for CI)
    """
    ctx.obj = Ctx(repo, debug)


_bar_console = None  # the progress bar's console while a bar is shown: warnings are printed above the bar


def _warn(message: str) -> None:
    from .render import warn

    warn(message, _bar_console)


def _progress_console():
    """A console for a progress bar on stderr, or None: only on a terminal, never under CI or TERM=dumb.

    NO_COLOR keeps the bar but without colour (render.console).
    """
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb" or not sys.stderr.isatty():
        return None
    from .render import console

    return console(stderr=True)


PROGRESS_MIN_ARTICLES = 200


@contextlib.contextmanager
def _progress(paths, label: str = "extracting", streams_to_terminal: bool = False):
    """Yield the ``progress(n)`` callback for extract_paths: a transient rich bar on stderr for runs of at
    least PROGRESS_MIN_ARTICLES articles when stderr is a terminal, else None (silent).

    No bar when the output itself streams to the same terminal while articles are read
    (``streams_to_terminal``): the two would be interleaved. The bar is redrawn at most
    10 times a second, by rich's own thread; the callback only moves the count.
    """
    global _bar_console
    con = None if streams_to_terminal else _progress_console()
    total = _count_articles([p for p in paths if p != "-"]) if con is not None else 0
    if con is None or total < PROGRESS_MIN_ARTICLES:
        yield None
        return
    from rich.progress import Progress

    bar = Progress(console=con, transient=True, refresh_per_second=10, redirect_stdout=False)
    task = bar.add_task(label, total=total)
    bar.start()
    _bar_console = con
    try:
        yield lambda n: bar.advance(task, n)
    finally:
        _bar_console = None
        bar.stop()


def _count_articles(paths, limit: int = 1_000_000) -> int:
    """How many articles extract_paths will read (files named, or with an article suffix in folders)."""
    from .corpus import ARTICLE_SUFFIXES

    n = 0
    for p in paths:
        if not os.path.isdir(p):
            n += 1
            continue
        for _, dirs, files in os.walk(p):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            n += sum(1 for f in files if f.lower().endswith(ARTICLE_SUFFIXES) and not f.startswith("."))
            if n > limit:
                return n
    return n


def _extract(obj: Ctx, paths, jobs=None, use_cache=True, streams_to_terminal=False):
    from .pipeline import default_paths, extract_paths

    paths = default_paths(obj.project, paths)
    with _progress(paths, streams_to_terminal=streams_to_terminal) as advance:
        yield from extract_paths(obj.project, paths, warn=_warn, use_cache=use_cache, jobs=jobs, progress=advance,
                                 stdin=sys.stdin)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@format_option()
@click.option("--write", is_flag=True, help="Merge the claims into claims.yaml (new ones as unreviewed).")
@click.option("--kind", type=click.Choice(["figure", "statement", "all"]), default=None,
              help="Which claims to print [default: all for json/jsonl, figure otherwise].")
@click.option("--measure", help="Only claims of this measure (synonyms accepted: killed, arrests...).")
@click.option("--jobs", type=click.IntRange(1, 64), help="Processes to use [default: all cores].")
@click.option("--no-cache", is_flag=True, help="Extract again even if the cache has the article.")
@click.pass_obj
@command
def extract(obj: Ctx, paths, fmt, write, kind, measure, jobs, no_cache):
    """Find the numeric claims and attributed statements in articles.

    PATHS are files or folders (default: seeds/), or - for JSON lines on stdin
    ({"id": ..., "text": ..., "outlet": ...} per line).
    """
    from . import render
    from .errors import InputError

    vocab = obj.project.vocab()
    want_measure = None
    if measure:
        want_measure = vocab.measure_for(measure)
        if not want_measure:
            raise InputError(f"unknown measure {measure!r}; known: {', '.join(vocab.measures)}")
    kind = kind or ("all" if fmt in ("json", "jsonl") else "figure")
    written: dict = {}

    def keep(c) -> bool:
        return (kind == "all" or c.kind == kind) and (not want_measure or c.measure == want_measure)

    def keep_kind(claim_kind: str, measure) -> bool:
        return (kind == "all" or claim_kind == kind) and (not want_measure or measure == want_measure)

    streams = fmt in ("json", "jsonl") and sys.stdout.isatty()
    results = _extract(obj, paths, jobs, not no_cache, streams_to_terminal=streams)
    if fmt == "jsonl":
        for art in results:
            if write:
                written[art.id] = art
            lines = art.json_lines(keep_kind)
            if lines:
                click.echo("\n".join(lines))
    elif fmt == "json":
        first = True
        click.echo('{"claims": [', nl=False)
        for art in results:
            if write:
                written[art.id] = art
            for line in art.json_lines(keep_kind):
                click.echo(("\n" if first else ",\n") + line, nl=False)
                first = False
        click.echo("\n]}")
    else:
        rows = []
        for art in results:
            if write:
                written[art.id] = art
            for c in art.claims:
                if keep(c):
                    rows.append(_claim_row(c))
        headers = ["id", "article:line", "measure", "figure", "interval", "subject", "source", "class", "how", "event"]
        render.emit_table(headers, rows, fmt, wrap_cols=(3, 6))
        if not rows and fmt == "table":
            click.echo("no claims found", err=True)
    if write:
        from .registry import merge_extraction

        report = merge_extraction(obj.project.registry_path, {
            a.id: ({**a.metadata, "hash": a.content_hash}, a.claims) for a in written.values()})
        click.echo(f"claims.yaml: {len(report.added)} added, {len(report.updated)} updated, "
                   f"{len(report.removed)} removed, {len(report.kept)} reviewed kept", err=True)


def _claim_row(c):
    from .render import how_said, interval, short

    d = c.to_json()
    figure = "none" if c.negated else (c.figure.text if c.figure else short(c.text, 60))
    event = c.event or (f"? {c.proposed_event}" if c.proposed_event else "")
    return [c.id, f"{c.article}:{c.line}", c.measure or c.kind, figure, interval(d), c.subject or "",
            c.source.name, c.source.cls, how_said(d["source"]), event]


def _all_claims(obj: Ctx):
    """Registry claims, plus claims of articles not yet in the registry (from the cache, or extracted on the
    fly), read selectively: see ProjectClaims.select. Close it after use."""
    from .pipeline import ProjectClaims

    paths = [obj.project.seeds_dir] if os.path.isdir(obj.project.seeds_dir) else []
    with _progress(paths, "reading articles") as advance:
        return ProjectClaims(obj.project, warn=_warn, progress=advance)


@cli.command(context_settings=CONTEXT)
@click.argument("measure")
@click.option("--event", "event_id", help="Only this event (an id from claims.yaml).")
@click.option("--source-class", type=click.Choice(
    ["official", "ngo", "residents_witnesses", "opposition_activists", "media_author", "international_body", "company", "other"]),
    help="Only sources of this class.")
@format_option(("table", "json", "markdown", "csv"))
@click.pass_obj
@command
def compare(obj: Ctx, measure, event_id, source_class, fmt):
    """Put every source's figure for MEASURE side by side, per event, and say where they disagree.

    MEASURE is deaths, injured, detained, convicted, troops, attackers or
    protesters (synonyms and plurals work: killed, dead, arrests...).
    """
    from . import render
    from .compare import compare as run_compare, to_json
    from .errors import InputError

    vocab = obj.project.vocab()
    name = vocab.measure_for(measure)
    if not name:
        raise InputError(f"unknown measure {measure!r}; known: {', '.join(vocab.measures)}")
    events = obj.project.events()
    if event_id and not any(e.id == event_id for e in events):
        raise InputError(f"unknown event {event_id!r}; known: {', '.join(e.id for e in events) or 'none'}")
    source = _all_claims(obj)
    try:
        key = _replay(source, "compare", name, event_id, source_class, fmt)
        if key is False:
            return
        where, params = "f.measure = ? AND f.kind = 'figure'", (name,)
        if event_id:
            where, params = where + " AND f.event = ?", params + (event_id,)
        claims = source.select(where, params, lambda c: c.measure == name and c.kind == "figure"
                               and (not event_id or c.event == event_id))
        comps = run_compare(claims, name, vocab, events, event_id, source_class)
        if not comps and fmt != "json":
            click.echo(f"no {name} figures found", err=True)
            return

        def show() -> None:
            if fmt == "json":
                render.emit_json(to_json(comps, name))
            else:
                from .views import print_comparison

                print_comparison(comps, name, fmt)
        _record(source, key, show)
    finally:
        source.close()


def _replay(source, *options):
    """Print the output kept for these claims and options and return False; else the key to keep this
    run's output under (None: it is not kept: colour output, or claims not all in the cache). The table
    writer's own version is part of the key: an upgraded tabulate may lay tables out differently."""
    from . import render

    key = None if render.color_allowed() else source.result_key(*options, _module_stamp("tabulate"))
    text = source.cache.get_result(key) if key else None
    if text is None:
        return key
    click.echo(text, nl=False)
    return False


def _module_stamp(name: str) -> str:
    """Where an installed module is, and its file's size and time (cheaper than reading its metadata)."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    try:
        st = os.stat(spec.origin)
        return f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}"
    except (AttributeError, TypeError, OSError):
        return ""


def _record(source, key, show) -> None:
    """Run ``show`` (which prints the command's output) and keep what it printed under ``key``."""
    if key is None:
        show()
        return
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        show()
    text = buf.getvalue()
    source.cache.put_result(key, text)
    click.echo(text, nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("claim")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="How many matches to show.")
@format_option(("table", "json", "markdown"))
@click.pass_obj
@command
def sources(obj: Ctx, claim, limit, fmt):
    """Who says CLAIM, how, and where; and what other sources say of the same figure.

    CLAIM is written as you would say it: "10,000 detained", "haven for torture".
    """
    from . import render
    from .lookup import search

    source = _all_claims(obj)
    try:
        key = _replay(source, "sources", claim, limit, fmt)
        if key is False:
            return
        matches = search(claim, source.select, obj.project.vocab(), limit)
        if not matches:
            if fmt == "json":
                render.emit_json({"query": claim, "matches": []})
            click.echo(f"kzcheck: no claim matches {claim!r}; try fewer words or a figure and a measure (\"238 killed\")",
                       err=True)
            sys.exit(1)

        def show() -> None:
            if fmt == "json":
                render.emit_json({"query": claim, "matches": [
                    {"score": m.score, "claim": m.claim.to_json(), "related": [r.to_json() for r in m.related]}
                    | ({"related_total": m.related_total} if m.related_total > len(m.related) else {})
                    for m in matches]})
            else:
                from .views import print_sources

                print_sources(claim, matches, fmt)
        _record(source, key, show)
    finally:
        source.close()


@cli.command(context_settings=CONTEXT)
@format_option(("text", "github", "json"), default=None)
@click.pass_obj
@command
def check(obj: Ctx, fmt):
    """Check that claims.yaml is valid and up to date with seeds/ (exit 1 if a person is needed).

    Reports unregistered articles, claims not yet in the registry, stale
    claims of changed articles, unreviewed figures and contradictions no
    reviewer has acknowledged. --format github prints workflow commands.
    """
    from .check import run_check, print_findings

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    with _progress([obj.project.seeds_dir], "checking") as advance:
        findings, exit_code = run_check(obj.project, warn=_warn, progress=advance)
    print_findings(findings, fmt)
    sys.exit(exit_code)


@cli.command(context_settings=CONTEXT)
@click.argument("claim_ids", nargs=-1)
@click.option("--article", help="Only claims of this article.")
@click.option("--confirm", "action", flag_value="confirmed", help="Confirm CLAIM_IDS without asking.")
@click.option("--reject", "action", flag_value="rejected", help="Reject CLAIM_IDS without asking.")
@click.option("--note", help="A note to keep with the claims (e.g. why a contradiction is acknowledged).")
@click.option("--all-statements", is_flag=True, help="Also review statements, not only figures.")
@click.pass_obj
@command
def review(obj: Ctx, claim_ids, article, action, note, all_statements):
    """Confirm, correct or reject unreviewed claims, one at a time, with their sentence.

    With --confirm/--reject and CLAIM_IDS it works without asking (for scripts).
    """
    from .review import review_claims

    review_claims(obj.project, claim_ids, article=article, action=action, note=note,
                  statements=all_statements)


@cli.command(context_settings=CONTEXT)
@click.argument("sources_", metavar="FILE_OR_DIR", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--outlet", help="The outlet that published it.")
@click.option("--author", help="Its author.")
@click.option("--published", help="Publication date, ISO (2022-01-07, or 2022-01).")
@click.option("--url", help="Where it was found.")
@click.option("--title", help="Its title (default: the first line).")
@click.pass_obj
@command
def add(obj: Ctx, sources_, outlet, author, published, url, title):
    """Copy articles into seeds/, record their metadata and extract their claims as unreviewed."""
    from .addarticle import add_articles

    meta = {k: v for k, v in dict(outlet=outlet, author=author, published=published, url=url, title=title).items() if v}
    for line in add_articles(obj.project, sources_, meta, warn=_warn):
        click.echo(line)


def main(argv=None) -> None:
    """Entry point: a closed pipe ends quietly, Ctrl-C exits 130, no traceback for a user's mistake."""
    args = list(sys.argv[1:] if argv is None else argv)
    # compare and sources build tens of thousands of claims that live until the output is printed; with
    # the default threshold the collector walks them again and again (a third of the time of reading
    # them). Their objects hold no cycles, so fewer collections cost no memory.
    gc.set_threshold(50_000, 20, 20)
    try:
        cli.main(args=args, prog_name="kzcheck", standalone_mode=False)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.ClickException as e:
        hint = ""
        ctx = getattr(e, "ctx", None)
        if ctx is not None:
            hint = f" (see `{ctx.command_path} --help`)"
        click.echo(f"kzcheck: error: {e.format_message()}{hint}", err=True)
        sys.exit(e.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("kzcheck: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        _quiet_pipe()
    except KzError as e:
        click.echo(f"kzcheck: error: {e}", err=True)
        sys.exit(e.exit_code)
    except Exception as e:  # a bug: one line, the traceback with --debug
        if "--debug" in args:
            raise
        click.echo(f"kzcheck: internal error: {type(e).__name__}: {e} (run again with --debug for the traceback)", err=True)
        sys.exit(2)


def _quiet_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)
