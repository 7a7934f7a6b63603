"""Map-reduce over a model's input window: never a silent truncation.

The text units (sentences, with their article indexes) are packed in order into chunks that fit
the window; a unit longer than the window is cut at word boundaries into pieces that do. Each
chunk is summarised (map); the chunk summaries are packed and summarised again until they fit
one window (reduce). Every unit lands in exactly one first-level chunk, and the summary records
the chunks so a reader (and a test) can account for all of them.
"""

from __future__ import annotations

from typing import Callable, Sequence


def pack(units: Sequence[tuple[int, str]], count: Callable[[list[str]], list[int]], budget: int) -> list[dict]:
    """Chunks ``{"sentences": [idx…], "text", "tokens"}`` of consecutive units within ``budget``."""
    if budget < 8:
        raise ValueError("window too small to summarise")
    texts = [t for _, t in units]
    sizes = count(texts) if texts else []
    pieces: list[tuple[int, str, int]] = []
    for (idx, text), n in zip(units, sizes):
        if n <= budget:
            pieces.append((idx, text, n))
            continue
        words = text.split()  # over-long: cut into word runs that fit (a few tokens per word at most)
        step = max(1, len(words) * budget // (n + 1))
        for k in range(0, len(words), step):
            part = " ".join(words[k : k + step])
            pieces.append((idx, part, count([part])[0]))
    chunks: list[dict] = []
    cur: dict | None = None
    for idx, text, n in pieces:
        if cur is not None and cur["tokens"] + n + 1 <= budget:
            cur["text"] += " " + text
            cur["tokens"] += n + 1
            if cur["sentences"][-1] != idx:
                cur["sentences"].append(idx)
        else:
            cur = {"sentences": [idx], "text": text, "tokens": n}
            chunks.append(cur)
    return chunks


def map_reduce(units: Sequence[tuple[int, str]], count: Callable[[list[str]], list[int]], budget: int,
               summarise: Callable[[list[str], bool], list[str]], max_levels: int = 6) -> tuple[str, list[dict]]:
    """The final summary text and the record of every chunk at every level.

    ``summarise(texts, final)`` summarises each text; ``final`` is True for the last call."""
    chunks = pack(units, count, budget)
    record = [{"level": 0, "id": i, "sentences": c["sentences"], "tokens": c["tokens"]} for i, c in enumerate(chunks)]
    if len(chunks) == 1:
        return summarise([chunks[0]["text"]], True)[0], record
    texts = summarise([c["text"] for c in chunks], False)
    level = 1
    while True:
        groups = pack(list(enumerate(texts)), count, budget)
        final = len(groups) == 1 or level >= max_levels
        if final and len(groups) > 1:  # give up reducing: keep every part rather than drop any
            outs = summarise([g["text"] for g in groups], True)
            record += [{"level": level, "id": i, "inputs": g["sentences"], "tokens": g["tokens"]} for i, g in enumerate(groups)]
            return " ".join(outs), record
        outs = summarise([g["text"] for g in groups], final)
        record += [{"level": level, "id": i, "inputs": g["sentences"], "tokens": g["tokens"]} for i, g in enumerate(groups)]
        if final:
            return outs[0], record
        texts = outs
        level += 1
