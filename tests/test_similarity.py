"""similarity.py: the cached n-grams are scikit-learn's char_wb n-grams, and cosine is cosine."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from timeline_app.similarity import NGRAMS, _analyze, pair_similarity, sentence_vectors

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
