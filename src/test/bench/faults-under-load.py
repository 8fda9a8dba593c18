#!/usr/bin/env python3
"""Faults under load: the backend dies in the middle of a load run and comes back.

Starts the backend (:8081) and the frontend (:8080) as two processes from target/tracer.jar, keeps
THREADS clients calling the frontend's GET /api/data for DURATION seconds (and at least 10 s after the
backend is healthy again), kills the backend (SIGKILL) at DURATION/4 and starts it again at DURATION/2. Reports, per phase, the answers the frontend gave,
how long after the backend was healthy again the frontend answered 200, and the slowest request.

Checks (exit status 1 if one fails): every answer is 200, 502 or 504; no request takes longer than the
read timeout (3 s) plus 1 s; the frontend answers 200 within 5 s of the backend being healthy again.

Usage: src/test/bench/faults-under-load.py [DURATION] [THREADS]   (defaults 40 and 8; after ./mvnw package)
"""
import collections
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

DURATION = int(sys.argv[1]) if len(sys.argv) > 1 else 40
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
KILL_AT, RESTART_AT = DURATION // 4, DURATION // 2
READ_TIMEOUT = 3.0


def start(profile):
    return subprocess.Popen(["java", "-jar", "target/tracer.jar", "--spring.profiles.active=" + profile],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/actuator/health", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_healthy(port, limit=60):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if healthy(port):
            return time.monotonic()
        time.sleep(0.1)
    raise SystemExit(f"nothing healthy on :{port} after {limit} s")


def client(results, stop):
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen("http://localhost:8080/api/data", timeout=30) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, OSError):
            status = "connection error"
        results.append((started, time.monotonic() - started, status))


def main():
    backend = start("backend")
    frontend = start("frontend")
    try:
        wait_healthy(8081)
        wait_healthy(8080)
        results, stop = [], threading.Event()
        threads = [threading.Thread(target=client, args=(results, stop)) for _ in range(THREADS)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(KILL_AT)
        os.killpg(backend.pid, signal.SIGKILL)
        killed = time.monotonic()
        time.sleep(RESTART_AT - KILL_AT)
        backend = start("backend")
        back = wait_healthy(8081)
        # at least 10 s of load after the backend is back, however long its start took under load
        time.sleep(max(10, DURATION - (time.monotonic() - began)))
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        for process in (backend, frontend):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    phases = collections.OrderedDict((name, collections.Counter()) for name in ("before", "backend down", "after"))
    for started, _, status in results:
        phase = "before" if started < killed else ("backend down" if started < back else "after")
        phases[phase][status] += 1
    recovered = min((s for s, _, status in results if s >= back and status == 200), default=None)
    slowest = max(latency for _, latency, _ in results)
    print(f"{len(results)} requests from {THREADS} clients over {results[-1][0] - began:.0f} s; backend killed at "
          f"{killed - began:.1f} s, healthy again at {back - began:.1f} s")
    for name, counts in phases.items():
        print(f"  {name:<13} " + ", ".join(f"{status}: {count}" for status, count in sorted(counts.items(), key=str)))
    recovery = (recovered - back) if recovered is not None else None
    print(f"  first 200 after the backend was healthy: "
          + (f"{recovery:.2f} s" if recovery is not None else "never"))
    print(f"  slowest request: {slowest:.2f} s (read timeout {READ_TIMEOUT:.0f} s)")
    failures = []
    unexpected = {status for counts in phases.values() for status in counts} - {200, 502, 504}
    if unexpected:
        failures.append(f"unexpected answers {sorted(unexpected, key=str)}")
    if slowest > READ_TIMEOUT + 1:
        failures.append(f"a request took {slowest:.2f} s")
    if recovery is None or recovery > 5:
        failures.append("no recovery within 5 s")
    print("FAILED: " + "; ".join(failures) if failures else "all checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
