#!/usr/bin/env bash
# Many readers of one big trace: both demo services in one fresh JVM per run (the built jar, DemoServices
# from the test classes, as BigTraceReadsIT starts them), one trace of SPANS spans posted to the
# frontend's store, then READERS readers of its DOCUMENT at once, each asking again after a 503's
# Retry-After until it has the whole trace or DEADLINE seconds pass, while health, the intake (one span)
# and GET /api/data are asked four times a second (dev.tracer.bench.BigTraceReads).
#
# Per run: reads answered whole / refused (503) / other; health's median and largest answer time and its
# failures; intake posts accepted and other; the largest heap left after a collection while the readers
# ran and the full collections then (from the JVM's -Xlog:gc file); the OutOfMemoryErrors in the service
# log; the heap after a full collection once the readers are done (jcmd GC.run). Then the median and the
# range (min..max) of each figure over the runs.
#
# Usage: src/test/bench/big-trace-reads.sh [SPANS] [READERS] [HEAP] [RUNS] [DOCUMENT]
#   defaults 90000 16 512m 3 document (document: GET /api/traces/{id}; view: its /view). Run from the
#   project directory after ./mvnw package -DskipTests. JAR (default target/tracer.jar) measures another
#   build, DEADLINE (default 60) is the readers' deadline in seconds, ARGS adds service arguments (e.g.
#   --tracer.api.max-concurrent-reads=4). The store's byte bound is set to a quarter of the heap so the
#   whole trace is kept (tracer.store.max-spans to SPANS + 10,000).
set -euo pipefail
spans=${1:-90000}
readers=${2:-16}
heap=${3:-512m}
runs=${4:-3}
document=${5:-document}
deadline=${DEADLINE:-60}
jar=${JAR:-target/tracer.jar}
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
[[ -f target/test-classes/dev/tracer/bench/BigTraceReads.class ]] || ./mvnw -q -B test-compile
[[ -f target/bench.classpath ]] || ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
heap_mb=$(python3 -c "import sys; v='$heap'.lower(); print(int(v[:-1]) * (1024 if v.endswith('g') else 1))")
log=$(mktemp -d)
pid=""
stop() { # SIGTERM, then SIGKILL after 20 s: a JVM stuck in full collections may never finish its shutdown
  [[ -n $pid ]] || return 0
  kill "$pid" 2> /dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  pid=""
}
trap stop EXIT

echo "$readers readers of a $spans-span trace ($document), -Xmx$heap, $runs runs, $(nproc) cores, jar $jar;" \
  "$(date -u +%FT%TZ); logs in $log"
for run in $(seq 1 "$runs"); do
  rm -f "$log/ports.properties"
  java "-Xmx$heap" "-Xlog:gc:file=$log/gc-$run.log" -cp "$jar" -Dloader.path=target/test-classes \
    -Dloader.main=dev.tracer.demo.DemoServices org.springframework.boot.loader.launch.PropertiesLauncher \
    "$log/ports.properties" --server.address=127.0.0.1 --tracer.store.max-bytes=$((heap_mb / 4))MB \
    --tracer.store.max-spans=$((spans + 10000)) ${ARGS:-} > "$log/service-$run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do [[ -f $log/ports.properties ]] && break; sleep 0.5; done
  port=$(sed -n 's/^frontend.port=//p' "$log/ports.properties")
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do curl -sf "$base/actuator/health" > /dev/null && break; sleep 0.5; done
  java -Xmx2g -cp "$classpath" dev.tracer.bench.BigTraceReads "$base" "$spans" "$readers" "$document" "$deadline" \
    "$log/gc-$run.log" > "$log/load-$run.txt" 2>&1 || true
  alive=yes
  kill -0 "$pid" 2> /dev/null || alive=no
  settled=-1
  if [[ $alive == yes ]]; then
    jcmd "$pid" GC.run > /dev/null 2>&1 || true
    sleep 1
    settled=$(grep -E 'Pause Full' "$log/gc-$run.log" | tail -1 | sed -E 's/.*->([0-9]+)M.*/\1/')
  fi
  ooms=$(grep -c OutOfMemoryError "$log/service-$run.log" || true)
  figures=$(sed -n 's/^FIGURES //p' "$log/load-$run.txt")
  [[ -n $figures ]] || figures="load_failed=1"
  echo "run $run: $figures ooms=$ooms alive=$alive heap_after_full_gc_mb=$settled" | tee -a "$log/runs.txt"
  grep -E '^(posted|other answers)' "$log/load-$run.txt" | sed 's/^/  /' || true
  stop
done

python3 - "$log/runs.txt" << 'EOF'
import statistics, sys
runs = [dict(w.split("=", 1) for w in line.split(": ", 1)[1].split()) for line in open(sys.argv[1])]
keys = [k for k in runs[0] if k != "alive"]
print("median (min..max) over %d runs:" % len(runs))
for k in keys:
    try:
        values = [float(r[k]) for r in runs if k in r]
    except ValueError:
        continue
    if values:
        print("  %-22s %g (%g..%g)" % (k, statistics.median(values), min(values), max(values)))
print("  %-22s %s" % ("alive after the reads", " ".join(r.get("alive", "?") for r in runs)))
EOF
