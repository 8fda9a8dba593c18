#!/usr/bin/env bash
# Build step (package phase): lays out target/node for a fast node start and writes target/tracer-node.
#   1. extracts target/tracer.jar (an extracted jar loads classes faster and can be archived);
#   2. runs the node once on sample messages to record a class-data archive for this JVM:
#      a dynamic CDS archive on JDK 17 to 24, an AOT cache on JDK 25 and later.
# Usage: prepare-node.sh JAVA_HOME TARGET_DIR
set -euo pipefail
java_home=$1
target=$2
here=$(cd "$(dirname "$0")" && pwd)
java="$java_home/bin/java"
app="$target/node"

rm -rf "$app"
"$java" -Djarmode=tools -jar "$target/tracer.jar" extract --destination "$app" > /dev/null
install -m 755 "$here/tracer-node" "$target/tracer-node"

version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$java_home/release")
feature=${version%%.*}
if (( feature >= 25 )); then
  record="-XX:AOTCacheOutput=$app/tracer-$version.aot"
else
  record="-XX:ArchiveClassesAtExit=$app/tracer-$version.jsa"
fi
# the same flags as the launcher, so the archive matches the runs that use it
"$java" "$record" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -Xlog:disable -Xlog:all=warning:stderr -Dspring.backgroundpreinitializer.ignore=true \
  -jar "$app/tracer.jar" --spring.profiles.active=node < "$here/node-training.jsonl" > /dev/null \
  2> "$app/training.log" || { cat "$app/training.log" >&2; exit 1; }
echo "tracer-node: prepared $app with a class-data archive for Java $version"
