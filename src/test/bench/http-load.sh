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
# Two measurements, because this machine's speed drifts: the same configuration measured a minute apart
# moved by up to 60%, uniformly over the whole stack (a host that lends its cores elsewhere). Every
# configuration starts at once, each in its own JVM on its own ports, and is warmed up (C2 was still
# compiling a minute into the load). Then:
#
# 1. Interleaved (requests/s, the goals' unit): each round loads one configuration after the other for a
#    short window, in the given order on odd rounds and reversed on even ones, so the two of each goal
#    ("tracer stock", "off tracer-discard") are always adjacent and take turns going first. A round's
#    ratio compares windows seconds apart; the summary gives the median of those paired ratios with a
#    bootstrap 95% confidence interval, and the verdict says "undecided" while the interval holds the
#    goal. Each window also records the loaded JVM's CPU time per request (/proc/PID/stat).
# 2. Together (CPU per request): the two of each goal are loaded at once, by one wrk each, so both meet
#    the same drift at the same moment. Their requests/s then compare nothing (the scheduler gives more
#    CPU to the JVM with more work), but their CPU time per request does: the cost of a request in the
#    JVM (wrk's own CPU not counted), with the drift cancelled. Its interval came out at +-0.5 to 1% for the
#    instrumentation alone, +-2% with reporting and the store (whose collections come and go).
#
# Usage: src/test/bench/http-load.sh [SECONDS] [CONNECTIONS] [ROUNDS]   (defaults 5, 32 and 40; run from
# the project directory after ./mvnw package; about 35 minutes with the defaults). WARMUP (default 180) is
# each configuration's warm-up in seconds; TOGETHER (default 24) the number of windows each goal's two are
# loaded together; CONFIGS (default "tracer stock off tracer-discard") chooses and orders the
# configurations; JAR (default target/tracer.jar) measures another build. The configurations listen on
# 18080 and up (the frontend on 18080 + 10 i, its backend on the next port): the script stops if one is
# taken. Installs wrk from Debian's packages when it is missing (needs root).
set -euo pipefail
duration=${1:-5}
connections=${2:-32}
rounds=${3:-40}
warmup=${WARMUP:-180}
together=${TOGETHER:-24}
jar=${JAR:-target/tracer.jar}
read -r -a configs <<< "${CONFIGS:-tracer stock off tracer-discard}"
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
if ! command -v wrk > /dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) > /dev/null
fi
log=$(mktemp -d)
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))
cpu_ms() { awk -v t="$tick_ms" '{print ($14 + $15) * t}' "/proc/$1/stat"; } # the JVM's user + system CPU
served() { awk '/requests in/ {print $1}' "$1"; } # the requests a wrk output counts
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
  local config=$1 out="$log/$1.${3:-warmup}.wrk" cpu req
  cpu=$(cpu_ms "${pid[$config]}")
  wrk -t2 -c"$connections" -d"$2s" --latency "http://localhost:${frontend[$config]}/api/data" > "$out"
  cpu=$(( $(cpu_ms "${pid[$config]}") - cpu ))
  req=$(served "$out")
  requests[$config]=$(( ${requests[$config]} + req ))
  [[ -n ${3:-} ]] || return 0
  local rps p50 p99 non2xx per1000
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out"); non2xx=${non2xx:-0}
  per1000=$(( cpu * 1000 / req ))
  printf '%-16s %-9s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  CPU %s ms/1000 req\n' "$config" "$3" "$rps" "$p50" "$p99" "$non2xx" "$per1000"
  echo "$3 $rps $p50 $p99 $non2xx $per1000" >> "$log/$config.results"
}

