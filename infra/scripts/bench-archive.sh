#!/usr/bin/env bash
# The archive of published proceedings: fills it with 6,000 sessions' proceedings (made with Bogus,
# through the public API), measures searches over it, then serves one published version with wrk next
# to a static file of the same bytes, both from the same platform process, in the same run.
#
# Usage: infra/scripts/bench-archive.sh [--data DIR] [extra loadgen options, e.g. --proceedings 6000 --concurrency 8]
#   --data DIR  keep Azurite's data in DIR and reuse it: a rerun finds the archive seeded and skips
#               the seeding (the platform's service id is the same on every run).
# Environment: WRK_THREADS (2), WRK_CONNECTIONS (64), WRK_DURATION (20s), WRK_ROUNDS (2),
#              KEEP_BENCH_LOGS=1 to keep the platform's and Azurite's logs.
# Results: loadgen-report/archive/ (report.md and report.json from the load generator, wrk.md and
# the raw wrk outputs); the figures in docs/performance.md come from here.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

data=""
if [ "${1:-}" = "--data" ]; then
  [ -n "${2:-}" ] || die "--data needs a directory"
  data=$(mkdir -p "$2" && cd "$2" && pwd)
  shift 2
fi

threads=${WRK_THREADS:-2}
connections=${WRK_CONNECTIONS:-64}
duration=${WRK_DURATION:-20s}
rounds=${WRK_ROUNDS:-2}
out="$ROOT/loadgen-report/archive"
wwwroot="$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/wwwroot"
static_dir="$wwwroot/bench"

require_tools
if ! command -v wrk >/dev/null; then
  say "Installing wrk from Debian's packages"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null \
    || die "could not install wrk (apt-get install wrk)."
fi
npm_install "$ROOT/infra"
build_web
build_dotnet

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$static_dir"
  [ -n "${KEEP_BENCH_LOGS:-}" ] && echo "logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

say "Starting Azurite (data in ${data:-a temporary directory}) and the platform on loopback"
blob=$(free_port); queue=$(free_port); table=$(free_port)
location=${data:-$work/azurite}
mkdir -p "$location"
"$ROOT/infra/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --location "$location" \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
  >"$work/azurite.log" 2>&1 &
pids+=($!)
azurite_pid=$!
wait_port "$table"; wait_port "$blob"
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"

# The service id is fixed (stored state is keyed by it, so --data can be reused); the cluster id is
# new on every run, so that a reused membership table holds no silo of an earlier run. Every simulated
# moderator signs in from 127.0.0.1, so the per-address sign-in limit is lifted for the bench.
port=$(free_port); silo=$(free_port); gateway=$(free_port)
ASPNETCORE_URLS="http://127.0.0.1:$port" ConnectionStrings__Storage="$storage" \
Orleans__ServiceId="igf-bench-archive" Orleans__ClusterId="bench-archive-$(date +%s)" Orleans__SiloPort="$silo" Orleans__GatewayPort="$gateway" \
Auth__SigningKey="bench-signing-key-$(date +%s%N)" Demo__Seed=true Security__LoginPermitLimit=1000000 Security__HubCallBurst=1000000 Security__HubCallsPerSecond=1000000 \
Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
  dotnet "$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll" >"$work/platform.log" 2>&1 &
pids+=($!)
server_pid=$!
url="http://127.0.0.1:$port"
wait_ready "$url"

say "Seeding (unless the archive is full already) and searching"
mkdir -p "$out"
rm -f "$out"/wrk-* "$out/wrk.md"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dotnet "$ROOT/clients/IgfPlatform.LoadGen/bin/Release/net10.0/IgfPlatform.LoadGen.dll" archive --url "$url" --label "archive" --out "$out" --server-pid "$server_pid" "$@"
loadgen_seconds=$(( $(date +%s) - started ))

# One published version (the newest of 2015's sessions, else the newest), and the same bytes as a
# static file of the same process: copied into the build output's wwwroot (never the source tree),
# removed on exit.
version=$( (curl -fs "$url/api/archive?year=2015&pageSize=1"; echo; curl -fs "$url/api/archive?pageSize=1") \
  | python3 -c 'import json,sys; pages=[json.loads(l) for l in sys.stdin.read().splitlines() if l]; print([p for p in pages if p["items"]][0]["items"][0]["url"])')
