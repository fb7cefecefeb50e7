#!/usr/bin/env bash
# scripts/bench.sh NAME: builds what benchmark NAME needs, runs it, and prints its result as one JSON object on
# the last line (also written to target/bench/NAME.json). Keys per benchmark: shared BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# run_bench NAME MODULE MAIN_CLASS: runs a benchmark's main class from MODULE's test classpath.
run_bench() {
  local name="$1" module="$2" main="$3"
  mkdir -p target/bench
  local out
  out=$(mktemp)
  mvn -B -q --no-transfer-progress -pl "$module" test-compile \
    org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
    -Dexec.mainClass="$main" -Dexec.classpathScope=test | tee "$out" >&2
  # Maven may print an ANSI reset after the program's output: the result is the last line that is a JSON object.
  local json
  json=$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep '^{' | tail -n 1)
  rm -f "$out"
  if [ -z "$json" ]; then
    echo "bench.sh: benchmark '$name' printed no JSON result" >&2
    exit 1
  fi
  echo "$json" > "target/bench/$name.json"
  echo "$json"
}

name="${1:-}"
case "$name" in
  decode)
    run_bench decode binlog-core io.tidbbinlog.decode.bench.DecodeBenchmark
    ;;
  tso)
    run_bench tso binlog-core io.tidbbinlog.pd.TsoBenchmark
    ;;
  sim)
    # tidb-sim resolves binlog-core (and its test jar) from the local repository.
    mvn -B -q --no-transfer-progress -pl binlog-core install -DskipTests >&2
    run_bench sim tidb-sim io.tidbbinlog.sim.bench.SimWorkloadBenchmark
    ;;
  pump)
    # pump-bridge resolves binlog-core and tidb-sim (PD for the bench) from the local repository.
    mvn -B -q --no-transfer-progress -pl binlog-core,tidb-sim install -DskipTests >&2
    run_bench pump pump-bridge io.tidbbinlog.pump.bench.PumpBenchmark
    ;;
  source|sink|reparo|e2e)
    echo "bench.sh: benchmark '$name' belongs to a module that is not built yet (see the open issues)" >&2
    exit 2
    ;;
  *)
    echo "usage: scripts/bench.sh NAME   (NAME: decode, tso, sim, pump; later source, sink, reparo, e2e)" >&2
    exit 2
    ;;
esac