load_together() { # $1, $2: configurations, $3: label; one wrk each, at once
  local a=$1 b=$2 label=$3 c cpu_a cpu_b req_a req_b loads=()
  cpu_a=$(cpu_ms "${pid[$a]}"); cpu_b=$(cpu_ms "${pid[$b]}")
  for c in "$a" "$b"; do
    wrk -t1 -c"$connections" -d"${duration}s" "http://localhost:${frontend[$c]}/api/data" > "$log/$c.$label.together" &
    loads+=($!)
  done
  wait "${loads[@]}"
  cpu_a=$(( $(cpu_ms "${pid[$a]}") - cpu_a )); cpu_b=$(( $(cpu_ms "${pid[$b]}") - cpu_b ))
  req_a=$(served "$log/$a.$label.together"); req_b=$(served "$log/$b.$label.together")
  requests[$a]=$(( ${requests[$a]} + req_a )); requests[$b]=$(( ${requests[$b]} + req_b ))
  printf '%-32s %-9s CPU %s and %s ms/1000 req\n' "$a + $b" "$label" $(( cpu_a * 1000 / req_a )) $(( cpu_b * 1000 / req_b ))
  # ns per request, finer than the ms per 1,000 printed: the summary takes their ratio
  echo "$label $(( cpu_a * 1000000 / req_a )) $(( cpu_b * 1000000 / req_b ))" >> "$log/$a+$b.together"
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
  order=("${configs[@]}")
  if (( round % 2 == 0 )); then
    for (( k = 0; k < ${#configs[@]}; k++ )); do order[k]=${configs[${#configs[@]} - 1 - k]}; done
  fi
  for config in "${order[@]}"; do
    load "$config" "$duration" "round$round"
  done
done
for pair in "tracer stock" "tracer-discard off"; do
  read -r a b <<< "$pair"
  [[ -n ${pid[$a]:-} && -n ${pid[$b]:-} ]] || continue
  for window in $(seq 1 "$together"); do
    load_together "$a" "$b" "window$window"
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

# the summary: each configuration's medians over the rounds; then, for the two goals (1.0 and 0.95), the
# median of the rounds' paired requests/s ratios and of the paired CPU-per-request ratios, and the CPU
# ratio of the windows loaded together; each with a bootstrap 95% confidence interval of the median
python3 - "$log" "${configs[@]}" <<'EOF'
import os, random, statistics, sys
log, configs = sys.argv[1], sys.argv[2:]
def ms(v):  # wrk writes 812.00us, 10.41ms or 1.02s
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * f
    return float(v)
def interval(xs):  # the median's 95% interval, from 4,000 resamples; seeded, so a rerun of the summary agrees
    rng = random.Random(1)
    medians = sorted(statistics.median(rng.choices(xs, k=len(xs))) for _ in range(4000))
    return medians[100], medians[3899]
def describe(xs, goal=None):
    low, high = interval(xs)
    text = "%.3f (95%% CI %.3f..%.3f; min..max %.2f..%.2f; n %d)" % (statistics.median(xs), low, high, min(xs), max(xs), len(xs))
    if goal is not None:
        text += ", goal %.2f: %s" % (goal, "met" if low >= goal else "NOT met" if high < goal else "undecided, the interval holds it")
    return text
runs = {c: {l.split()[0]: l.split()[1:] for l in open(os.path.join(log, c + ".results"))} for c in configs}
print()
print("| configuration | req/s (median) | min..max | p50 ms | p99 ms | non-2xx | CPU ms / 1000 req (median) | windows |")
print("|---|---|---|---|---|---|---|---|")
for c in configs:
    r = list(runs[c].values())
    rps = [float(x[0]) for x in r]
    print("| %s | %.0f | %.0f..%.0f | %.2f | %.2f | %d | %.0f | %d |" % (c, statistics.median(rps), min(rps), max(rps),
          statistics.median(ms(x[1]) for x in r), statistics.median(ms(x[2]) for x in r), sum(int(x[3]) for x in r),
          statistics.median(int(x[4]) for x in r), len(r)))
def ratios(a, b, goal=None):
    if a not in runs or b not in runs:
        return
    rounds = [k for k in runs[a] if k in runs[b]]
    print("%s against %s" % (a, b))
    print("  req/s, %s / %s, interleaved:" % (a, b) + " " * (34 - len(a) - len(b)) + describe(
        [float(runs[a][k][0]) / float(runs[b][k][0]) for k in rounds], goal))
    # CPU the other way up (b's over a's): above 1 means a costs less per request, as a ratio of req/s reads
    print("  CPU per request, %s / %s, interleaved:" % (b, a) + " " * (24 - len(a) - len(b)) + describe(
        [int(runs[b][k][4]) / int(runs[a][k][4]) for k in rounds]))
    together = os.path.join(log, "%s+%s.together" % (a, b))
    if os.path.exists(together):
        rows = [l.split() for l in open(together)]
        print("  CPU per request, %s / %s, loaded together:" % (b, a) + " " * (20 - len(a) - len(b)) + describe(
            [int(r[2]) / int(r[1]) for r in rows]))
print()
ratios("tracer", "stock", 1.0)
ratios("tracer-discard", "off", 0.95)
ratios("tracer", "off")
EOF
echo "logs and wrk output: $log"
