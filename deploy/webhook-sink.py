"""A tiny webhook receiver for docker-compose: logs every POST body and lists the latest ones.

POST any path  -> 200; the body (and the Standard Webhooks headers) printed to stdout,
                  so `docker compose logs -f webhook-sink` shows the alerts as they arrive
GET  /         -> the last 100 deliveries as JSON, newest first (http://localhost:8081)
GET  /health   -> 200
Standard library only; runs on python:3-alpine.
"""
import collections
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RECEIVED = collections.deque(maxlen=100)
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            payload = json.loads(body)
        except ValueError:
            payload = body.decode("utf-8", "replace")
        entry = {
            "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "path": self.path,
            "webhookId": self.headers.get("webhook-id"),
            "signed": self.headers.get("webhook-signature") is not None,
            "body": payload,
        }
        with LOCK:
            RECEIVED.appendleft(entry)
        print(json.dumps(entry), flush=True)
        self._send(200, b"{}")

    def do_GET(self):
        if self.path.startswith("/health"):
            self._send(200, b"ok", "text/plain")
            return
        with LOCK:
            out = json.dumps(list(RECEIVED), indent=2).encode()
        self._send(200, out)

    def _send(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):  # one line per delivery is printed above; skip access logs
        pass


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    print(f"webhook sink listening on :{port}", file=sys.stderr, flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
