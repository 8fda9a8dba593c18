#!/usr/bin/env python3
"""Soak: issue 9's reproduction at full speed for minutes against the built jar, and the heap after GC.

Starts both demo services in one JVM from target/tracer.jar (java -XmxHEAP, loopback only, free ports,
both services reporting their own spans to the backend's store so that the frontend's store holds only
the posted spans), then CLIENTS threads post the issue's span (a random trace id, one tag of a million
characters, gzipped to about 1 kB) to the frontend's POST /api/v2/spans without pause for MINUTES
minutes, while a watcher asks for /actuator/health and a traced GET /api/data every 0.5 s. Every
SAMPLE seconds it forces a full collection (jcmd GC.run); the heap after each collection is read from
the JVM's GC log (target/store-soak-gc.log), which says it exactly, where a separate look at the heap
would also count what the clients allocated since. Stops by itself: at the end it reads the store's
counters, sends SIGTERM, and reports.

Checks (exit status 1 if one fails): every post answered 202 or 503 problem+json with Retry-After;
health answered 200 throughout, and /api/data 200 or, when the frontend's call to the backend timed out
on a starved CPU, 502/504 problem+json (counted and shown); the JVM never ran out of memory; the store's counters
add up (202 answers = spans_accepted = spans_stored + spans_evicted, 503 answers = spans_refused);
SIGTERM stops the JVM within 30 s.

Usage: src/test/bench/store-soak.py [MINUTES] [CLIENTS] [HEAP] [-- jar arguments...]
       (defaults 3, 4, 256m; after ./mvnw package)
e.g.   src/test/bench/store-soak.py 3 4 256m -- --tracer.store.max-bytes=1GB \
           --tracer.store.limits.max-tag-value-length=2000000
"""
import collections
import gzip
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

args = sys.argv[1:]
JAR_ARGS = args[args.index("--") + 1:] if "--" in args else []
args = args[:args.index("--")] if "--" in args else args
MINUTES = float(args[0]) if len(args) > 0 else 3
CLIENTS = int(args[1]) if len(args) > 1 else 4
HEAP = args[2] if len(args) > 2 else "256m"
SAMPLE = 15
TAG = "a" * 1_000_000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, data=None, headers=None, timeout=30):
    """(status, headers, body); status is a string when there was no HTTP answer."""
    try:
        req = urllib.request.Request(url, data=data, headers=headers or {})
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (urllib.error.URLError, OSError) as error:
        return type(error).__name__, {}, b""


def jcmd(pid, *command):
    return subprocess.run(["jcmd", str(pid), *command], capture_output=True, text=True, timeout=60).stdout


GC_LOG = "target/store-soak-gc.log"


def collections_logged():
    """[(kind, MB after, MB heap)] of every collection so far, from lines such as
    [12.3s][info][gc] GC(7) Pause Full (System.gc()) 150M->61M(256M) 80.1ms"""
    with open(GC_LOG) as log:
        return [(m.group(1), int(m.group(3)), int(m.group(4)))
                for m in re.finditer(r"GC\(\d+\) (Pause \w+).*? (\d+)M->(\d+)M\((\d+)M\)", log.read())]


def heap_after_full_gc(pid):
    before = len(collections_logged())
    jcmd(pid, "GC.run")
    for _ in range(50):
        full = [c for c in collections_logged()[before:] if c[0] == "Pause Full"]
        if full:
            return full[-1][1], full[-1][2]
        time.sleep(0.1)
    return None, None


