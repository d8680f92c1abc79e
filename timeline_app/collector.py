"""The cyclic garbage collector, paused while the engine reads one document.

Extraction allocates millions of small objects that live until it returns (matches,
mentions, timexes, events) and makes no reference cycles: reference counting frees all
of it. The collector cannot know that. Each time the young objects outnumber its
thresholds it traverses them, and every time the heap grows by a quarter it traverses the
whole heap: on a 1 MB article that was about a fifth of the CPU time, and the share grows
with the article. So the engine pauses it for the length of one extraction and resumes it
after (only if it was running: a caller that turned it off keeps it off). Pauses nest and
are shared between threads: the collector resumes when the last extraction ends.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # extractions running now
_paused_it = False  # whether the first of them turned the collector off


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off; reference counting still frees memory."""
    global _depth, _paused_it
    with _lock:
        if _depth == 0:
            _paused_it = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _paused_it:
                _paused_it = False
                gc.enable()


def _after_fork_in_child() -> None:
    """A worker forked while an extraction ran in another thread starts with no extraction
    running: it must not inherit the pause it would never end."""
    global _lock, _depth, _paused_it
    _lock = threading.Lock()
    if _depth and _paused_it:
        gc.enable()
    _depth, _paused_it = 0, False


if hasattr(os, "register_at_fork"):  # (POSIX)
    os.register_at_fork(after_in_child=_after_fork_in_child)
