"""How alike two sentences are: TF-IDF cosine over character n-grams (scikit-learn, imported here only).

Outlets word one happening differently, so the useful evidence is the rare words two sentences
share, weighed by how rare they are in the story; character 3-5-grams within words let
"released" meet "release" and "Bills'" meet "Bills" (see docs/story.md for the measurements).

The n-grams are scikit-learn's ``char_wb`` ones, exactly, but each distinct word is cut once
and remembered: words repeat across an archive's sentences, so a story of thousands of articles
pays for its vocabulary, not for every word it prints. scikit-learn is imported lazily, when a
story is first built.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

NGRAMS = (3, 5)
_PAIR_CHUNK = 50_000  # pairs whose similarity is computed at once (bounds the memory of the row copies)


@lru_cache(maxsize=500_000)
def _word_grams(word: str) -> tuple[str, ...]:
    """scikit-learn's char_wb n-grams of one word: the word padded with a space each side, cut into
    every n-gram that fits; a padded word no longer than n is one n-gram, and no longer ones follow."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(NGRAMS[0], NGRAMS[1] + 1):
        grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
        if len(padded) <= n:
            break
    return tuple(grams)


def _analyze(text: str) -> list[str]:
    grams: list[str] = []
    for word in text.lower().split():
        grams.extend(_word_grams(word))
    return grams


def sentence_vectors(corpus: Sequence[str], wanted: Sequence[int]) -> Any:
    """L2-normalised TF-IDF rows (a float32 CSR matrix) of ``corpus[k]`` for each k in ``wanted``,
    the IDF fitted on the whole corpus; None when the corpus has no word at all."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: see module docstring

    vectorizer = TfidfVectorizer(analyzer=_analyze, sublinear_tf=True, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(corpus).tocsr()
    except ValueError:  # only dates and punctuation: nothing is similar
        return None
    return matrix[list(wanted)]


def pair_similarity(vectors: Any, a: Any, b: Any) -> Any:
    """Cosine similarity of rows a[k] and b[k] of ``vectors`` (0 everywhere when it is None)."""
    out = np.zeros(len(a), dtype=np.float32)
    if vectors is None:
        return out
    for k in range(0, len(a), _PAIR_CHUNK):
        rows_a, rows_b = vectors[a[k:k + _PAIR_CHUNK]], vectors[b[k:k + _PAIR_CHUNK]]
        out[k:k + _PAIR_CHUNK] = np.asarray(rows_a.multiply(rows_b).sum(axis=1)).ravel()
    return out
