#!/usr/bin/env bash
# HTTP load on the demo: wrk against the frontend's GET /api/data (which calls the backend), both services
# in one JVM, one configuration after the other on this machine:
#
#   tracer          tracer as shipped: TraceContextFilter makes the server span from the STRICT core's
#                   reading, W3CPropagator writes the headers, spans reported to the frontend's store
#   stock           what a Spring user would otherwise run: Boot's server observation makes the span,
#                   Brave's own W3C propagation, the same Zipkin reporting (tracer.propagation.engine=boot)
#   off             tracing off: Boot's Brave auto-configuration excluded, so Micrometer's no-op tracer
#   tracer-discard  tracer with reports discarded (management.tracing.export.zipkin.enabled=false): Brave
#                   still makes and finishes every span, nothing is encoded or sent; the instrumentation alone
#
# Boot's http.server.requests timer is on in all four. Prints requests/s, p50, p99 and non-2xx for each,
# spans made against spans the store accepted (tracer), then a summary table with the ratios tracer/stock
# and tracer-discard/off (the median over the rounds when there are several).
#
# Usage: src/test/bench/http-load.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults 60, 32 and 1; run from
# the project directory after ./mvnw package). Each round runs every configuration once, in the order of
# CONFIGS (default "tracer stock off tracer-discard"); JAR (default target/tracer.jar) measures another
# build. The services listen on 8080 and 8081: the script stops if either port is taken. Installs wrk from
# Debian's packages when it is missing (needs root).
set -euo pipefail
duration=${1:-60}
connections=${2:-32}
rounds=${3:-1}
jar=${JAR:-target/tracer.jar}
configs=${CONFIGS:-tracer stock off tracer-discard}
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
if ! command -v wrk > /dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) > /dev/null
fi
for port in 8080 8081; do
  if curl -s -o /dev/null --max-time 1 "localhost:$port"; then
    echo "port $port is taken (another service running?): stop it first" >&2; exit 1
  fi
done
log=$(mktemp -d)
pid=""
stop() { [[ -n $pid ]] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true; pid=""; }
trap stop EXIT

arguments() { # $1: configuration
  case $1 in
    tracer) ;;
    stock) echo "--tracer.propagation.engine=boot" ;;
    off) echo "--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" ;;
    tracer-discard) echo "--management.tracing.export.zipkin.enabled=false" ;;
    *) echo "unknown configuration $1 (expected tracer, stock, off or tracer-discard)" >&2; exit 1 ;;
  esac
}

start() { # $1: label, rest: extra arguments
  local label=$1; shift
  java -jar "$jar" "$@" > "$log/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    curl -sf localhost:8080/actuator/health > /dev/null && curl -sf localhost:8081/actuator/health > /dev/null && return
    sleep 0.5
  done
  echo "services did not start; see $log/$label.log" >&2; exit 1
}

load() { # $1: label; appends "rps p50 p99 non2xx" to $log/$config.results
  curl -sf localhost:8080/api/data > /dev/null
  wrk -t2 -c"$connections" -d10s http://localhost:8080/api/data > "$log/$1.warmup"   # not in the figures
  wrk -t2 -c"$connections" -d"${duration}s" --latency http://localhost:8080/api/data > "$log/$1.wrk"
  local rps p50 p99 requests non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$log/$1.wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$log/$1.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$log/$1.wrk")
  requests=$(awk '/requests in/ {print $1}' "$log/$1.wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$log/$1.wrk"); non2xx=${non2xx:-0}
  printf '%-22s %10s req/s  p50 %8s  p99 %8s  requests %9s  non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "$requests" "$non2xx"
  echo "$rps $p50 $p99 $non2xx" >> "$log/${1%%#*}.results"
}

# What the store received, against what was made: every request makes 4 spans (frontend server and
# client, backend server and its local child). With reports discarded the store gets none, while the
# traceresponse header shows the span was made and sampled. The stock way also traces the span intake
# (a span per report it receives), so its store accepts a few more than the requests made.
spans() { # $1: label, $2: configuration
  sleep 3   # the reporters send every 100 ms; let the last batches land
  local made
  made=$(( 4 * (1 + $(awk '/requests in/ {print $1}' "$log/$1.warmup") + $(awk '/requests in/ {print $1}' "$log/$1.wrk")) ))
  curl -s 'localhost:8080/api/traces?limit=1' | python3 -c '
import json, sys
s = json.load(sys.stdin)["store"]
made = int(sys.argv[1])
print("  spans made %d, accepted by the store %d (stored %d + evicted %d, bound %d), not arrived %d"
      % (made, s["spans_accepted"], s["spans_stored"], s["spans_evicted"], s["max_spans"], made - s["spans_accepted"]))' "$made"
  if [[ $2 == tracer-discard ]]; then
    echo "  made and sampled all the same: $(curl -s -D - -o /dev/null localhost:8080/api/data | grep -i '^traceresponse' | tr -d '\r')"
  fi
}

echo "wrk -t2 -c$connections -d${duration}s GET /api/data (frontend -> backend), both services in one JVM; $jar"
echo "load before: $(uptime)"
for round in $(seq 1 "$rounds"); do
  for config in $configs; do
    label="$config#$round"
    # shellcheck disable=SC2046 # the arguments are words
    start "$label" $(arguments "$config")
    load "$label"
    if [[ $config != off ]]; then
      spans "$label" "$config"
    fi
    if [[ $config == tracer ]]; then
      jcmd "$pid" GC.run > /dev/null 2>&1 || true
      echo "  heap after the run and a full GC: $(jcmd "$pid" GC.heap_info 2> /dev/null | grep -m1 -E 'used|total' | sed 's/^ *//')"
    fi
    stop
  done
done
echo "load after: $(uptime)"

# the summary: medians over the rounds, and the two ratios the README states goals for (1.0 and 0.95)
python3 - "$log" $configs <<'EOF'
import os, statistics, sys
log, configs = sys.argv[1], sys.argv[2:]
def ms(v):  # wrk writes 812.00us, 10.41ms or 1.02s
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * f
    return float(v)
rows = {}
for c in configs:
    runs = [l.split() for l in open(os.path.join(log, c + ".results"))]
    rps = [float(r[0]) for r in runs]
    rows[c] = (statistics.median(rps), min(rps), max(rps), statistics.median(ms(r[1]) for r in runs),
               statistics.median(ms(r[2]) for r in runs), sum(int(r[3]) for r in runs), len(runs))
print()
print("| configuration | req/s (median) | min..max | p50 ms | p99 ms | non-2xx | runs |")
print("|---|---|---|---|---|---|---|")
for c, (m, lo, hi, p50, p99, bad, n) in rows.items():
    print("| %s | %.0f | %.0f..%.0f | %.2f | %.2f | %d | %d |" % (c, m, lo, hi, p50, p99, bad, n))
def ratio(a, b, goal=None):
    if a in rows and b in rows:
        r = rows[a][0] / rows[b][0]
        verdict = "" if goal is None else " (goal %.2f: %s)" % (goal, "met" if r >= goal else "NOT met")
        print("%s / %s: %.2f%s" % (a, b, r, verdict))
print()
ratio("tracer", "stock", 1.0)
ratio("tracer-discard", "off", 0.95)
ratio("tracer", "off")
EOF
echo "logs and wrk output: $log"
