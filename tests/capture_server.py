#!/usr/bin/env python3
"""A stand-in node for capture.test: serves fixture files by route on 127.0.0.1.

Routes (ROOT/routes.json, first match wins):
  {"path": P, "query": {K: V}, "height": H, "file": F}
      exact path P; the decoded query must equal the given one ({} when
      absent); with "height", only requests whose x-cosmos-block-height
      header is H match (without it, any height or none).
  {"prefix": P, "height": H, "dir": D, "default": F}
      P + ADDR serves D/ADDR.json, or F when there is none (without
      "default", a 404: the node has nothing for ADDR).
Anything else is a 404 in gRPC-gateway form.

Faults, for the retry and interruption tests:
  --inject STATUS:COUNT:PATH  the first COUNT requests of PATH (query ignored)
                              get STATUS (COUNT -1 = all of them)
  --hang PATH                 requests of PATH sleep --hang-seconds first
  --delay S                   every request sleeps S seconds first
The server listens on a free port, writes it to --port-file, logs each
request to --log ("GET PATH?QUERY height=H STATUS") and exits by itself
after --lifetime seconds.
"""
import argparse
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDR = re.compile(r"^[A-Za-z0-9]+$")


def load_routes(root):
    with open(os.path.join(root, "routes.json")) as f:
        return json.load(f)


def resolve(root, routes, raw_path, height):
    """The fixture file for a request, or None (404)."""
    parts = urllib.parse.urlsplit(raw_path)
    query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    for r in routes:
        if "height" in r and r["height"] != height:
            continue
        if "path" in r:
            if parts.path == r["path"] and query == r.get("query", {}):
                return os.path.join(root, r["file"])
        elif parts.path.startswith(r["prefix"]) and not query:
            rest = parts.path[len(r["prefix"]):]
            if not ADDR.match(rest):
                continue
            f = os.path.join(root, r["dir"], rest + ".json")
            if os.path.exists(f):
                return f
            return os.path.join(root, r["default"]) if "default" in r else None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--inject", action="append", default=[])
    ap.add_argument("--hang", action="append", default=[])
    ap.add_argument("--hang-seconds", type=float, default=30)
    ap.add_argument("--delay", type=float, default=0)
    ap.add_argument("--lifetime", type=float, default=120)
    a = ap.parse_args()

    routes = load_routes(a.root)
    injected = {}
    for spec in a.inject:
        status, count, path = spec.split(":", 2)
        injected[path] = [int(status), int(count)]
    lock = threading.Lock()
    log = open(a.log, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one write (no Nagle stall)

        def log_message(self, fmt, *args):
            pass

        def send(self, status, body):
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self):
            h = self.headers.get("x-cosmos-block-height")
            height = int(h) if h is not None and h.isdigit() else None
            path = urllib.parse.urlsplit(self.path).path
            if a.delay:
                time.sleep(a.delay)
            if path in a.hang:
                time.sleep(a.hang_seconds)
            status, body = 200, None
            with lock:
                inj = injected.get(path)
                if inj and inj[1] != 0:
                    inj[1] -= 1
                    status = inj[0]
            if status == 200:
                f = resolve(a.root, routes, self.path, height)
                if f is None:
                    status = 404
                else:
                    with open(f, "rb") as fh:
                        body = fh.read()
            if body is None:
                code = 5 if status == 404 else 14
                body = json.dumps({"code": code, "message": "%s: status %d" % (path, status),
                                   "details": []}).encode()
            log.write("GET %s height=%s %d\n" % (self.path, h if h is not None else "-", status))
            self.send(status, body)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    threading.Timer(a.lifetime, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
