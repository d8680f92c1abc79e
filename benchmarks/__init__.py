"""Accuracy, error-analysis and speed benchmarks against gold-annotated corpora.

The corpora are data outside the repository (``../shared/corpora`` by default,
or ``$TIMELINE_CORPORA``); nothing here is needed by the application itself.
"""
