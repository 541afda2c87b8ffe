"""Seeded generators of what makes a diff work hard: long texts rewritten, shuffled or reversed, and many list items edited.

Every generator takes a `random.Random`, so a case is made again from its seed alone.
"""

from __future__ import annotations

import random

# A small vocabulary, so that words repeat as in real prose (a diff anchored on unique words meets few of them).
WORDS = (
    "the customer plant line order price margin service drive sensor contract year team quality supplier "
    "growth risk plan budget delivery market share project partner"
).split()


def prose(rng: random.Random, words: int) -> str:
    """A text of about this many words, in sentences of five to twenty words, some on lines of their own."""
    out: list[str] = []
    while len(out) < words:
        sentence = [rng.choice(WORDS) for _ in range(rng.randint(5, 20))]
        sentence[0] = sentence[0].capitalize()
        out.extend(sentence[:-1] + [sentence[-1] + rng.choice([".", ".", "!", ".\n"])])
    return " ".join(out)


def zipf_prose(rng: random.Random, words: int, vocabulary: int = 3_000) -> str:
    """A text of this many words drawn as real prose draws them: a few very common, most rare (Zipf's law)."""
    weights = [1 / (rank + 1) for rank in range(vocabulary)]
    drawn = rng.choices([f"w{rank}" for rank in range(vocabulary)], weights, k=words)
    return " ".join(word + ("." if rng.random() < 0.06 else "") for word in drawn)


def rewrite(rng: random.Random, words: int) -> tuple[str, str]:
    """Two versions of one text: the second a rewrite, a shuffle of its sentences, its words reversed, or a few edits."""
    old = prose(rng, words)
    kind = rng.choice(["rewrite", "zipf", "shuffle", "reverse", "edits"])
    if kind == "rewrite":
        return old, prose(rng, words)
    if kind == "zipf":
        return zipf_prose(rng, words), zipf_prose(rng, words)
    if kind == "shuffle":
        sentences = old.split(". ")
        rng.shuffle(sentences)
        return old, ". ".join(sentences)
    if kind == "reverse":
        return old, " ".join(reversed(old.split()))
    tokens = old.split()
    for _ in range(rng.randint(1, 10)):
        tokens[rng.randrange(len(tokens))] = rng.choice(WORDS)
    return old, " ".join(tokens)


def edited_items(rng: random.Random, items: int) -> tuple[list[str], list[str]]:
    """A list of sentences (a SWOT quadrant) and its next version: every item reworded a little, the list reordered."""
    old = [prose(rng, rng.randint(8, 30)).replace("\n", " ").strip() + f" ({i})" for i in range(items)]
    new = []
    for item in old:
        tokens = item.split()
        tokens[rng.randrange(len(tokens) - 1)] = rng.choice(WORDS)
        new.append(" ".join(tokens))
    rng.shuffle(new)
    return old, new
