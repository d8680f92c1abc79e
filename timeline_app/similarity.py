"""How alike two sentences are: TF-IDF cosine over character n-grams (numpy and scipy, imported here only).

Outlets word one happening differently, so the useful evidence is the rare words two sentences
share, weighed by how rare they are in the story; character 3-5-grams within words let
"released" meet "release" and "Bills'" meet "Bills" (see docs/story.md for the measurements).

The n-grams are scikit-learn's ``char_wb`` ones, exactly, but each distinct word is cut once
and its n-grams' columns remembered: words repeat across an archive's sentences, so a story of
thousands of articles pays per word it prints, not per n-gram. The counts are weighed as
scikit-learn's ``TfidfTransformer(sublinear_tf=True)`` weighs them, in the same float32 steps
(the tests compare the two): that is five array operations, and importing scikit-learn for them
cost every process that merges 2.5-4.4 CPU-s, more than the merge of 5,000 articles' mentions.
numpy and scipy are imported lazily, when a story is first built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

NGRAMS = (3, 5)
_PAIR_CHUNK = 50_000  # pairs whose similarity is computed at once (bounds the memory of the row copies)


def _word_grams(word: str) -> list[str]:
    """scikit-learn's char_wb n-grams of one word: the word padded with a space each side, cut into
    every n-gram that fits; a padded word no longer than n is one n-gram, and no longer ones follow."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(NGRAMS[0], NGRAMS[1] + 1):
        grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
        if len(padded) <= n:
            break
    return grams


def _analyze(text: str) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer (lower case, then each word's n-grams), for the tests."""
    return [gram for word in text.lower().split() for gram in _word_grams(word)]


def _counts(corpus: Sequence[str]) -> Any:
    """The n-gram counts of each text (a CSR matrix), each distinct word cut into n-grams once."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    word_ids: dict[str, list[int]] = {}
    indices: list[int] = []
    indptr = [0]
    for text in corpus:
        for word in text.lower().split():
            ids = word_ids.get(word)
            if ids is None:
                ids = word_ids[word] = [vocabulary.setdefault(g, len(vocabulary)) for g in _word_grams(word)]
            indices += ids
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                        shape=(len(corpus), len(vocabulary)))
    matrix.sum_duplicates()  # one entry per n-gram and text, its count
    return matrix


def sentence_vectors(corpus: Sequence[str], wanted: Sequence[int], fitted: int | None = None) -> Any:
    """L2-normalised TF-IDF rows (a float32 CSR matrix) of ``corpus[k]`` for each k in ``wanted``,
    the IDF fitted on the first ``fitted`` texts of the corpus (all of them by default: texts
    after those, such as parts of its sentences, are weighed without counting as documents);
    None when the corpus has no word at all.

    The same numbers as scikit-learn's ``TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS,
    sublinear_tf=True)``, without its loop over every n-gram of every text.
    """
    import numpy as np

    counts = _counts(corpus)
    if counts.shape[1] == 0:  # only white space: nothing is similar
        return None
    fit = counts if fitted is None else counts[:fitted]
    documents = np.bincount(fit.indices, minlength=counts.shape[1]).astype(np.float32) + 1  # smoothed: +1 each
    idf = np.log(np.float32(fit.shape[0] + 1) / documents) + np.float32(1)
    np.log(counts.data, out=counts.data)
    counts.data += np.float32(1)  # sublinear tf: 1 + log(count)
    counts.data *= idf[counts.indices]
    _normalise_rows(counts)
    return counts[list(wanted)]


def _normalise_rows(matrix: Any) -> None:
    """Each row of a CSR matrix divided by its L2 norm, in place: float32 squares summed and divided
    in float64, as scikit-learn's ``normalize`` does, so the float32 results are its own."""
    import numpy as np

    squares = np.square(matrix.data).astype(np.float64)
    filled = np.flatnonzero(np.diff(matrix.indptr))
    norms = np.ones(matrix.shape[0])
    norms[filled] = np.sqrt(np.add.reduceat(squares, matrix.indptr[filled]))
    matrix.data[:] = matrix.data / np.repeat(norms, np.diff(matrix.indptr))


def pair_similarity(vectors: Any, a: Any, b: Any) -> Any:
    """Cosine similarity of rows a[k] and b[k] of ``vectors`` (0 everywhere when it is None)."""
    import numpy as np

    out = np.zeros(len(a), dtype=np.float32)
    if vectors is None:
        return out
    for k in range(0, len(a), _PAIR_CHUNK):
        rows_a, rows_b = vectors[a[k:k + _PAIR_CHUNK]], vectors[b[k:k + _PAIR_CHUNK]]
        out[k:k + _PAIR_CHUNK] = np.asarray(rows_a.multiply(rows_b).sum(axis=1)).ravel()
    return out
