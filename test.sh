#!/usr/bin/env bash
# Runs every test of the IGF Platform: pure logic, grains on an in-process cluster, storage and
# servers against Azurite (each fixture starts its own on free loopback ports and stops it), and the
# browser journeys in Debian's Chromium. Installs what a fresh machine lacks. Exit code 0 = all green.
set -uo pipefail
source "$(dirname "$0")/infra/scripts/common.sh"
cd "$ROOT"

started=$(date +%s)
require_tools
install_chromium
npm_install "$ROOT/infra"
build_web
npm_install "$ROOT/tests/web"
build_dotnet

results="$ROOT/TestResults"
rm -rf "$results" && mkdir -p "$results"
passed=0; failed=0; skipped=0; broken=()

for project in Domain Grains Storage Server Operations; do
  name="IgfPlatform.$project.Tests"
  say "Testing $name"
  log="$results/$name.log"
  dotnet test "$ROOT/tests/$name" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    2>&1 | tee "$log" | grep -vE "^\s*$" || true
  line=$(grep -E '^(Passed|Failed)!' "$log" | tail -1)
  if [ -z "$line" ]; then
    broken+=("$name (no result: see TestResults/$name.log)")
    continue
  fi
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line"); f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line"); s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [ "$f" -gt 0 ] && broken+=("$name")
done

say "Testing the web app in Chromium (tests/web)"
log="$results/web.log"
(cd "$ROOT/tests/web" && IGF_SERVER_DLL="$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll" npm test --silent) 2>&1 | tee "$log"
p=$(grep -E '^# pass ' "$log" | tail -1 | awk '{print $3}'); f=$(grep -E '^# fail ' "$log" | tail -1 | awk '{print $3}')
if [ -z "$p" ]; then
  broken+=("tests/web (no result: see TestResults/web.log)")
else
  passed=$((passed + p)); failed=$((failed + ${f:-0}))
  [ "${f:-0}" -gt 0 ] && broken+=("tests/web")
fi

elapsed=$(( $(date +%s) - started ))
say "Done in $((elapsed / 60)) min $((elapsed % 60)) s"
for b in "${broken[@]}"; do echo "  failing: $b"; done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
