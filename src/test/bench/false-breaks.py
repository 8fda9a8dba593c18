#!/usr/bin/env python3
"""False breaks per 1,000 client calls on the demo under load.

Starts both demo services from the built jar (frontend :8080, backend :8081), loads the frontend's
GET /api/data with wrk for SECONDS, interleaving FAULTS requests of each broken propagation mode
(dropped, uppercase, b3), waits for every trace to settle, then reads the newest 1,000 stored traces, each
through Zipkin's API (its client spans are the calls) and GET /api/traces/{id}/breaks. A break is
counted true when its trace is one of the two pieces of a propagation= request (the mode broke the
context on purpose) and false otherwise. Prints one line of JSON.

Usage: src/test/bench/false-breaks.py [SECONDS] [FAULTS]   (defaults 20 and 25; after ./mvnw package;
JAR=path measures another build; needs wrk, which http-load.sh installs)
"""
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.request

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
FAULTS = int(sys.argv[2]) if len(sys.argv) > 2 else 25
MODES = ("dropped", "uppercase", "b3")
JAR = os.environ.get("JAR", "target/tracer.jar")


def get(path):
    with urllib.request.urlopen("http://127.0.0.1:8080" + path, timeout=30) as answer:
        return json.loads(answer.read())


def wait_up():
    for _ in range(120):
        try:
            get("/actuator/health")
            urllib.request.urlopen("http://127.0.0.1:8081/actuator/health", timeout=2).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the services did not start")


def main():
    service = subprocess.Popen(["java", "-Xmx2g", "-jar", JAR, "--tracer.breaks.settle=2s",
                                "--tracer.store.max-spans=1000000"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_up()
        wrk = subprocess.Popen(["wrk", "-t1", "-c2", f"-d{SECONDS}s", "http://127.0.0.1:8080/api/data"],
                               stdout=subprocess.PIPE, text=True)
        broken = set()  # (the caller's trace, the trace the callee began)
        for i in range(FAULTS):
            for mode in MODES:
                answer = get(f"/api/data?propagation={mode}")
                broken.add((answer["span"]["trace_id"], answer["downstream"]["span"]["trace_id"]))
            time.sleep(SECONDS / FAULTS / 2)
        wrk.communicate()
        time.sleep(6)
        traces = get("/api/traces?limit=1000")["traces"]
        connection = http.client.HTTPConnection("127.0.0.1", 8080, timeout=30)

        def read(path):
            connection.request("GET", path)
            return json.loads(connection.getresponse().read())

        calls = true_breaks = false_breaks = 0
        false_kinds = set()
        callers_found = 0
        callers = {trace_id for trace_id, _ in broken}
        for trace in traces:
            trace_id = trace["trace_id"]
            calls += sum(1 for span in read("/api/v2/trace/" + trace_id) if span.get("kind") == "CLIENT")
            found = read(f"/api/traces/{trace_id}/breaks")["breaks"]
            if trace_id in {t for pair in broken for t in pair}:
                true_breaks += len(found)
                callers_found += trace_id in callers and any(b["kind"] == "lost_downstream" for b in found)
            else:
                false_breaks += len(found)
                false_kinds.update((b["kind"], b["confidence"]) for b in found)
        read_callers = len(callers & {trace["trace_id"] for trace in traces})
        print(json.dumps({
            "traces_read": len(traces), "client_calls": calls, "true_breaks": true_breaks,
            "false_breaks": false_breaks,
            "false_breaks_per_1000_calls": round(1000 * false_breaks / max(1, calls), 2),
            "broken_requests_read": read_callers, "of_them_lost_call_found": callers_found,
            "false_by_kind": sorted(false_kinds),
        }))
    finally:
        service.terminate()
        service.wait()


if __name__ == "__main__":
    main()
