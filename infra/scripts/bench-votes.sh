#!/usr/bin/env bash
# Measures acknowledged upvotes per second into one session holding 1,000 questions, with group
# commit and with one storage write per vote, in one run against one Azurite on this machine.
# Usage: infra/scripts/bench-votes.sh [extra loadgen options, e.g. --rate 3000 --duration 60]
#   BENCH_NO_BUILD=1     skip the build (the Release outputs are there)
#   AZURITE_IN_MEMORY=1  Azurite keeps its data in memory only
# Results: loadgen-report/report.md and report.json (the figures in docs/performance.md come from here).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

require_tools
npm_install "$ROOT/infra"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  build_web
  build_dotnet
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${KEEP_BENCH_LOGS:-}" ] && echo "logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

# Each platform has its own Azurite (data on disk), so that neither run's data weighs on the other's
# storage: Azurite saves its whole table database every 5 s, a pause that grows with the data.
# AZURITE_IN_MEMORY=1 keeps the data in memory only (to see what that saving costs).
start_azurite() { # name; leaves the connection string in $storage
  local blob queue table
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  mkdir -p "$work/azurite-$1"
  if [ -n "${AZURITE_IN_MEMORY:-}" ]; then keep=(--inMemoryPersistence); else keep=(--location "$work/azurite-$1"); fi
  "$ROOT/infra/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose "${keep[@]}" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
    >"$work/azurite-$1.log" 2>&1 &
  pids+=($!)
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
}

# Starts a platform in the background; its URL is left in $url (no subshell, so that cleanup knows the pid).
start_server() { # name groupCommit
  local port silo gateway
  port=$(free_port); silo=$(free_port); gateway=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$port" ConnectionStrings__Storage="$storage" \
  Orleans__ServiceId="igf-bench-$1" Orleans__ClusterId="bench-$1" Orleans__SiloPort="$silo" Orleans__GatewayPort="$gateway" \
  Auth__SigningKey="bench-signing-key-$(date +%s%N)" Demo__Seed=true Questions__GroupCommit="$2" \
  Security__LoginPermitLimit=1000000 Security__RegisterPermitLimit=1000000 Security__HubCallBurst=1000000 Security__HubCallsPerSecond=1000000 \
  Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
    dotnet "$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll" >"$work/$1.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
}

say "Starting two platforms, each with its own Azurite: group commit, and one write per vote"
start_azurite grouped; start_server grouped true; grouped=$url
start_azurite single; start_server single false; single=$url
wait_ready "$grouped"; wait_ready "$single"

say "Voting"
dotnet "$ROOT/clients/IgfPlatform.LoadGen/bin/Release/net10.0/IgfPlatform.LoadGen.dll" votes \
  --url "$grouped,$single" --label "group commit,one write per vote" "$@"
