#!/usr/bin/env bash
# Measures the live backbone with the load generator's live scenarios against one platform and its
# own Azurite on this machine, everything on 127.0.0.1:
#   memory  resident memory per idle participant joined to a session (and the bare hub's);
#   join    a join storm: participants connect and join one session, spread over --window seconds;
#   fanout  every event to every participant while moderators work at --ops a second, then saturated;
#           the same against a bare SignalR hub the load generator starts itself.
# Usage: infra/scripts/bench-live.sh [extra loadgen options, e.g. --participants 500 --duration 15]
#   BENCH_SCENARIOS="fanout"   only some scenarios (default "memory join fanout"; memory first, on an idle server)
#   BENCH_NO_BUILD=1           skip the build (the Release outputs are there)
#   KEEP_BENCH_LOGS=1          keep Azurite's and the platform's logs
#   AZURITE_IN_MEMORY=1        Azurite keeps its data in memory only (to see what saving to disk costs)
# Results: loadgen-report/{memory,join,fanout}.md and .json.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

require_tools
npm_install "$ROOT/infra"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  say "Building the platform and the load generator (Release)"
  dotnet build "$ROOT/src/IgfPlatform.Server" -c Release -nologo -clp:ErrorsOnly -v:q || die "the platform did not build"
  dotnet build "$ROOT/clients/IgfPlatform.LoadGen" -c Release -nologo -clp:ErrorsOnly -v:q || die "the load generator did not build"
fi

# Every participant is a socket in the load generator and another in the server (or the bare hub):
# raise the open-files limit as far as the hard limit allows; children inherit it.
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ]; then ulimit -n 1048576; else ulimit -n "$hard"; fi
say "Open files allowed per process: $(ulimit -n)"
# Each participant holds two sockets in each process (the WebSocket and its negotiation's pooled connection).
participants=5000
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do [ "${args[$i]}" = --participants ] && participants=${args[$((i + 1))]}; done
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((participants * 2 + 2000)) ]; then
  echo "warning: $participants participants need about $((participants * 2 + 2000)) open files per process; raise the hard limit (ulimit -Hn, /etc/security/limits.conf)" >&2
fi

work=$(mktemp -d)
pids=()
cleanup() {
  # The platform first, then its storage: the other way round it logs failed writes on its way out.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  [ -n "${KEEP_BENCH_LOGS:-}" ] && echo "logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

blob=$(free_port); queue=$(free_port); table=$(free_port)
if [ -n "${AZURITE_IN_MEMORY:-}" ]; then keep=(--inMemoryPersistence); else keep=(--location "$work/azurite"); fi
say "Starting Azurite (${keep[*]})"
"$ROOT/infra/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose "${keep[@]}" \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
  >"$work/azurite.log" 2>&1 &
pids+=($!)
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"

# Production settings but for the limits a load generator on one address trips: sign-ins and
# registrations per address, and hub calls per connection (the moderators' operations go back to
# back in the saturated phase; at the fixed rate they stay under the platform's own limit).
port=$(free_port); silo=$(free_port); gateway=$(free_port)
say "Starting the platform"
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" ConnectionStrings__Storage="$storage" \
Orleans__ServiceId="igf-bench-live" Orleans__ClusterId="bench-live" Orleans__SiloPort="$silo" Orleans__GatewayPort="$gateway" \
Auth__SigningKey="bench-signing-key-$(date +%s%N)" Demo__Seed=true \
Security__LoginPermitLimit=1000000 Security__RegisterPermitLimit=1000000 \
Security__HubCallBurst=1000000 Security__HubCallsPerSecond=1000000 \
Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
  dotnet "$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll" >"$work/platform.log" 2>&1 &
server=$!
pids+=($server)
url="http://127.0.0.1:$port"
wait_ready "$url"
ready_lines=$(wc -l <"$work/platform.log")

status=0
for scenario in ${BENCH_SCENARIOS:-memory join fanout}; do
  say "Scenario $scenario"
  dotnet "$ROOT/clients/IgfPlatform.LoadGen/bin/Release/net10.0/IgfPlatform.LoadGen.dll" "$scenario" \
    --url "$url" --server-pid "$server" --out "$ROOT/loadgen-report" "$@" || status=1
done

# What the platform logged once ready (before, its readiness check fails until the demo data is made).
if tail -n +"$((ready_lines + 1))" "$work/platform.log" | grep -qE "fail:|warn:"; then
  say "The platform logged warnings or failures while measured (first lines; KEEP_BENCH_LOGS=1 keeps the whole log):"
  tail -n +"$((ready_lines + 1))" "$work/platform.log" | grep -E -A3 "fail:|warn:" | head -40
fi
exit $status
