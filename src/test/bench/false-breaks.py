#!/usr/bin/env python3
"""False breaks per 1,000 client calls on the demo under load.

Starts both demo services from the built jar (frontend :8080, backend :8081), loads the frontend's
GET /api/data with wrk for SECONDS, interleaving FAULTS requests of each broken propagation mode
(dropped, uppercase, b3), waits for every trace to settle, then reads every stored trace through Zipkin's
API and every break through GET /api/breaks. A break is counted true when its trace began with a
propagation= request (the mode broke the context on purpose) and false otherwise; every client span
is a call. Prints one line of JSON.

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
        wrk = subprocess.Popen(["wrk", "-t1", "-c4", f"-d{SECONDS}s", "http://127.0.0.1:8080/api/data"],
                               stdout=subprocess.PIPE, text=True)
        broken = set()
        for i in range(FAULTS):
            for mode in MODES:
                answer = get(f"/api/data?propagation={mode}")
                broken.add(answer["span"]["trace_id"])
                broken.add(answer["downstream"]["span"]["trace_id"])
            time.sleep(SECONDS / FAULTS / 2)
        wrk.communicate()
        time.sleep(6)
        traces = get("/api/traces?limit=1000")["traces"]
        connection = http.client.HTTPConnection("127.0.0.1", 8080, timeout=30)
        calls = 0
        for trace in traces:
            connection.request("GET", "/api/v2/trace/" + trace["trace_id"])
            spans = json.loads(connection.getresponse().read())
            calls += sum(1 for span in spans if span.get("kind") == "CLIENT")
        breaks = get("/api/breaks?limit=1000")["breaks"]
        false_breaks = [b for b in breaks if b["trace_id"] not in broken]
        found = {b["trace_id"] for b in breaks if b["trace_id"] in broken}
        print(json.dumps({
            "traces_read": len(traces), "client_calls": calls, "breaks": len(breaks),
            "false_breaks": len(false_breaks),
            "false_breaks_per_1000_calls": round(1000 * len(false_breaks) / max(1, calls), 2),
            "broken_requests": FAULTS * len(MODES), "broken_traces_with_a_break": len(found),
            "false_by_kind": sorted({(b["kind"], b["confidence"]) for b in false_breaks}),
        }))
    finally:
        service.terminate()
        service.wait()


if __name__ == "__main__":
    main()
