#!/usr/bin/env bash
# Measures the speaking queue's balance policy with BenchmarkDotNet (Release): the suggestion with 100
# and 10,000 waiting (target: under 50 µs with 10,000), and the whole projected order with 100 and 1,000.
# Usage: infra/scripts/bench-floor.sh [BenchmarkDotNet options, e.g. --job short or --filter '*Suggest*']
# Results: the tables below, and tests/IgfPlatform.Benchmarks/bin/BenchmarkDotNet.Artifacts/ (the figures
# in docs/performance.md come from here).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

command -v dotnet >/dev/null || die "the .NET SDK is missing (dotnet 10)."
artifacts="$ROOT/tests/IgfPlatform.Benchmarks/bin/BenchmarkDotNet.Artifacts"
rm -rf "$artifacts/results"
mkdir -p "$artifacts"
log="$artifacts/run.log"
args=("$@")
[[ " ${args[*]-} " == *" --filter "* ]] || args+=(--filter '*')

say "Running the balance policy benchmarks (a few minutes; log in ${log#"$ROOT"/})"
if ! dotnet run -c Release --project tests/IgfPlatform.Benchmarks -- --artifacts "$artifacts" "${args[@]}" >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  die "the benchmarks failed"
fi

say "Results"
# The machine and runtime once, then each summary table as BenchmarkDotNet printed it.
grep -m1 -A4 '^BenchmarkDotNet v' "$log"
awk '/^\|/ { print; inside = 1; next } inside { print ""; inside = 0 }' "$log"
