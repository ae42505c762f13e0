#!/usr/bin/env python3
"""Mirror chaos check for the change feed (issue #5, "how it will be checked").

While a writer creates, updates and retracts signals and lets some expire, `cairn sync --follow` mirrors the feed and
is killed (SIGKILL) at random moments and restarted; the server is killed and restarted too. At the end the writer
stops, the expiry job catches up, one last `cairn sync` runs to completion, and the mirror is compared with the
server's own listing of active signals: nothing missing, nothing extra, nothing duplicated, every version current.

Loopback only, synthetic values under example.org / example.com. Usage (from the repository root, after
`./mvnw -q -DskipTests package -pl cairn-server,cairn-cli -am`):

    python3 cairn-bench/scripts/feed-chaos.py --db jdbc:postgresql://127.0.0.1:5432/cairn_chaos --seconds 120
    python3 cairn-bench/scripts/feed-chaos.py --db h2 --seconds 120

A PostgreSQL database must exist and be empty (Flyway migrates it); "h2" starts the embedded default in a fresh work
directory. Exit status 0 when the mirror matches.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

KEY = "cairn_chaosoperatr_" + "C" * 43
JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")


def call(base, method, path, body=None, headers=None, timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + KEY)
    req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        text = r.read()
        return r.status, (json.loads(text) if text else None)


class Server:
    def __init__(self, jar, db, port, data_dir):
        self.jar, self.db, self.port, self.data_dir = jar, db, port, data_dir
        self.proc = None
        self.base = f"http://127.0.0.1:{port}"

    def start(self):
        env = dict(os.environ, CAIRN_OPERATOR_KEY=KEY, PORT=str(self.port), CAIRN_DATA_DIR=self.data_dir)
        if self.db != "h2":  # "h2": the embedded default, a file database in the work directory
            env.update(SPRING_PROFILES_ACTIVE="postgres", CAIRN_DB_URL=self.db)
        log = open(os.path.join(self.data_dir, "server.log"), "ab")
        self.proc = subprocess.Popen([JAVA, "-jar", self.jar, "--cairn.expiry-interval=PT2S"], env=env,
                                     stdout=log, stderr=subprocess.STDOUT)
        self.started = time.time()
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("the server exited at start (port in use?); see " + self.data_dir + "/server.log")
            try:
                call(self.base, "GET", "/api/v1/taxonomy", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.5)
        raise SystemExit("server did not start; see " + self.data_dir + "/server.log")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


class Writer(threading.Thread):
    """Creates batches, updates and retracts at random, and gives some signals a validity of seconds."""

    def __init__(self, base_ref, stop):
        super().__init__(daemon=True)
        self.base_ref, self.stop = base_ref, stop
        self.ids, self.n, self.errors, self.ops = [], 0, 0, {"created": 0, "updated": 0, "retracted": 0}
        self.last_expiry = datetime.now(timezone.utc)
        self.failure = None
        self.throttled = 0

    def run(self):
        while not self.stop.is_set():
            try:
                self.step()
            except urllib.error.HTTPError as e:
                if e.code == 429:  # the key's rate limit: wait as told
                    self.throttled += 1
                    time.sleep(float(e.headers.get("Retry-After", "1")))
                    continue
                if e.code < 500:
                    self.failure = f"{e.code} {e.read()[:300]!r}"
                    raise
                self.errors += 1
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError):
                self.errors += 1  # the server is down or went down mid-answer (killed on purpose): try again
                time.sleep(0.3)

    def step(self):
        r = random.random()
        base = self.base_ref[0]
        if r < 0.5 or len(self.ids) < 20:
            items = []
            for _ in range(random.randint(1, 40)):
                self.n += 1
                item = {"type": random.choice(["DOMAIN", "EMAIL"]), "categories": ["GROOMING"],
                        "confidence": random.randint(10, 90)}
                item["value"] = (f"chaos-{self.n}-{random.randrange(1 << 30)}.example.org" if item["type"] == "DOMAIN"
                                 else f"chaos{self.n}.{random.randrange(1 << 30)}@example.com")
                if random.random() < 0.15:
                    until = datetime.now(timezone.utc) + timedelta(seconds=random.randint(3, 12))
                    item["valid_until"] = until.isoformat(timespec="seconds").replace("+00:00", "Z")
                    self.last_expiry = max(self.last_expiry, until)
                items.append(item)
            body = "\n".join(json.dumps(i) for i in items).encode()
            key = f"chaos-{time.time_ns()}"
            _, out = call(base, "POST", "/api/v1/signals/batch", body,
                          {"Content-Type": "application/x-ndjson", "Idempotency-Key": key})
            self.ids.extend(s["id"] for s in out["signals"])
            self.ops["created"] += len(items)
        elif r < 0.8:
            sid = random.choice(self.ids)
            try:
                call(base, "PATCH", f"/api/v1/signals/{sid}", {"confidence": random.randint(10, 90)})
                self.ops["updated"] += 1
            except urllib.error.HTTPError as e:
                if e.code not in (404, 409, 412, 422):  # retracted or expired meanwhile
                    raise
        else:
            sid = self.ids.pop(random.randrange(len(self.ids)))
            try:
                call(base, "POST", f"/api/v1/signals/{sid}/retract", {"reason": "chaos test"})
                self.ops["retracted"] += 1
            except urllib.error.HTTPError as e:
                if e.code not in (404, 409, 422):
                    raise


def sync(cli_jar, base, out, follow):
    args = [JAVA, "-jar", cli_jar, "sync", "--server", base, "--key", KEY, "--out", out, "--checkpoint-every", "200"]
    if follow:
        args += ["--follow", "--wait", "5", "--checkpoint-interval", "1"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def server_state(base):
    active, cursor = {}, None
    while True:
        path = "/api/v1/signals?status=ACTIVE&limit=1000" + (f"&cursor={cursor}" if cursor else "")
        _, page = call(base, "GET", path)
        for s in page["signals"]:
            active[s["id"]] = s["version"]
        cursor = page.get("next_cursor")
        if not cursor:
            return active


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--port", type=int, default=18081)
    p.add_argument("--seconds", type=int, default=90)
    p.add_argument("--server-kills", type=int, default=3)
    p.add_argument("--work", default="/tmp/cairn-feed-chaos")
    p.add_argument("--server-jar", default="cairn-server/target/cairn-server.jar")
    p.add_argument("--cli-jar", default="cairn-cli/target/cairn-cli.jar")
    a = p.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    mirror = os.path.join(a.work, "mirror")
    server = Server(a.server_jar, a.db, a.port, a.work)
    try:
        sys.exit(run(a, server, mirror))
    finally:
        if server.proc and server.proc.poll() is None:
            server.kill()


def run(a, server, mirror):
    server.start()
    base = [server.base]
    stop = threading.Event()
    writer = Writer(base, stop)
    writer.start()
    kills = sorted(random.uniform(0.15, 0.85) * a.seconds for _ in range(a.server_kills))
    client_kills, server_kills = 0, 0
    t0 = time.time()
    client = sync(a.cli_jar, server.base, mirror, True)
    while time.time() - t0 < a.seconds:
        time.sleep(random.uniform(0.5, 4))
        client.send_signal(signal.SIGKILL)
        client.wait()
        client_kills += 1
        if kills and time.time() - t0 >= kills[0]:
            kills.pop(0)
            server.kill()
            server_kills += 1
            time.sleep(random.uniform(0, 2))
            server.start()
        client = sync(a.cli_jar, server.base, mirror, True)
    stop.set()
    writer.join()
    client.send_signal(signal.SIGKILL)
    client.wait()
    if writer.failure:
        raise SystemExit("the writer was refused: " + writer.failure)
    # let every short-lived signal pass its validity and the expiry job (first run 5 s after a start, then every
    # 2 s) remove it, so that the server is quiescent when the mirror is compared with it
    while (datetime.now(timezone.utc) < writer.last_expiry + timedelta(seconds=6)
           or time.time() < server.started + 20):
        time.sleep(1)
    final = sync(a.cli_jar, server.base, mirror, False)
    rc = final.wait()
    cursor = open(os.path.join(mirror, "cursor")).read().strip()
    _, after = call(server.base, "GET", f"/api/v1/feed?after={cursor}&limit=1")
    if after["events"]:
        raise SystemExit(f"the server changed after the final sync (cursor {cursor}); rerun with a longer wait")
    expected = server_state(server.base)
    lines = [json.loads(l) for l in open(os.path.join(mirror, "signals.ndjson"), encoding="utf-8") if l.strip()]
    ids = [l["id"] for l in lines]
    got = {l["id"]: l["version"] for l in lines}
    missing = set(expected) - set(got)
    extra = set(got) - set(expected)
    dupes = len(ids) - len(set(ids))
    stale = [i for i in expected if i in got and got[i] != expected[i]]
    print(f"writer: {writer.ops}, {writer.errors} calls failed while the server was down, "
          f"{writer.throttled} rate-limited; "
          f"sync killed {client_kills} times, server killed {server_kills} times; final sync exit {rc}")
    print(f"server active signals: {len(expected)}; mirror lines: {len(ids)}; missing {len(missing)}, "
          f"extra {len(extra)}, duplicated {dupes}, stale version {len(stale)}")
    ok = rc == 0 and not missing and not extra and dupes == 0 and not stale
    print("MIRROR MATCHES" if ok else "MIRROR DIFFERS")
    return 0 if ok else 1


if __name__ == "__main__":
    main()
