"""A web server on 127.0.0.1 for tests that read links: nothing a test fetches leaves the machine."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PageHandler(BaseHTTPRequestHandler):
    """Answers each path from ``pages``: (status, headers, body); 404 for the rest."""

    pages: Mapping[str, tuple[int, Mapping[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        code, headers, body = self.pages.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>Not here</h1>"))
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:  # the client stopped reading (a size limit): that is the point
            pass

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on a free loopback port for the duration; yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def pages_handler(pages: Mapping[str, tuple[int, Mapping[str, str], bytes]]) -> type[PageHandler]:
    return type("Pages", (PageHandler,), {"pages": pages})
