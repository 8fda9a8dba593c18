#!/usr/bin/env python3
"""Messages per second through one node process after start-up.

Writes a stream of mixed messages (http_request with and without a header, parse_traceparent valid and
invalid, reconstruct_trace of five spans, an unknown type) to a file, feeds it to target/tracer-node on
stdin, and times from the first reply to the last: start-up is measured by node-startup.py.

Usage: src/test/bench/node-throughput.py [MESSAGES] [RUNS] [BASELINE]   (defaults 1000000 and 5)
Prints each run and the median, min and max in messages per second. BASELINE is a directory holding another
build of tracer (e.g. a git worktree of an earlier commit, after its own ./mvnw package): its
target/tracer-node then runs the same stream, alternating run by run with this build's, and the ratio of
medians is printed.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

KINDS = [
    '{"src": "service_a", "dest": "service_b", "body": {"type": "http_request", "msg_id": %d, "path": "/api/data", '
    '"headers": {"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}}}',
    '{"src": "service_a", "dest": "service_b", "body": {"type": "http_request", "msg_id": %d, "path": "/api/data", '
    '"headers": {}}}',
    '{"src": "service", "dest": "parser", "body": {"type": "parse_traceparent", "msg_id": %d, '
    '"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01"}}',
    '{"src": "service", "dest": "parser", "body": {"type": "parse_traceparent", "msg_id": %d, '
    '"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "policy": "strict"}}',
    '{"src": "collector", "dest": "tracer", "body": {"type": "reconstruct_trace", "msg_id": %d, "spans": ['
    '{"trace_id": "t1", "span_id": "s1", "parent": null}, {"trace_id": "t1", "span_id": "s2", "parent": "s1"}, '
    '{"trace_id": "t1", "span_id": "s3", "parent": "s2"}, {"trace_id": "t1", "span_id": "s4", "parent": "s1"}, '
    '{"trace_id": "t1", "span_id": "s5", "parent": "s4"}]}}',
    '{"src": "c", "dest": "n", "body": {"type": "echo", "msg_id": %d}}',
]


def run(launcher, path, count):
    with open(path, "rb") as stdin:
        proc = subprocess.Popen([launcher], stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        fd = proc.stdout.fileno()
        lines, first, last = 0, None, None
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            now = time.monotonic()
            if first is None:
                first = now
            lines += chunk.count(b"\n")
            last = now
        proc.wait()
    if lines != count:
        raise SystemExit(f"expected {count} replies, got {lines}")
    return count / (last - first)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i in range(count):
            f.write(KINDS[i % len(KINDS)] % (i + 1))
            f.write("\n")
        path = f.name
    launchers = {"tracer-node": "target/tracer-node"}
    if len(sys.argv) > 3:
        launchers["baseline"] = os.path.join(sys.argv[3], "target", "tracer-node")
    try:
        rates = {name: [] for name in launchers}
        for r in range(runs):
            for name, launcher in launchers.items():
                rate = run(launcher, path, count)
                rates[name].append(rate)
                print(f"run {r + 1} {name}: {rate:,.0f} messages/s")
        for name, values in rates.items():
            print(f"{name}: {count:,} mixed messages, {runs} runs: median {statistics.median(values):,.0f}/s, "
                  f"min {min(values):,.0f}/s, max {max(values):,.0f}/s")
        if "baseline" in rates:
            ratio = statistics.median(rates["tracer-node"]) / statistics.median(rates["baseline"])
            print(f"ratio tracer-node / baseline: {ratio:.2f}")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
