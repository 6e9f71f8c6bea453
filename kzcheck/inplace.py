"""A review's status and note written into claims.yaml as a change of a line or two.

Recording a review through the round-trip YAML library reads and writes the whole file: minutes and
gigabytes for 100,000 claims, to change one word. Claims that kzcheck wrote (block mappings, one key a
line) are edited here in place instead: the claim's `status:` line is replaced, its `note:` line
replaced, added or removed, and every other byte is kept. The edited claim is read back with libyaml
and must differ from what it was exactly in those two fields; anything unusual (a claim in braces, a
note over several lines, CRLF line ends, an id found twice) returns None and the caller does the round
trip, so this is only ever a faster way to the same file content.
"""
from __future__ import annotations

import re
from typing import Optional

_KEY = re.compile(r"(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_]*):(?P<rest>.*)")
_PLAIN_STATUS = re.compile(r" +(?P<value>[a-z]+)(?P<comment> +#.*)?")
# a note written plain only when no YAML reader can take it for anything but this text
_PLAIN_NOTE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;()'’/-]*[A-Za-z0-9.)’']")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_text(value: str) -> str:
    """``value`` as a one-line YAML scalar: plain when that is unambiguous, else double-quoted (a JSON
    string is a valid YAML double-quoted scalar)."""
    import json

    if _PLAIN_NOTE.fullmatch(value) and value.lower() not in _RESERVED and "  " not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def review_in_place(text: str, claim_id: str, status: str, note: Optional[str]) -> Optional[tuple[str, dict]]:
    """The text with the claim's status set (and its note set, or removed when ``note`` is blank; kept when
    None), and the claim as read back from it; None when the claim is not written in the usual way."""
    from .registry import _FastUnsupported, _fast_parse, _plain

    if "\r" in text or text.startswith("\ufeff"):
        return None
    lines = text.split("\n")
    head = re.compile(rf"( *)- id: {re.escape(claim_id)} *(#.*)?")
    starts = [i for i, line in enumerate(lines) if head.fullmatch(line)]
    if len(starts) != 1 or not _in_claims_section(lines, starts[0]):
        return None
    start = starts[0]
    dash = len(lines[start]) - len(lines[start].lstrip(" "))
    indent = dash + 2
    end = start + 1  # one past the item's last line of content
    keys: dict[str, tuple[int, int]] = {"id": (start, start + 1)}  # key -> (first line, one past its last)
    last_key = "id"
    i = start + 1
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        depth = len(line) - len(line.lstrip(" "))
        if stripped and depth <= dash:
            break
        if stripped and not stripped.startswith("#"):
            m = _KEY.fullmatch(line)
            if m and len(m["indent"]) == indent:
                if m["key"] in keys:
                    return None
                keys[m["key"]] = (i, i + 1)
                last_key = m["key"]
            elif depth > indent:
                first, _ = keys[last_key]
                keys[last_key] = (first, i + 1)  # a value that goes on over several lines
            else:
                return None
            end = i + 1
        i += 1
    for key in ("status", "note"):
        if key in keys and keys[key][1] - keys[key][0] != 1:
            return None  # over several lines: left to the round trip
    edits: dict[int, Optional[str]] = {}   # line -> its new text (None: removed)
    added: list[str] = []
    pad = " " * indent
    if "status" in keys:
        at = keys["status"][0]
        m = _PLAIN_STATUS.fullmatch(_KEY.fullmatch(lines[at])["rest"])
        if not m:
            return None
        edits[at] = f"{pad}status: {status}{m['comment'] or ''}"
    else:
        added.append(f"{pad}status: {status}")
    if note is not None:
        if note.strip():
            if "note" in keys:
                edits[keys["note"][0]] = f"{pad}note: {yaml_text(note)}"
            else:
                added.append(f"{pad}note: {yaml_text(note)}")
        elif "note" in keys:
            edits[keys["note"][0]] = None
    item = lines[start:end]
    new_item = [edits.get(start + k, line) for k, line in enumerate(item) if edits.get(start + k, line) is not None]
    new_item += added
    try:
        before, after = _fast_parse("\n".join(item) + "\n"), _fast_parse("\n".join(new_item) + "\n")
    except _FastUnsupported:
        return None
    if not (isinstance(before, list) and isinstance(after, list) and len(before) == len(after) == 1):
        return None
    old, new = _plain(before[0]), _plain(after[0])
    expected = dict(old, status=status)
    if note is not None:
        if note.strip():
            expected["note"] = note
        else:
            expected.pop("note", None)
    if new != expected:
        return None
    return "\n".join(lines[:start] + new_item + lines[end:]), new


def _in_claims_section(lines: list[str], at: int) -> bool:
    """Whether line ``at`` is under the top-level `claims:` key."""
    for line in reversed(lines[:at]):
        if line[:1].isalpha():
            return bool(re.fullmatch(r"claims: *(#.*)?", line))
    return False
