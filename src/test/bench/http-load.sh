#!/usr/bin/env bash
# HTTP load on the demo: wrk against the frontend's GET /api/data (which calls the backend), both services
# in one JVM per configuration:
#
#   tracer          tracer as shipped: TraceContextFilter makes the server span from the STRICT core's
#                   reading, W3CPropagator writes the headers, spans reported to the frontend's store
#   stock           what a Spring user would otherwise run: Boot's server observation makes the span,
#                   Brave's own W3C propagation, the same Zipkin reporting (tracer.propagation.engine=boot)
#   off             tracing off: Boot's Brave auto-configuration excluded, so Micrometer's no-op tracer
#   tracer-discard  tracer with reports discarded (management.tracing.export.zipkin.enabled=false): Brave
#                   still makes and finishes every span, nothing is encoded or sent; the instrumentation alone
#
# Boot's http.server.requests timer is on in all four.
#
# Interleaved, because this machine's speed drifts: the same configuration measured a minute apart moved
# by up to 60%, uniformly over the whole stack (a host that lends its cores elsewhere). So every
# configuration starts at once, each in its own JVM on its own ports, and is warmed up (C2 was still
# compiling a minute into the load); then each round loads one configuration after the other for a short
# window, starting with a different one each round. A round's ratios compare windows seconds apart, and
# the summary gives the median of those paired ratios with their spread, beside each configuration's own
# median.
#
# Usage: src/test/bench/http-load.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults 10, 32 and 12; run from
# the project directory after ./mvnw package). WARMUP (default 180) is each configuration's warm-up in
# seconds; CONFIGS (default "tracer stock off tracer-discard") chooses and orders the configurations; JAR
# (default target/tracer.jar) measures another build. The configurations listen on 18080 and up (the
# frontend on 18080 + 10 i, its backend on the next port): the script stops if one is taken. Installs wrk
# from Debian's packages when it is missing (needs root).
set -euo pipefail
duration=${1:-10}
connections=${2:-32}
rounds=${3:-12}
warmup=${WARMUP:-180}
jar=${JAR:-target/tracer.jar}
read -r -a configs <<< "${CONFIGS:-tracer stock off tracer-discard}"
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
if ! command -v wrk > /dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) > /dev/null
fi
log=$(mktemp -d)
declare -A pid frontend requests
stop_all() { for c in "${!pid[@]}"; do kill "${pid[$c]}" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap stop_all EXIT

arguments() { # $1: configuration
  case $1 in
    tracer) ;;
    stock) echo "--tracer.propagation.engine=boot" ;;
    off) echo "--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" ;;
    tracer-discard) echo "--management.tracing.export.zipkin.enabled=false" ;;
    *) echo "unknown configuration $1 (expected tracer, stock, off or tracer-discard)" >&2; exit 1 ;;
  esac
}

start() { # $1: configuration, $2: the frontend's port (the backend listens on the next)
  local config=$1 front=$2 back=$(( $2 + 1 ))
  for port in "$front" "$back"; do
    if curl -s -o /dev/null --max-time 1 "localhost:$port"; then
      echo "port $port is taken (another service running?): stop it first" >&2; exit 1
    fi
  done
  # server.port on the command line would apply to both services of the JVM: each profile gets its own
  cat > "$log/$config.yml" <<EOF
spring.config.activate.on-profile: frontend
server.port: $front
---
spring.config.activate.on-profile: backend
server.port: $back
EOF
  # shellcheck disable=SC2046 # the arguments are words
  java -jar "$jar" --spring.config.additional-location="file:$log/$config.yml" \
    --tracer.demo.downstream="http://localhost:$back" \
    --management.tracing.export.zipkin.endpoint="http://localhost:$front/api/v2/spans" \
    $(arguments "$config") > "$log/$config.log" 2>&1 &
  pid[$config]=$!
  frontend[$config]=$front
  requests[$config]=0
  for _ in $(seq 1 240); do
    curl -sf "localhost:$front/actuator/health" > /dev/null && curl -sf "localhost:$back/actuator/health" > /dev/null && return
    sleep 0.5
  done
  echo "$config did not start; see $log/$config.log" >&2; exit 1
}

load() { # $1: configuration, $2: seconds, $3: label of a measured window (none: a warm-up)
  local config=$1 out="$log/$1.${3:-warmup}.wrk"
  wrk -t2 -c"$connections" -d"$2s" --latency "http://localhost:${frontend[$config]}/api/data" > "$out"
  requests[$config]=$(( ${requests[$config]} + $(awk '/requests in/ {print $1}' "$out") ))
  [[ -n ${3:-} ]] || return 0
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out"); non2xx=${non2xx:-0}
  printf '%-16s %-9s %10s req/s  p50 %8s  p99 %8s  non-2xx %s\n' "$config" "$3" "$rps" "$p50" "$p99" "$non2xx"
  echo "$3 $rps $p50 $p99 $non2xx" >> "$log/$config.results"
}

