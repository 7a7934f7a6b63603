"""Map-reduce over a model's input window: never a silent truncation.

The text units (sentences, with their article indexes) are packed in order into chunks that fit
the window; a unit longer than the window is cut (at word boundaries, or by characters inside one
over-long "word") into parts that do, and the chunks holding its parts say so. Each
chunk is summarised (map); the chunk summaries are packed and summarised again until they fit
one window (reduce). Every unit lands in exactly one first-level chunk (or, cut into parts, in the
consecutive chunks that list it under ``split``), and the summary records the chunks so a reader
(and a test) can account for all of them.
"""

from __future__ import annotations

from typing import Callable, Sequence


def _fit(text: str, count: Callable[[list[str]], list[int]], budget: int) -> list[str]:
    """Cut ``text`` into consecutive parts of at most ``budget`` tokens each, at word boundaries
    where possible (a single over-long "word", such as a URL, is cut by characters)."""
    if count([text])[0] <= budget:
        return [text]
    words = text.split()
    if len(words) > 1:
        mid = len(words) // 2
        return _fit(" ".join(words[:mid]), count, budget) + _fit(" ".join(words[mid:]), count, budget)
    if len(text) <= 1:  # one character over budget: nothing smaller exists
        return [text]
    mid = len(text) // 2
    return _fit(text[:mid], count, budget) + _fit(text[mid:], count, budget)


def pack(units: Sequence[tuple[int, str]], count: Callable[[list[str]], list[int]], budget: int) -> list[dict]:
    """Chunks ``{"sentences": [idx…], "text", "tokens", "split": [idx…]}`` of consecutive units
    within ``budget`` tokens. A unit longer than the budget is cut into parts that fit (never
    truncated); its index then appears in each chunk holding a part and in that chunk's ``split``."""
    if budget < 8:
        raise ValueError("window too small to summarise")
    texts = [t for _, t in units]
    sizes = count(texts) if texts else []
    pieces: list[tuple[int, str, int, bool]] = []
    for (idx, text), n in zip(units, sizes):
        if n <= budget:
            pieces.append((idx, text, n, False))
            continue
        for part in _fit(text, count, budget):
            pieces.append((idx, part, count([part])[0], True))
    chunks: list[dict] = []
    cur: dict | None = None
    for idx, text, n, was_split in pieces:
        if cur is not None and cur["tokens"] + n + 1 <= budget:
            cur["text"] += " " + text
            cur["tokens"] += n + 1
            if cur["sentences"][-1] != idx:
                cur["sentences"].append(idx)
        else:
            cur = {"sentences": [idx], "text": text, "tokens": n, "split": []}
            chunks.append(cur)
        if was_split and idx not in cur["split"]:
            cur["split"].append(idx)
    return chunks


def map_reduce(units: Sequence[tuple[int, str]], count: Callable[[list[str]], list[int]], budget: int,
               summarise: Callable[[list[str], bool], list[str]], max_levels: int = 6) -> tuple[str, list[dict]]:
    """The final summary text and the record of every chunk at every level.

    ``summarise(texts, final)`` summarises each text; ``final`` is True for the last call."""
    chunks = pack(units, count, budget)
    record = [{"level": 0, "id": i, "sentences": c["sentences"], "tokens": c["tokens"], **({"split": c["split"]} if c["split"] else {})}
              for i, c in enumerate(chunks)]
    if len(chunks) == 1:
        return summarise([chunks[0]["text"]], True)[0], record
    texts = summarise([c["text"] for c in chunks], False)
    level = 1
    while True:
        groups = pack(list(enumerate(texts)), count, budget)
        if len(groups) >= len(texts) and len(texts) > 1:
            # no progress: the summaries do not shrink (a model that never stops). Summarising them
            # again would only multiply them; keep them all, in order, as the final text.
            record.append({"level": level, "id": 0, "inputs": list(range(len(texts))), "tokens": sum(count(texts)),
                           "kept_unreduced": True})
            return "\n".join(texts), record
        final = len(groups) == 1 or level >= max_levels
        if final and len(groups) > 1:  # give up reducing: keep every part rather than drop any
            outs = summarise([g["text"] for g in groups], True)
            record += [{"level": level, "id": i, "inputs": g["sentences"], "tokens": g["tokens"]} for i, g in enumerate(groups)]
            return "\n".join(outs), record
        outs = summarise([g["text"] for g in groups], final)
        record += [{"level": level, "id": i, "inputs": g["sentences"], "tokens": g["tokens"]} for i, g in enumerate(groups)]
        if final:
            return outs[0], record
        texts = outs
        level += 1
