#!/usr/bin/env bash
# Kills one server of a three-server platform cluster with SIGKILL under a live load and checks that
# nothing acknowledged was lost or doubled, and how soon the dead server's session answers again.
# One Azurite, three platforms (Release, Azure Table clustering, the platform's own membership
# settings) on free 127.0.0.1 ports, optionally the YARP proxy in front (WITH_PROXY=1).
# Usage: infra/scripts/cluster-kill.sh [--participants 300] [--before 20] [--after 10]
# Everything it starts is stopped at the end; KEEP_CLUSTER_LOGS=1 keeps the logs; SKIP_BUILD=1 uses what is built.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

require_tools
npm_install "$ROOT/infra"
if [ -z "${SKIP_BUILD:-}" ]; then
  say "Building the server, the proxy and the failover check (Release)"
  for project in src/IgfPlatform.Server infra/IgfPlatform.Proxy clients/IgfPlatform.Failover; do
    dotnet build "$ROOT/$project" -c Release -nologo -clp:ErrorsOnly -v:q || die "$project did not build"
  done
fi

work=$(mktemp -d)
pids=()
cleanup() {
  # The proxy and the platforms first, Azurite last: stopped together, the platforms' shutdown (leaving the
  # cluster's membership table) retried against a storage already gone, for minutes.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  [ -n "${KEEP_CLUSTER_LOGS:-}" ] && echo "logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

blob=$(free_port); queue=$(free_port); table=$(free_port)
"$ROOT/infra/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --inMemoryPersistence \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
  >"$work/azurite.log" 2>&1 &
pids+=($!)
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
key="cluster-kill-signing-key-$(date +%s%N)"
cluster="kill-$(date +%s)"

urls=(); server_pids=()
start_server() { # n seed
  local port silo gateway
  port=$(free_port); silo=$(free_port); gateway=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$port" ConnectionStrings__Storage="$storage" \
  Orleans__ClusteringMode=AzureTable Orleans__ClusterId="$cluster" Orleans__ServiceId="igf-cluster-kill" \
  Orleans__SiloPort="$silo" Orleans__GatewayPort="$gateway" Auth__SigningKey="$key" Demo__Seed="$2" \
  Security__LoginPermitLimit=1000000 Security__RegisterPermitLimit=1000000 \
  Security__HubCallBurst=1000000 Security__HubCallsPerSecond=1000000 \
  Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
    dotnet "$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll" >"$work/server$1.log" 2>&1 &
  pids+=($!); server_pids+=($!)
  urls+=("http://127.0.0.1:$port")
}

say "Starting Azurite and three platforms in one Azure Table cluster"
start_server 1 true
wait_ready "${urls[0]}"
start_server 2 false; start_server 3 false
wait_ready "${urls[1]}"; wait_ready "${urls[2]}"

proxy=()
if [ -n "${WITH_PROXY:-}" ]; then
  proxy_url="http://127.0.0.1:$(free_port)"
  dotnet "$ROOT/infra/IgfPlatform.Proxy/bin/Release/net10.0/IgfPlatform.Proxy.dll" --Proxy:Url="$proxy_url" \
    --Proxy:Destinations="$(IFS=,; echo "${urls[*]}")" --Logging:LogLevel:Default=Warning >"$work/proxy.log" 2>&1 &
  pids+=($!)
  wait_ready "$proxy_url"
  proxy=(--proxy "$proxy_url")
  say "The proxy on $proxy_url"
fi

say "Load on ${urls[*]}; server 3 (pid ${server_pids[2]}) is killed mid-run"
dotnet "$ROOT/clients/IgfPlatform.Failover/bin/Release/net10.0/IgfPlatform.Failover.dll" \
  --urls "$(IFS=,; echo "${urls[*]}")" --victim 3 --victim-pid "${server_pids[2]}" "${proxy[@]}" "$@"