# What the store received, against what was made: every request makes 4 spans (frontend server and
# client, backend server and its local child). With reports discarded the store gets none, while the
# traceresponse header shows the span was made and sampled. The stock way also traces the span intake
# (a span per report it receives), so its store accepts a few more than the requests made.
spans() { # $1: configuration
  local config=$1 base="localhost:${frontend[$1]}"
  sleep 3   # the reporters send every 100 ms; let the last batches land
  curl -s "$base/api/traces?limit=1" | python3 -c '
import json, sys
s = json.load(sys.stdin)["store"]
made = int(sys.argv[1])
print("%-16s spans made %d, accepted by the store %d (stored %d + evicted %d, bound %d), not arrived %d"
      % (sys.argv[2], made, s["spans_accepted"], s["spans_stored"], s["spans_evicted"], s["max_spans"], made - s["spans_accepted"]))' \
    "$(( 4 * (1 + ${requests[$config]}) ))" "$config"
  if [[ $config == tracer-discard ]]; then
    echo "                 made and sampled all the same: $(curl -s -D - -o /dev/null "$base/api/data" | grep -i '^traceresponse' | tr -d '\r')"
  fi
}

echo "wrk -t2 -c$connections GET /api/data (frontend -> backend), both services in one JVM per configuration; $jar"
echo "${#configs[@]} configurations, ${warmup} s warm-up each, then $rounds rounds of ${duration} s windows"
echo "load before: $(uptime)"
for i in "${!configs[@]}"; do
  start "${configs[$i]}" $(( 18080 + 10 * i ))
done
for config in "${configs[@]}"; do
  curl -sf "localhost:${frontend[$config]}/api/data" > /dev/null
  load "$config" "$warmup"
done
for round in $(seq 1 "$rounds"); do
  n=${#configs[@]}
  for k in $(seq 0 $(( n - 1 ))); do
    load "${configs[$(( (round - 1 + k) % n ))]}" "$duration" "round$round"
  done
done
echo "load after: $(uptime)"
for config in "${configs[@]}"; do
  [[ $config == off ]] || spans "$config"
done
if [[ -n ${pid[tracer]:-} ]]; then
  jcmd "${pid[tracer]}" GC.run > /dev/null 2>&1 || true
  echo "tracer heap after the run and a full GC: $(jcmd "${pid[tracer]}" GC.heap_info 2> /dev/null | grep -m1 -E 'used|total' | sed 's/^ *//')"
fi

# the summary: each configuration's median over the rounds, then the two ratios the README states goals
# for (1.0 and 0.95) as the median of the rounds' paired ratios
python3 - "$log" "${configs[@]}" <<'EOF'
import os, statistics, sys
log, configs = sys.argv[1], sys.argv[2:]
def ms(v):  # wrk writes 812.00us, 10.41ms or 1.02s
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * f
    return float(v)
runs = {c: {l.split()[0]: l.split()[1:] for l in open(os.path.join(log, c + ".results"))} for c in configs}
print()
print("| configuration | req/s (median) | min..max | p50 ms | p99 ms | non-2xx | windows |")
print("|---|---|---|---|---|---|---|")
for c in configs:
    r = list(runs[c].values())
    rps = [float(x[0]) for x in r]
    print("| %s | %.0f | %.0f..%.0f | %.2f | %.2f | %d | %d |" % (c, statistics.median(rps), min(rps), max(rps),
          statistics.median(ms(x[1]) for x in r), statistics.median(ms(x[2]) for x in r), sum(int(x[3]) for x in r), len(r)))
def ratio(a, b, goal=None):
    if a not in runs or b not in runs:
        return
    paired = [float(runs[a][k][0]) / float(runs[b][k][0]) for k in runs[a] if k in runs[b]]
    m = statistics.median(paired)
    verdict = "" if goal is None else "  (goal %.2f: %s)" % (goal, "met" if m >= goal else "NOT met")
    print("%s / %s: %.2f, paired over %d rounds, min..max %.2f..%.2f%s" % (a, b, m, len(paired), min(paired), max(paired), verdict))
print()
ratio("tracer", "stock", 1.0)
ratio("tracer-discard", "off", 0.95)
ratio("tracer", "off")
EOF
echo "logs and wrk output: $log"
