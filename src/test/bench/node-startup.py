#!/usr/bin/env python3
"""Time to first reply of the node, the way the grader sees it: a fresh process, one message on stdin.

Compares, alternating run by run on the same machine:
  tracer-node   target/tracer-node (extracted jar, class-data archive, start-up flags)
  java -jar     the same jar started the default way: java -jar target/tracer.jar --spring.profiles.active=node

and, when BASELINE is given (a directory holding another build of tracer, e.g. a git worktree of an earlier
commit after its own ./mvnw package):
  baseline      BASELINE/target/tracer-node, the launcher of that build

Usage: src/test/bench/node-startup.py [RUNS] [BASELINE]   (default 9; run from the project directory after
./mvnw package)
Prints median, min, max and the interquartile range in milliseconds for each, and the ratios of medians.
"""
import os
import selectors
import statistics
import subprocess
import sys
import time

MESSAGE = (b'{"src": "service", "dest": "parser", "body": {"type": "parse_traceparent", "msg_id": 1, '
           b'"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b57-01"}}\n')

COMMANDS = {
    "tracer-node": ["target/tracer-node"],
    "java -jar": ["java", "-jar", "target/tracer.jar", "--spring.profiles.active=node"],
}


def first_reply_ms(cmd):
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    proc.stdin.write(MESSAGE)
    proc.stdin.flush()
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    buf = b""
    while b"\n" not in buf:
        if not sel.select(10):
            proc.kill()
            raise SystemExit(f"no reply within 10 s from {' '.join(cmd)}")
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            raise SystemExit(f"{' '.join(cmd)} closed stdout without a reply")
        buf += chunk
    elapsed = (time.monotonic() - started) * 1000
    proc.stdin.close()
    proc.wait(timeout=10)
    return elapsed


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    if len(sys.argv) > 2:
        COMMANDS["baseline"] = [os.path.join(sys.argv[2], "target", "tracer-node")]
    times = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, cmd in COMMANDS.items():
            times[name].append(first_reply_ms(cmd))
    print(f"time to first reply, {runs} runs each, alternating (ms)")
    print(f"{'launch':<12} {'median':>7} {'min':>7} {'max':>7} {'IQR':>7}")
    for name, values in times.items():
        q = statistics.quantiles(values, n=4)
        print(f"{name:<12} {statistics.median(values):7.0f} {min(values):7.0f} {max(values):7.0f} {q[2] - q[0]:7.0f}")
    ratio = statistics.median(times["tracer-node"]) / statistics.median(times["java -jar"])
    print(f"ratio tracer-node / java -jar: {ratio:.2f}")
    if "baseline" in times:
        ratio = statistics.median(times["tracer-node"]) / statistics.median(times["baseline"])
        print(f"ratio tracer-node / baseline: {ratio:.2f}")


if __name__ == "__main__":
    main()
