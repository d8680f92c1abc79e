"""similarity.py: the cached n-grams are scikit-learn's char_wb n-grams, the weighting is its TF-IDF's
to the last float32 bit, and cosine is cosine. (scikit-learn is the tests' reference, not a dependency.)"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from timeline_app.similarity import NGRAMS, _analyze, _counts, pair_similarity, sentence_vectors

_CHAR_WB = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS).build_analyzer()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab AB\t\n’é."), max_size=40))
def test_the_cached_n_grams_are_scikit_learns(text: str) -> None:
    assert _analyze(text) == _CHAR_WB(text)


def test_pair_similarity_is_the_cosine_of_the_two_rows() -> None:
    corpus = ["the harbour master resigned", "the harbour master quit", "ferries stopped", "!!!"]
    vectors = sentence_vectors(corpus, [0, 1, 2])
    a, b = np.array([0, 0, 1]), np.array([1, 2, 2])
    dense = vectors.toarray()
    expected = [float(dense[i] @ dense[j]) for i, j in zip(a, b, strict=True)]
    assert np.allclose(pair_similarity(vectors, a, b), expected)
    assert 0.3 < expected[0] < 1.0 and expected[1] < 0.1
    assert sentence_vectors(["", " \n "], [0]) is None  # no word at all


def test_the_vectors_are_scikit_learns_tf_idf() -> None:
    corpus = ["The harbour master resigned.", "A storm flooded the harbour of Portmere", "the the the harbour", "x"]
    ours = sentence_vectors(corpus, range(len(corpus))).toarray()
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True).fit_transform(corpus)
    assert np.allclose(ours @ ours.T, (theirs @ theirs.T).toarray(), atol=1e-6)


def test_texts_past_the_fitted_ones_are_weighed_by_the_fitted_ones_idf() -> None:
    # A part of a sentence is weighed as the sentences are, without counting as one more document.
    corpus = ["The harbour master resigned.", "A storm flooded the harbour of Portmere", "x"]
    extra = "flooded the harbour"
    ours = sentence_vectors([*corpus, extra], [3], fitted=len(corpus)).toarray()
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True).fit(corpus)
    theirs = vectorizer.transform([extra]).toarray()
    assert np.allclose(ours @ ours.T, theirs @ theirs.T, atol=1e-6)
    assert not np.allclose(ours, sentence_vectors([*corpus, extra], [3]).toarray()[:, :ours.shape[1]], atol=1e-3)


_WORDS = st.sampled_from(["harbour", "harbours", "master", "the", "a", "resigned", "Portmere", "storm", "x", "é"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=12).map(" ".join), min_size=1, max_size=8), st.data())
def test_the_weights_are_scikit_learns_bit_for_bit(corpus: list[str], data: st.DataObject) -> None:
    # The same float32 numbers as TfidfTransformer on the same counts, for the IDF fitted on any prefix.
    fitted = data.draw(st.integers(1, len(corpus)))
    counts = _counts(corpus)
    ours = sentence_vectors(corpus, range(len(corpus)), fitted=fitted)
    if counts.shape[1] == 0:
        assert ours is None
        return
    theirs = TfidfTransformer(sublinear_tf=True).fit(counts[:fitted]).transform(counts).tocsr()
    assert ours.dtype == theirs.dtype == np.float32
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
