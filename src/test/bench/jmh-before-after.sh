#!/usr/bin/env bash
# One JMH benchmark class measured on two commits side by side, in one sitting, so that the machine's
# drift falls on both alike: the runs alternate A B B A (ROUNDS times), each in its own JVM, and the
# summary gives every benchmark's median and range per commit and the after/before ratio of medians.
#
# Usage: src/test/bench/jmh-before-after.sh BEFORE AFTER CLASS [JMH ARGS...]
#   BEFORE, AFTER   commits (anything git rev-parse reads); each is checked out in a worktree under
#                   target/before-after/ and built with -Pbench (offline when MVN_OFFLINE=1)
#   CLASS           the benchmark's simple name, e.g. TraceTreeBenchmark
#   JMH ARGS        passed on, e.g. -p size=10000,1000000
# ROUNDS (default 2) is how many A B B A blocks; each block is four JMH runs.
# Results: target/before-after/CLASS-BEFORE-AFTER/{before,after}-N.json and the summary on stdout; the
# worktrees stay in target/before-after/trees/COMMIT for the next comparison.
set -euo pipefail
before=$1 after=$2 class=$3
shift 3
rounds=${ROUNDS:-2}
root=$(git rev-parse --show-toplevel)
before=$(git -C "$root" rev-parse --short "$before")
after=$(git -C "$root" rev-parse --short "$after")
trees="$root/target/before-after/trees"
work="$root/target/before-after/$class-$before-$after"
mkdir -p "$trees" "$work"
offline=()
[[ "${MVN_OFFLINE:-0}" == 1 ]] && offline=(-o)

prepare() { # $1 = commit: a worktree with the benchmarks compiled and its classpath written
	local dir="$trees/$1"
	if [[ ! -f "$dir/cp.txt" ]]; then
		git -C "$root" worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
		git -C "$root" worktree add -q --detach "$dir" "$1"
		(cd "$dir" && ./mvnw -q "${offline[@]}" -Pbench verify -Djmh.args=-l >/dev/null &&
			./mvnw -q "${offline[@]}" dependency:build-classpath -Dmdep.outputFile=cp.txt \
				-Dmdep.includeScope=test >/dev/null)
	fi
}

measure() { # $1 = label, $2 = commit, $3 = run number
	local dir="$trees/$2"
	java -cp "$dir/target/test-classes:$dir/target/classes:$(cat "$dir/cp.txt")" org.openjdk.jmh.Main \
		-rf json -rff "$work/$1-$3.json" "$class" "${jmh_args[@]}" >"$work/$1-$3.log" 2>&1 ||
		{ echo "JMH failed on $1, see $work/$1-$3.log" >&2; exit 1; }
}

jmh_args=("$@")
prepare "$before"
prepare "$after"
declare -A commit=([before]=$before [after]=$after)
run=0
for ((r = 0; r < rounds; r++)); do
	for label in before after after before; do
		run=$((run + 1))
		echo "run $run: $label" >&2
		measure "$label" "${commit[$label]}" "$run"
	done
done

python3 - "$work" "$class" "$before" "$after" <<'EOF'
import json, glob, statistics, sys
work, cls, before, after = sys.argv[1:5]
scores = {}
unit = {}
for label in ("before", "after"):
    for path in sorted(glob.glob(f"{work}/{label}-*.json")):
        for result in json.load(open(path)):
            params = ",".join(f"{k}={v}" for k, v in sorted((result.get("params") or {}).items()))
            key = result["benchmark"].rsplit(".", 1)[1] + (f" [{params}]" if params else "")
            scores.setdefault(key, {}).setdefault(label, []).append(result["primaryMetric"]["score"])
            unit[key] = result["primaryMetric"]["scoreUnit"]
print(f"| {cls} | unit | {before}: median (range) | {after}: median (range) | after / before |")
print("|---|---|---|---|---|")
for key in sorted(scores):
    b, a = scores[key].get("before", []), scores[key].get("after", [])
    if not b or not a:
        continue
    mb, ma = statistics.median(b), statistics.median(a)
    fmt = lambda xs: f"{statistics.median(xs):.4g} ({min(xs):.4g}–{max(xs):.4g})"
    print(f"| {key} | {unit[key]} | {fmt(b)} | {fmt(a)} | {ma / mb:.2f} |")
EOF
