#!/usr/bin/env bash
# The list and a trace's breaks while the store is full and spans keep arriving (issue 23's figure): both
# demo services in one JVM (the built jar), the in-memory store filled with 1,000,000 spans by
# dev.tracer.bench.ZipkinIntake (proto3, 100,000 traces of 10), then, while a poster sends 1,000 spans/s
# (JSON batches of 100 every 100 ms, each a server span and its client call that lost its context, so the
# break analysis has work), wrk reads GET /api/traces?limit=50 and then GET /api/traces/{id}/breaks for
# RUNS rounds of 20 s each, with CONNECTIONS readers at once (wrk -cN: each sends its next request as soon as
# the last answered, so 4 saturate 2 cores; 1 is one reader that never pauses). Prints wrk's latency
# distribution per round; the p99 is the figure.
#
# Usage: src/test/bench/reads-under-intake.sh [RUNS] [CONNECTIONS]   (defaults 3 and 4; run from the project directory after
# ./mvnw package -DskipTests and ./mvnw test-compile; needs wrk: apt-get install -y wrk)
set -euo pipefail
runs=${1:-3}
connections=${2:-4}
jar=target/tracer.jar
[[ -f $jar ]] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
log=$(mktemp -d)
pid=""
poster=""
stop() { for p in $poster $pid; do kill "$p" 2> /dev/null || true; done; }
trap stop EXIT

java -Xmx4g -cp "$jar" -Dloader.path=target/test-classes -Dloader.main=dev.tracer.demo.DemoServices \
  org.springframework.boot.loader.launch.PropertiesLauncher "$log/ports.properties" --server.address=127.0.0.1 \
  --tracer.store.max-spans=1100000 --tracer.store.max-bytes=3GB > "$log/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [[ -f $log/ports.properties ]] && break; sleep 0.5; done
base="http://127.0.0.1:$(sed -n 's/^frontend.port=//p' "$log/ports.properties")"
for _ in $(seq 1 120); do curl -sf "$base/actuator/health" > /dev/null && break; sleep 0.5; done

echo "filling: $(java -Xmx2g -cp "$classpath" dev.tracer.bench.ZipkinIntake "$base/api/v2/spans" proto3 1000 1000000 2 0)"
python3 - "$base" > "$log/poster.log" 2>&1 <<'PY' &
import json, random, sys, time, urllib.request
base = sys.argv[1]
while True:
    started = time.time()
    now = int(started * 1e6)
    spans = []
    for _ in range(50):
        tid = "%032x" % random.getrandbits(128)
        svc = random.choice("ab")
        tags = {"http.method": "GET", "http.path": "/api/data"}
        spans += [{"traceId": tid, "id": "0000000000000001", "name": "get /api/data", "kind": "SERVER", "timestamp": now,
                   "duration": 1000, "localEndpoint": {"serviceName": svc}, "tags": tags},
                  {"traceId": tid, "id": "0000000000000002", "parentId": "0000000000000001", "name": "get", "kind": "CLIENT",
                   "timestamp": now, "duration": 1000, "localEndpoint": {"serviceName": svc}, "tags": tags}]
    urllib.request.urlopen(urllib.request.Request(base + "/api/v2/spans", json.dumps(spans).encode(),
                                                  {"Content-Type": "application/json"})).read()
    time.sleep(max(0.0, 0.1 - (time.time() - started)))
PY
poster=$!
sleep 10
trace=$(curl -s "$base/api/traces?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["traces"][0]["trace_id"])')
echo "store: $(curl -s "$base/actuator/health" > /dev/null; curl -s "$base/api/traces?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["store"])')"
for run in $(seq 1 "$runs"); do
  echo "round $run: GET /api/traces?limit=50"
  wrk -t1 -c"$connections" -d20s --latency "$base/api/traces?limit=50" | grep -E "Requests/sec|50%|99%|Non-2xx"
  echo "round $run: GET /api/traces/$trace/breaks"
  wrk -t1 -c"$connections" -d20s --latency "$base/api/traces/$trace/breaks" | grep -E "Requests/sec|50%|99%|Non-2xx"
done
echo "poster: $(wc -l < "$log/poster.log") lines of errors; analysis: $(curl -s "$base/api/breaks?limit=1" | python3 -c 'import json, sys; d = json.load(sys.stdin); d.pop("breaks", None); print(d)')"
