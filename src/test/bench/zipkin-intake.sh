#!/usr/bin/env bash
# Span intake side by side: tracer's POST /api/v2/spans (the in-memory store) and a Zipkin server's
# (STORAGE_TYPE=mem), one after the other in one run, fed by the same client (dev.tracer.bench.ZipkinIntake)
# with the same spans: proto3 and JSON, batches of 100 and 1,000, TOTAL spans each. Both servers get the
# same heap (-Xmx2g) and the same bound (500,000 spans, tracer.store.max-spans and MEM_MAX_SPANS), and a
# warm-up that is not in the figures. Prints spans/s, p50 and p99 batch latency, and the heap after a full
# GC at the end of each server's runs.
#
# Usage: src/test/bench/zipkin-intake.sh [TOTAL] [SENDERS]   (defaults 2000000 and 4; run from the project
# directory after ./mvnw package -DskipTests; the Zipkin jar is fetched by Maven when missing)
set -euo pipefail
total=${1:-2000000}
senders=${2:-4}
bound=500000
heap=-Xmx2g
jar=target/tracer.jar
zipkin_jar=target/zipkin/zipkin-server.jar
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
[[ -f $zipkin_jar ]] || ./mvnw -q -B -Pzipkin generate-test-resources
[[ -f target/test-classes/dev/tracer/bench/ZipkinIntake.class ]] || ./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp -d)
pid=""
stop() { [[ -n $pid ]] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true; pid=""; }
trap stop EXIT

await_health() { # $1: URL, $2: label
  for _ in $(seq 1 240); do
    curl -sf "$1" > /dev/null && return
    sleep 0.5
  done
  echo "$2 did not start; see $log/$2.log" >&2; exit 1
}

client() { # $1: URL, $2: encoding, $3: batch, $4: spans, $5: id offset
  java -Xmx3g -cp "$classpath" dev.tracer.bench.ZipkinIntake "$1" "$2" "$3" "$4" "$senders" "$5"
}

measure() { # $1: label, $2: intake URL
  client "$2" json 100 100000 900000000000 > /dev/null      # warm-up, not in the figures
  client "$2" proto3 100 100000 910000000000 > /dev/null
  local offset=0
  for encoding in proto3 json; do
    for batch in 100 1000; do
      printf '%-7s %-6s batch %4d  %s\n' "$1" "$encoding" "$batch" "$(client "$2" "$encoding" "$batch" "$total" "$offset")"
      offset=$((offset + total))
    done
  done
  jcmd "$pid" GC.run > /dev/null 2>&1 || true
  echo "$1 heap after the runs and a full GC: $(jcmd "$pid" GC.heap_info 2> /dev/null | grep -m1 -E 'used' | sed 's/^ *//')"
}

echo "POST /api/v2/spans, $total spans per line, $senders concurrent senders, $(nproc) cores; $(date -u +%FT%TZ)"
java "$heap" -jar "$jar" --spring.profiles.active=backend --server.port="$port" --tracer.store.max-spans="$bound" \
  > "$log/tracer.log" 2>&1 &
pid=$!
await_health "http://127.0.0.1:$port/actuator/health" tracer
measure tracer "http://127.0.0.1:$port/api/v2/spans"
curl -s "http://127.0.0.1:$port/api/traces?limit=1" | python3 -c 'import json, sys; print("tracer store:", json.load(sys.stdin)["store"])'
stop

STORAGE_TYPE=mem MEM_MAX_SPANS=$bound java "$heap" -jar "$zipkin_jar" --armeria.ports[0].ip=127.0.0.1 \
  --armeria.ports[0].port="$port" --armeria.ports[0].protocols[0]=http > "$log/zipkin.log" 2>&1 &
pid=$!
await_health "http://127.0.0.1:$port/health" zipkin
measure zipkin "http://127.0.0.1:$port/api/v2/spans"
stop