curl -fs "$url$version" -o "$work/v1.json"
bytes=$(stat -c %s "$work/v1.json")
# Another build of the solution on this machine rewrites the build output's wwwroot: the copy is put
# back before each static run, checked to be served byte for byte, and a run that met a 404 is redone.
place_static() {
  mkdir -p "$static_dir" && cp "$work/v1.json" "$static_dir/v1.json"
  [ "$(curl -fs "$url/bench/v1.json" | sha256sum)" = "$(sha256sum <"$work/v1.json")" ] || die "the static copy is not served as is"
}
place_static
say "wrk: $url$version and $url/bench/v1.json ($bytes bytes each), -t$threads -c$connections -d$duration, $rounds rounds"

# The platform's CPU time (user + system, in clock ticks), to give its CPU cost per request: on a
# shared machine that figure moves less than requests per second.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
wrk_run() { # name path seconds
  local before attempt
  for attempt in 1 2 3; do
    [ "$2" = /bench/v1.json ] && place_static
    before=$(cpu_ticks)
    wrk -t"$threads" -c"$connections" -d"$3" --latency "$url$2" >"$out/wrk-$1.txt" 2>&1 || die "wrk failed: $(cat "$out/wrk-$1.txt")"
    echo "$(( $(cpu_ticks) - before )) $(getconf CLK_TCK)" >"$out/wrk-$1.cpu"
    grep -q "Non-2xx" "$out/wrk-$1.txt" || return 0
    echo "wrk $1 met errors (attempt $attempt): $(grep Non-2xx "$out/wrk-$1.txt")"
  done
}
# Warm-up (JIT, the version in memory, connections), not kept.
wrk_run warmup-version "$version" 5s; wrk_run warmup-static /bench/v1.json 5s
for round in $(seq 1 "$rounds"); do
  wrk_run "version-$round" "$version" "$duration"
  wrk_run "static-$round" /bench/v1.json "$duration"
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rss_mb=$(( $(ps -o rss= -p "$server_pid") / 1024 ))
azurite_mb=$(( $(ps -o rss= -p "$azurite_pid") / 1024 ))
{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB;" \
       ".NET $(dotnet --list-runtimes | grep -m1 'Microsoft.AspNetCore.App' | cut -d' ' -f2); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); $(date -u +%Y-%m-%d)."
  echo
  echo "Load generator (seeding and searching): ${loadgen_seconds} s. Platform's memory after it: ${rss_mb} MB resident (Azurite ${azurite_mb} MB)." \
       "Load average (1, 5, 15 min) before the load generator: $load_before; after wrk: $load_after."
  echo
  echo "wrk -t$threads -c$connections -d$duration --latency, $bytes bytes per answer, same platform process:"
  echo
  echo "| round | URL | requests/s | transfer/s | latency avg | p50 | p90 | p99 | max | platform CPU µs/request | errors |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for round in $(seq 1 "$rounds"); do
    for kind in version static; do
      f="$out/wrk-$kind-$round.txt"
      path=$([ "$kind" = version ] && echo "$version" || echo /bench/v1.json)
      read -r ticks hz <"$out/wrk-$kind-$round.cpu"
      awk -v r="$round" -v p="$path" -v ticks="$ticks" -v hz="$hz" '
        / requests in / {n=$1}
        /Requests\/sec/ {rps=$2} /Transfer\/sec/ {tps=$2}
        /^ +Latency / && !lat {avg=$2; max=$4; lat=1}
        /^ +50%/ {p50=$2} /^ +90%/ {p90=$2} /^ +99%/ {p99=$2}
        /Non-2xx|Socket errors/ {err=err $0 " "}
        END {printf "| %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %.0f | %s |\n", r, p, rps, tps, avg, p50, p90, p99, max, (n > 0 ? ticks / hz * 1e6 / n : 0), (err=="" ? "0" : err)}' "$f"
    done
  done
} >"$out/wrk.md"
cat "$out/report.md" "$out/wrk.md"
echo
echo "Saved in ${out#$ROOT/}/ (report.md, report.json, wrk.md, wrk-*.txt)."
