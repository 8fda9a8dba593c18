#!/usr/bin/env bash
# HTTP load on the demo: wrk against the frontend's GET /api/data (which calls the backend), first with
# tracing on, then with tracing off (Boot's Brave auto-configuration excluded, so Micrometer's no-op
# tracer is used), one after the other on this machine. Prints requests/s, p50, p99 and non-2xx for
# each, the ratio, and with tracing on: spans made vs spans stored + evicted, and the heap after the run.
#
# Usage: src/test/bench/http-load.sh [SECONDS] [CONNECTIONS]   (defaults 60 and 32; run from the project
# directory after ./mvnw package). Installs wrk from Debian's packages when it is missing (needs root).
set -euo pipefail
duration=${1:-60}
connections=${2:-32}
jar=target/tracer.jar
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
if ! command -v wrk > /dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) > /dev/null
fi
log=$(mktemp -d)
pid=""
stop() { [[ -n $pid ]] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true; pid=""; }
trap stop EXIT

start() { # $1: label, rest: extra arguments
  local label=$1; shift
  java -jar "$jar" "$@" > "$log/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf localhost:8080/actuator/health > /dev/null && curl -sf localhost:8081/actuator/health > /dev/null && return
    sleep 0.5
  done
  echo "services did not start; see $log/$label.log" >&2; exit 1
}

load() { # $1: label
  curl -sf localhost:8080/api/data > /dev/null
  wrk -t2 -c"$connections" -d10s http://localhost:8080/api/data > "$log/$1.warmup"   # not in the figures
  wrk -t2 -c"$connections" -d"${duration}s" --latency http://localhost:8080/api/data > "$log/$1.wrk"
  local rps p50 p99 requests non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$log/$1.wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$log/$1.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$log/$1.wrk")
  requests=$(awk '/requests in/ {print $1}' "$log/$1.wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$log/$1.wrk"); non2xx=${non2xx:-0}
  printf '%-12s %10s req/s  p50 %8s  p99 %8s  requests %9s  non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "$requests" "$non2xx"
  echo "$rps" > "$log/$1.rps"
}

echo "wrk -t2 -c$connections -d${duration}s GET /api/data (frontend -> backend), both services in one JVM"
start tracing-on
load tracing-on
sleep 3   # the reporters send every second
# every request makes 4 spans: frontend server and client, backend server and its local child
made=$(( 4 * (1 + $(awk '/requests in/ {print $1}' "$log/tracing-on.warmup") + $(awk '/requests in/ {print $1}' "$log/tracing-on.wrk")) ))
curl -s 'localhost:8080/api/traces?limit=1' | python3 -c '
import json, sys
s = json.load(sys.stdin)["store"]
made = int(sys.argv[1])
print("  spans made %d, accepted %d (stored %d + evicted %d, bound %d), not arrived %d"
      % (made, s["spans_accepted"], s["spans_stored"], s["spans_evicted"], s["max_spans"], made - s["spans_accepted"]))' "$made"
jcmd "$pid" GC.run > /dev/null 2>&1 || true
echo "  heap after the run and a full GC: $(jcmd "$pid" GC.heap_info 2> /dev/null | grep -m1 -E 'used|total' | sed 's/^ *//')"
stop
start tracing-off --spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration
load tracing-off
stop
python3 -c "print('ratio tracing on / off: %.2f' % ($(cat "$log/tracing-on.rps") / $(cat "$log/tracing-off.rps")))"
echo "logs and wrk output: $log"
