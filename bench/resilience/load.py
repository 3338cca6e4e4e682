#!/usr/bin/env python3
"""Entry/exit load that records every acknowledgement, for the resilience runs.

Each worker parks a car with a fresh plate (201 = acknowledged ticket), then exits it (200 =
acknowledged exit), round-robin over the given service URLs, on keep-alive connections. Every
answer is counted by status; an answer that is not HTTP (reset, EOF mid-response, timeout) is
"broken", and also "broken_in_flight" when it was sent before the service first refused anything
(a 503 or a refused connection): caught in flight, not sent to a server already going away.
Writes a JSON summary, and with --acks every acknowledged ticket and exit, one per line.

  load.py --urls http://127.0.0.1:8080 --lot bench --seconds 30 --workers 16 --acks acks.txt
  load.py --verify acks.txt --urls http://127.0.0.1:8080   # every acknowledgement still there?
"""
import argparse
import http.client
import json
import threading
import time
import urllib.parse
from collections import Counter

TIMEOUT_S = 10


class Connection:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.conn = None

    def request(self, method, path, body=None):
        """(status or None, parsed JSON or None, seconds, error kind or None)"""
        started = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_S)
            headers = {"Content-Type": "application/json"} if body is not None else {}
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            parsed = json.loads(data) if data else None
            return response.status, parsed, time.monotonic() - started, None
        except ConnectionRefusedError:
            self.close()
            return None, None, time.monotonic() - started, "refused"
        except Exception as e:  # reset, EOF mid-response, timeout: the request broke
            self.close()
            return None, None, time.monotonic() - started, "broken:" + type(e).__name__

    def close(self):
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def run_load(args):
    deadline = time.monotonic() + args.seconds
    statuses, lock = Counter(), threading.Lock()
    acks, slowest_failure = [], [0.0]
    # When the service first said it is going away (a 503 or a refused connection): a request
    # broken after that was sent to a server already refusing, not caught in flight.
    first_refusal = [None]
    broken_in_flight = [0]

    def record(kind, status, error, seconds):
        now = time.monotonic()
        with lock:
            statuses[f"{kind} {status if status is not None else error}"] += 1
            if status is None or status >= 500:
                slowest_failure[0] = max(slowest_failure[0], seconds)
            if status == 503 or error == "refused":
                if first_refusal[0] is None:
                    first_refusal[0] = now
            elif error is not None and (first_refusal[0] is None or now - seconds < first_refusal[0]):
                broken_in_flight[0] += 1

    def worker(index):
        urls = args.urls.split(",")
        conns = [Connection(u) for u in urls]
        n = 0
        while time.monotonic() < deadline:
            conn = conns[n % len(conns)]
            n += 1
            plate = f"W{index}N{n}R{args.run}"
            status, body, seconds, error = conn.request(
                "POST", f"/api/lots/{args.lot}/entries", json.dumps({"plate": plate}))
            record("entry", status, error, seconds)
            if status != 201:
                if status is None or status >= 500:
                    time.sleep(0.05)
                continue
            ticket = body["ticketId"]
            with lock:
                acks.append(f"entered {ticket}")
            if args.park_only:
                continue
            while time.monotonic() < deadline:
                status, body, seconds, error = conn.request("POST", f"/api/tickets/{ticket}/exit")
                record("exit", status, error, seconds)
                if status == 200:
                    with lock:
                        acks.append(f"exited {ticket}")
                    break
                if status is not None and status < 500:
                    break  # 409 already exited: a retry of an exit that went through
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if args.acks:
        with open(args.acks, "w") as f:
            f.write("\n".join(acks) + "\n")
    summary = {
        "tickets_acknowledged": sum(1 for a in acks if a.startswith("entered")),
        "exits_acknowledged": sum(1 for a in acks if a.startswith("exited")),
        "answers": dict(sorted(statuses.items())),
        "broken": sum(c for k, c in statuses.items() if "broken" in k),
        "broken_in_flight": broken_in_flight[0],
        "slowest_failure_seconds": round(slowest_failure[0], 3),
    }
    print(json.dumps(summary))


def verify(args):
    conn = Connection(args.urls.split(",")[0])
    entered, exited = set(), set()
    for line in open(args.verify):
        if line.strip():
            kind, ticket = line.split()
            (entered if kind == "entered" else exited).add(ticket)
    missing, not_exited = [], []
    for ticket in sorted(entered):
        status, body, _, _ = conn.request("GET", f"/api/tickets/{ticket}")
        if status != 200:
            missing.append(ticket)
        elif ticket in exited and not body.get("exitedAt"):
            not_exited.append(ticket)
    print(json.dumps({"tickets_checked": len(entered), "exits_checked": len(exited),
                      "missing_tickets": len(missing), "exits_lost": len(not_exited)}))
    return 0 if not missing and not not_exited else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", required=True)
    parser.add_argument("--lot", default="bench")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--acks")
    parser.add_argument("--run", default=str(int(time.time()) % 100000))
    parser.add_argument("--park-only", action="store_true", help="enter only, never exit")
    parser.add_argument("--verify", help="an acks file to check against the service")
    parsed = parser.parse_args()
    raise SystemExit(verify(parsed) if parsed.verify else run_load(parsed))