def main():
    frontend, backend = free_port(), free_port()
    ports = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
    ports.write(f"spring.config.activate.on-profile: frontend\nserver.port: {frontend}\n---\n"
                f"spring.config.activate.on-profile: backend\nserver.port: {backend}\n")
    ports.close()
    log = open("target/store-soak.log", "w")
    jvm = subprocess.Popen(["java", f"-Xmx{HEAP}", "-XX:+ExitOnOutOfMemoryError", f"-Xlog:gc:file={GC_LOG}",
                            "-jar", "target/tracer.jar",
                            f"--spring.config.additional-location=file:{ports.name}", "--server.address=127.0.0.1",
                            f"--tracer.demo.downstream=http://127.0.0.1:{backend}",
                            f"--management.tracing.export.zipkin.endpoint=http://127.0.0.1:{backend}/api/v2/spans",
                            *JAR_ARGS], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{frontend}"
    failures = []
    try:
        deadline = time.monotonic() + 180
        while request(base + "/actuator/health", timeout=2)[0] != 200:
            if jvm.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the jar did not start; see target/store-soak.log")
            time.sleep(0.5)
        print(f"started: heap {HEAP}, {CLIENTS} clients, {MINUTES} min, args {JAR_ARGS or 'none'}", flush=True)

        statuses, watch = collections.Counter(), collections.Counter()
        slowest_watch, heap_samples, downstream_failures = [0.0], [], []
        stop, counting = threading.Event(), threading.Lock()

        def client(seed):
            rng = __import__("random").Random(seed)
            while not stop.is_set():
                body = json.dumps([{"traceId": "%032x" % rng.getrandbits(128), "id": "000000000000000a",
                                    "tags": {"k": TAG}}]).encode()
                status, headers, _ = request(base + "/api/v2/spans", gzip.compress(body, 1),
                                             {"Content-Type": "application/json", "Content-Encoding": "gzip"})
                if status == 503 and not (headers.get("Content-Type", "").startswith("application/problem+json")
                                          and headers.get("Retry-After")):
                    status = "503 without problem+json and Retry-After"
                with counting:
                    statuses[status] += 1

        def watcher():
            while not stop.is_set():
                for path, headers in (("/actuator/health", {}),
                                      ("/api/data", {"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})):
                    started = time.monotonic()
                    status, answer_headers, body = request(base + path, headers=headers, timeout=10)
                    slowest_watch[0] = max(slowest_watch[0], time.monotonic() - started)
                    if status in (502, 504) and path == "/api/data" and answer_headers.get(
                            "Content-Type", "").startswith("application/problem+json"):
                        downstream_failures.append(body.decode()[:300])
                        status = f"{status} problem"
                    watch[(path, status)] += 1
                time.sleep(0.5)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)] + [threading.Thread(target=watcher)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        end = began + MINUTES * 60
        while time.monotonic() < end and jvm.poll() is None:
            time.sleep(min(SAMPLE, max(0.0, end - time.monotonic())))
            if jvm.poll() is None:
                used, total = heap_after_full_gc(jvm.pid)
                heap_samples.append(used)
                print(f"{time.monotonic() - began:6.0f} s  posts {sum(statuses.values()):6d} {dict(statuses)}"
                      f"  heap after full GC {used} of {total} MB", flush=True)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began

        if jvm.poll() is not None:
            failures.append(f"the JVM exited ({jvm.returncode}) during the soak")
        else:
            store = json.loads(request(base + "/api/traces?limit=1")[2])["store"]
            used, total = heap_after_full_gc(jvm.pid)
            posts = sum(statuses.values())
            print(f"\n{posts} posts in {elapsed:.0f} s ({posts / elapsed:.0f}/s): {dict(statuses)}")
            print(f"health and /api/data: {dict(watch)}, slowest {slowest_watch[0]:.2f} s")
            for failure in downstream_failures[:5]:
                print("  /api/data problem:", failure)
            heap_samples = [sample for sample in heap_samples if sample is not None]
            print(f"heap after a forced full GC, every {SAMPLE} s: min {min(heap_samples):.0f}, median "
                  f"{statistics.median(heap_samples):.0f}, max {max(heap_samples):.0f} MB; at the end {used} of "
                  f"{total} MB")
            # Remark and Cleanup are pauses of a concurrent cycle: what they log is the heap in use then
            logged = [c for c in collections_logged() if c[0] in ("Pause Young", "Pause Full")]
            print(f"{len(logged)} young, mixed and full collections: heap after them at most "
                  f"{max(c[1] for c in logged)} MB")
            print("store:", json.dumps(store))
            if set(statuses) - {202, 503}:
                failures.append(f"answers other than 202 and 503 problems: {dict(statuses)}")
            if any(status not in (200, "502 problem", "504 problem") or (path, status) == ("/actuator/health", "502 problem")
                   for path, status in watch):
                failures.append(f"health not 200, or /api/data not answered: {dict(watch)}")
            if not (statuses[202] == store["spans_accepted"] == store["spans_stored"] + store["spans_evicted"]):
                failures.append(f"202 answers {statuses[202]} != spans_accepted or != stored + evicted")
            if statuses[503] != store["spans_refused"]:
                failures.append(f"503 answers {statuses[503]} != spans_refused {store['spans_refused']}")
            stopped = time.monotonic()
            jvm.send_signal(signal.SIGTERM)
            try:
                jvm.wait(30)
                print(f"SIGTERM: stopped in {time.monotonic() - stopped:.1f} s")
            except subprocess.TimeoutExpired:
                failures.append("SIGTERM did not stop the JVM within 30 s")
        log.flush()
        if "OutOfMemoryError" in open("target/store-soak.log").read():
            failures.append("OutOfMemoryError in target/store-soak.log")
    finally:
        if jvm.poll() is None:
            os.killpg(jvm.pid, signal.SIGKILL)
        os.unlink(ports.name)
    for failure in failures:
        print("FAILED:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
