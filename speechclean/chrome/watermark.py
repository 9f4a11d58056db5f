"""A site's name stamped at the end of sentences and lines all over a page (a watermark no rule names).

Some sites append their name to every few sentences (``…可以进行函数简化破法符``, ``…日常表达习惯破法符，简单明了``,
a title ending ``：破法符``). No vocabulary knows the name; the page gives it away: the same run of ideographs
ends a clause (before punctuation or at the end of a line, bare, in several lines) in several places,
glued to different words, and never occurs anywhere else on the page. Real prose repeats phrases too, but they also occur inside
sentences, start with a function word (的发展), or follow the same word each time (重要讲话精神).

>>> lines = ["一文吃透函数家族：稿子汇", "细看这些叫法，貌似都会用稿子汇。但要论其区别，则难以讲明白。",
...          "如果函数体是单个表达式，可以进行函数简化稿子汇", "不仅可以省略花括号，还可以省略返回类型稿子汇", "这样的写法很接近日常表达习惯稿子汇，简单明了。",
...          "反编译之后发现其采用三元运算符的写法稿子汇"]
>>> [(i, lines[i][a:b]) for i, a, b in watermarks(lines)]
[(0, '：稿子汇'), (1, '稿子汇'), (2, '稿子汇'), (3, '稿子汇'), (4, '稿子汇'), (5, '稿子汇')]
"""

from __future__ import annotations

import re

#: A watermark is this many ideographs long…
MIN_LEN = 3
MAX_LEN = 8
#: …ends a clause at least this many times, in at least this many lines, ending a line (with no mark
#: after it) at least this many times…
MIN_COUNT = 4
MIN_LINE_ENDS = 3
#: …glued to at least this many different ideographs before it.
MIN_GLUED = 3
#: Phrases of prose that end clauses start with these (的发展, 了解决, 和管理…): never a site's name…
_FUNCTION_START = frozenset("的了是和在地得着与及之等们中上下不也都就而或把被对为以其这那")
#: …nor hold these (巨大的现代化).
_FUNCTION_INSIDE = frozenset("的了着地得之与和及是")
#: A series (一级标题, 二级标题) is glued to counters, not to words.
_COUNTERS = frozenset("一二三四五六七八九十百第0123456789")
#: A stamp ends bare at least this many different lines that hold a clause before it (prose, not headings).
MIN_PROSE_ENDS = 2
_CLAUSE_MARK = re.compile(r"[，。！？；、：,.!?;:]")
#: The marks a clause ends on (a stamp stands right before one, or bare at the end of a line).
_MARKS = frozenset("，。！？；、,.!?;")
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]++")  # fullmatch: a trailing $ would make a search quadratic
#: What a watermark at the end of a line leaves dangling before it (标题：站名, 标题-站名).
_DANGLING = "：:-_|｜—–·"


def watermarks(lines: list[str]) -> list[tuple[int, int, int]]:
    """``(line, start, end)`` of every watermark occurrence on the page (spans to cut, in line order)."""
    # A stamp ends at least MIN_LINE_ENDS lines bare, MIN_PROSE_ENDS different lines of prose among them:
    # one look at each line's end rules most pages out (pages that repeat themselves too).
    bare: dict[str, int] = {}
    prose: dict[str, set[str]] = {}
    for line in lines:
        s = line.rstrip()
        t = s[-MIN_LEN:]
        if len(t) == MIN_LEN and _IDEOGRAPHS.fullmatch(t):
            bare[t] = bare.get(t, 0) + 1
            if _CLAUSE_MARK.search(s, 0, len(s) - MIN_LEN) and len(prose.setdefault(t, set())) < MIN_PROSE_ENDS:
                prose[t].add(s)
    passing = {t for t, c in bare.items() if c >= MIN_LINE_ENDS and len(prose.get(t, ())) >= MIN_PROSE_ENDS}
    if not passing:
        return []
    # Every clause a passing tail ends (before a mark, or bare at the end of a line), with the run of
    # ideographs it ends (as far back as a watermark and the ideograph it is glued to reach).
    ends: list[tuple[int, str, int]] = []
    tails: dict[str, int] = {}
    runs: dict[str, set[str]] = {}
    for i, line in enumerate(lines):
        for t in passing:
            p = line.find(t)
            while p >= 0:
                e = p + MIN_LEN
                if line[e : e + 1] in _MARKS if line[e : e + 1].strip() else not line[e:].strip():
                    b = p
                    while b > 0 and e - b <= MAX_LEN and "\u4e00" <= line[b - 1] <= "\u9fff":
                        b -= 1
                    run = line[b:e]
                    ends.append((i, run, e))
                    tails[t] = tails.get(t, 0) + 1
                    if len(runs.setdefault(t, set())) < MIN_GLUED:
                        runs[t].add(run)
                p = line.find(t, p + 1)
    # A watermark's last MIN_LEN ideographs end as many clauses as it does, in as many different runs as
    # the words it is glued to: most pages (and pages that repeat themselves) stop here.
    frequent = {t for t, c in tails.items() if c >= MIN_COUNT and len(runs[t]) >= MIN_GLUED}
    if not frequent:
        return []
    found: dict[str, list[tuple[int, int]]] = {}
    glued: dict[str, set[str]] = {}
    for i, run, end in ends:
        if run[-MIN_LEN:] in frequent:
            for n in range(MIN_LEN, min(MAX_LEN, len(run)) + 1):
                w = run[-n:]
                found.setdefault(w, []).append((i, end))
                if n < len(run) and run[-n - 1] not in _COUNTERS:
                    glued.setdefault(w, set()).add(run[-n - 1])
    cands = [w for w, at in found.items() if len(at) >= MIN_COUNT and len(glued.get(w, ())) >= MIN_GLUED
             and w[0] not in _FUNCTION_START and not _FUNCTION_INSIDE.intersection(w)]
    if not cands:
        return []
    text = "\n".join(lines)
    chosen: list[str] = []
    for w in sorted(cands, key=len, reverse=True):
        if any(w in c for c in chosen):
            continue
        if text.count(w) != len(found[w]) or len({i for i, _ in found[w]}) < MIN_COUNT - 1:
            continue  # it also occurs inside sentences: a phrase of the text
        before = [lines[i][: end - len(w)].rstrip(_DANGLING + " ") for i, end in found[w] if not lines[i][end:].strip()]
        if len(before) < MIN_LINE_ENDS or len({b for b in before if _CLAUSE_MARK.search(b)}) < MIN_PROSE_ENDS:
            continue  # prose ends its sentences with a mark, headings repeat words; a stamp ends lines bare
        chosen.append(w)
    out = []
    for w in chosen:
        for i, end in found[w]:
            start = end - len(w)
            line = lines[i]
            if not line[end:].strip():  # at the end of the line: take what it leaves dangling too
                while start and (line[start - 1] in _DANGLING or line[start - 1].isspace()):
                    start -= 1
            out.append((i, start, end))
    return sorted(out)


__all__ = ["watermarks"]
