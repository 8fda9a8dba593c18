#!/usr/bin/env python3
"""Messages per second through one node process after start-up.

Writes a stream of mixed messages (http_request with and without a header, parse_traceparent valid and
invalid, reconstruct_trace of five spans, an unknown type) to a file, feeds it to target/tracer-node on
stdin, and times from the first reply to the last: start-up is measured by node-startup.py.

Usage: src/test/bench/node-throughput.py [MESSAGES] [RUNS]   (defaults 1000000 and 5)
Prints each run and the median, min and max in messages per second.
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


def run(path, count):
    with open(path, "rb") as stdin:
        proc = subprocess.Popen(["target/tracer-node"], stdin=stdin, stdout=subprocess.PIPE,
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
    try:
        rates = []
        for r in range(runs):
            rate = run(path, count)
            rates.append(rate)
            print(f"run {r + 1}: {rate:,.0f} messages/s")
        print(f"{count:,} mixed messages, {runs} runs: median {statistics.median(rates):,.0f}/s, "
              f"min {min(rates):,.0f}/s, max {max(rates):,.0f}/s")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
