"""Code is content: find the lines of code blocks and front matter, which steps leave exactly as they are.

A line is code when it is inside a fenced block (```` ``` ```` or ``~~~``), or when it belongs to a
block of code-shaped lines: at least :data:`MIN_BLOCK_LINES` lines (blank lines between them
allowed) with a code shape — brackets and ``;`` at the end, a closing bracket alone, a keyword
starting a statement, operators (``:=``, ``==``, ``->``, ``&&``), calls, assignments — and at least
one strong sign. Lines of Chinese prose never are (a Chinese comment inside a block is). Leaked
web residue (one-line CSS, analytics snippets) is not code: the boilerplate step removes it.
Front matter (``---`` … ``---`` at the top, YAML ``key: value`` lines) is kept as it is too.

>>> lines = ["下面是示例：", "func main() {", '\\tfmt.Println("hello")', "}", "输出 hello。"]
>>> sorted(code_lines(lines))
[1, 2, 3]
>>> sorted(code_lines(["---", 'title: "标题"', "---", "正文。"]))
[0, 1, 2]
>>> code_lines(["同志们：", "今天的会议很重要;", "大家要落实。"])
set()
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .text import CJK_CLASS

#: A block of code-shaped lines counts as code from this many non-blank lines on.
MIN_BLOCK_LINES = 2
#: A line is prose, not code, when ideographs are at least this share of its visible characters.
PROSE_MIN_CJK_SHARE = 0.3

_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_FRONT_FENCE = re.compile(r"^---\s*$")
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w-]{0,40}\s*:(?:\s|$)|\s+\S|-\s)")
_CJK = re.compile(f"[{CJK_CLASS}]")
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_SPACE = re.compile(r"\s")
_CLOSER = re.compile(r"^[)\]}]+[;,)\]]*$|^}\s*(?:else|catch|finally|while)\b")
_KEYWORD = re.compile(
    r"^(?:def|class|import|from|func|package|return|var|let|const|elif|else|try|except|finally|with|fn|pub"
    r"|public|private|protected|static|void|int|char|bool|struct|enum|interface|namespace|using|lambda|yield"
    r"|async|await|raise|throw|switch|case|break|continue|defer|go|select|impl|mod|use|val|fun|echo|print)"
    r"(?=[\s(:{])|^(?:if|for|while)\s*\(|^(?:if|for|while)\s.*[:{]$|^#(?:include|define|ifn?def|endif|pragma)\b"
    r"|^@[A-Za-z]\w*(?:\(|$)"
)
_OPERATOR = re.compile(r":=|==|!=|<=|>=|->|=>|&&|\|\||\+\+|\+=|-=|::|^[A-Za-z_][\w.\[\]]{0,60} ?= ?\S")
_CALL = re.compile(r"[A-Za-z_][\w.]{0,60}\([^()]{0,200}\)\s?[;:{]?$")
_PROSE_START = re.compile(f"[{CJK_CLASS}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]")
_END = re.compile(r"[;{}]$|[(\[,]$")
#: Shell: a line continued with a backslash, or only the backslash; a variable or an option flag.
_CONTINUED = re.compile(r"(?:^|\s)\\$")
_SHELL_WORD = re.compile(r"^(?:\$[A-Za-z_{(]|--?[A-Za-z])")
_COMMENT = re.compile(r"^(?://|/\*|\*/?|#\s|--\s)")
_STRING_LINE = re.compile(r"""^["'`][^"'`]{0,200}["'`][,;:]?$""")
_CSS = re.compile(r"[{;]\s*[a-z-]{2,40}\s*:\s*[^{};:]{1,200};")
_LETTER = re.compile("[A-Za-z]")
_WEB_RESIDUE = re.compile(r"document\.write|_hmt|adsbygoogle|googletag|window\.location|\bfunction\s*\(\)\s*\{\s*var\s+\w+\s*=\s*document")


#: A line whose first visible character is not prose: the only lines :func:`_score` may score above 0
#: (blank lines score 0, lines starting with prose -1). A run of spaces is scanned from its start only.
_CODE_CANDIDATE = re.compile(rf"(?<!\s)\s*+[^\s{_PROSE_START.pattern[1:-1]}]")
#: The same at the start of every line but the first of a text, led by the newline (a fast scan).
_CODE_CANDIDATE_LINE = re.compile(rf"\n[^\S\n]*+[^\s{_PROSE_START.pattern[1:-1]}]")


def _candidates(lines: Sequence[str], text: str) -> list[int]:
    """The lines :data:`_CODE_CANDIDATE` matches, in order: found in ``text`` (the lines joined), one
    match per line (line by line when a line holds a newline of its own)."""
    if text.count("\n") != len(lines) - 1:
        return [i for i, line in enumerate(lines) if _CODE_CANDIDATE.match(line)]
    found = [0] if lines and _CODE_CANDIDATE.match(lines[0]) else []
    line = last = 0
    for m in _CODE_CANDIDATE_LINE.finditer(text):
        at = m.start()
        line += text.count("\n", last, at + 1)
        found.append(line)
        last = at + 1
    return found

#: Lines longer than this are judged on their start (code lines are short; long lines are prose or residue).
_HEAD = 200
#: Characters without which a line has no code shape at all.
_CODE_SIGN = re.compile(r"[{}()\[\];=<>:\"'`#/@|&+*$\\-]")
#: A line whose first characters are this share ideographs is prose.
_START = 24


@lru_cache(maxsize=1 << 14)  # the steps ask again of the lines that did not change since the last one
def _score(line: str) -> int:
    """2: a strong code sign; 1: weak (comment, string, indented); 0: nothing; -1: prose or web residue."""
    t = line.strip()
    if not t:
        return 0
    if _PROSE_START.match(t):  # most lines of a Chinese page: decided by their first character
        return -1
    if _COMMENT.match(t):
        return 1
    if len(t) > _START:  # (一)卫生健康工作。…, 2021年，是… : prose from its first characters
        start = t[:_START]
        if len(start) - len(_CJK_RUN.sub("", start)) >= PROSE_MIN_CJK_SHARE * len(start):  # (its ideographs)
            return -1
    if _KEYWORD.match(t):
        return 2
    if _CODE_SIGN.search(t) is None and line[:1] != "\t" and line[:4] != "    ":
        return 0
    head = t[:_HEAD]
    cjk = len(head) - len(_CJK_RUN.sub("", head))
    if cjk and cjk >= PROSE_MIN_CJK_SHARE * (len(head) - len(_SPACE.findall(head))):
        return -1
    if len(t) > 4 * _HEAD or _CSS.search(head) or _WEB_RESIDUE.search(head):
        return -1
    if _CLOSER.match(t) or _KEYWORD.match(t) or _CONTINUED.search(t):
        return 2
    if _SHELL_WORD.match(t):
        return 1
    ends = _END.search(t) is not None
    call = _CALL.search(t) is not None
    if call or _OPERATOR.search(head):
        return 2 if ends or call else 1
    if _STRING_LINE.match(t) or (ends and _LETTER.search(head)):
        return 1
    if line[:1] == "\t" or line[:4] == "    ":
        return 1
    return 0


#: Code inside a line of prose, kept as it is: a backtick span, or a call whose name has a dot or
#: whose arguments start with a quote (``fmt.Println("a", b)``, ``print('x')``), all in ASCII.
INLINE_CODE = re.compile(  # possessive runs: each start position costs a bounded, unambiguous scan
    r"`[^`\n]{1,200}+`|(?:[A-Za-z_][A-Za-z0-9_]{0,40}+\.){1,5}+[A-Za-z_][A-Za-z0-9_]{0,40}+\([ -~]{0,120}?\)"
    r"|[A-Za-z_][A-Za-z0-9_]{0,40}+\([^()\n\"']{0,60}+[\"'][ -~]{0,120}?\)"
)


#: Where a call's bracket opens (a name character right before it): every call of :data:`INLINE_CODE` has one.
_CALL_BRACKET = re.compile(r"\((?<=[A-Za-z0-9_]\()")


def _inline_code_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` holding a backtick or a call's bracket, in order: the only
    lines that can hold inline code. Each line is found once (the scans go on after its end)."""
    found: set[tuple[int, int]] = set()
    for search in (lambda pos: text.find("`", pos), lambda pos: (m.start() if (m := _CALL_BRACKET.search(text, pos)) else -1)):
        pos = 0
        while (at := search(pos)) >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.add((start, end))
            pos = end + 1
    return sorted(found)


def inline_code_spans(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`INLINE_CODE` in ``text`` (what ``finditer`` gives): a match never crosses a
    line, so only the lines that can hold one are scanned (the pattern has no cheap start to scan for).

    >>> inline_code_spans("调用 fmt.Println(x) 即可\\n没有代码（真的）")
    [(3, 17)]
    """
    if "`" not in text and "(" not in text:
        return []
    return [m.span() for start, end in _inline_code_lines(text) for m in INLINE_CODE.finditer(text, start, end)]


def in_inline_code(line: str, start: int, end: int) -> bool:
    """True when ``line[start:end]`` lies inside inline code (:data:`INLINE_CODE`).

    >>> line = "用 `a, b = b, a` 交换"
    >>> in_inline_code(line, line.index("a,"), line.index("` 交")), in_inline_code(line, 0, 1)
    (True, False)
    """
    if "`" not in line and "(" not in line:
        return False
    return any(m.start() <= start and end <= m.end() + 1 for m in INLINE_CODE.finditer(line))


def code_score(line: str) -> int:
    """The code shape of one line: 2 strong, 1 weak, 0 none, -1 prose (a line is code only inside a
    block of lines scoring above 0, or fenced, or front matter)."""
    return _score(line)


def front_matter(lines: Sequence[str]) -> range:
    """The lines of a front-matter block at the top (``---`` / ``key: value`` lines / ``---``), or an empty range."""
    if not lines or not _FRONT_FENCE.match(lines[0]):
        return range(0)
    for i in range(1, min(len(lines), 200)):
        if _FRONT_FENCE.match(lines[i]) or lines[i].rstrip() == "...":
            return range(i + 1) if i > 1 else range(0)
        if lines[i].strip() and not _YAML_LINE.match(lines[i]):
            return range(0)
    return range(0)


def code_lines(lines: Sequence[str]) -> set[int]:
    """Indices of the lines that are code (fenced or code-shaped blocks) or front matter."""
    out: set[int] = set(front_matter(lines))
    n = len(lines)
    # fenced blocks
    fence_open: int | None = None
    text = "\n".join(lines)
    # what a fence needs (a one-character scan first: far faster than one for three)
    fenced = "`" in text and "```" in text or "~" in text and "~~~" in text
    for i in [i for i, line in enumerate(lines) if ("`" in line or "~" in line) and _FENCE.match(line)] if fenced else []:
        if fence_open is None:
            fence_open = i
        else:
            out.update(range(fence_open, i + 1))
            fence_open = None
    # code-shaped blocks: runs of lines scoring > 0, blank lines inside allowed. Only the lines that
    # may score above 0 are scored (:data:`_CODE_CANDIDATE`), and a block can only start at one scoring
    # above 0 (the walk tells blank lines by themselves).
    scores = [-1] * n
    starts = []
    for i in _candidates(lines, text):
        scores[i] = _score(lines[i])
        if scores[i] > 0:
            starts.append(i)
    after = 0  # the first line a block may start at (the lines before it are walked)
    for i in starts:
        if i < after or i in out:
            continue
        start, scored, strong, last = i, [], 0, i
        j = i
        while j < n and j not in out:
            if not lines[j].strip():
                j += 1
                continue
            sj = scores[j]
            if sj <= 0:
                break
            scored.append(j)
            strong += sj == 2
            last = j
            j += 1
        if len(scored) >= MIN_BLOCK_LINES and strong:
            out.update(range(start, last + 1))
        after = last + 1
    return out


__all__ = [
    "INLINE_CODE",
    "MIN_BLOCK_LINES",
    "code_lines",
    "code_score",
    "front_matter",
    "in_inline_code",
    "inline_code_spans",
]
