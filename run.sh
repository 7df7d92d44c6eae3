#!/usr/bin/env bash
# Runs the IGF Platform on http://localhost:5000 with demo data (made on first start only).
# Installs what is missing, starts Azurite with its data in .data/azurite, builds, and serves.
# Stop with Ctrl-C: the platform stops first, then its storage.
set -euo pipefail
source "$(dirname "$0")/infra/scripts/common.sh"
cd "$ROOT"

URLS="${IGF_URLS:-http://localhost:5000}"
DATA="$ROOT/.data"
mkdir -p "$DATA/azurite"

require_tools
npm_install "$ROOT/infra"
build_web
build_dotnet

AZURITE_PID=""
SERVER_PID=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo; say "Stopping the platform"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$AZURITE_PID" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    say "Stopping Azurite"
    # Azurite sometimes lets the first SIGTERM pass without closing; ask again, and only then force it.
    for _ in 1 2 3; do
      kill -TERM "$AZURITE_PID" 2>/dev/null || true
      for _ in $(seq 1 50); do
        kill -0 "$AZURITE_PID" 2>/dev/null || break 2
        sleep 0.1
      done
    done
    kill -KILL "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT

if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  say "Storage is already listening on 127.0.0.1:10000-10002; using it"
else
  say "Starting Azurite (data in .data/azurite)"
  "$ROOT/infra/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --location "$DATA/azurite" >"$DATA/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    kill -0 "$AZURITE_PID" 2>/dev/null || die "Azurite did not start; see .data/azurite.log"
    sleep 0.1
  done
fi

say "Starting the platform on $URLS"
ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
ASPNETCORE_URLS="$URLS" \
ConnectionStrings__Storage="${ConnectionStrings__Storage:-UseDevelopmentStorage=true}" \
Platform__DataDirectory="$DATA" \
  dotnet "$ROOT/src/IgfPlatform.Server/bin/Release/net10.0/IgfPlatform.Server.dll" &
SERVER_PID=$!

READY_URL="${URLS%%;*}"
READY_URL="${READY_URL/\/\/+:/\/\/localhost:}"
READY_URL="${READY_URL/\/\/\*:/\/\/localhost:}"
for _ in $(seq 1 600); do
  if curl -fs "$READY_URL/health/ready" >/dev/null 2>&1; then
    cat <<TXT

  The IGF Platform is running:   $READY_URL
  API reference:                 $READY_URL/api-reference
  Health:                        $READY_URL/health/ready

  Demo sign-ins (password IgfDemo!2026):
    organizer@demo.igf.example   organizer: creates and schedules sessions, assigns moderators
    moderator@demo.igf.example   moderator of the live session "Main Session: Critical Internet resources for the next billion users"
    participant001@demo.igf.example … participant200@demo.igf.example   participants

  Press Ctrl-C to stop.
TXT
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || die "the platform stopped while starting (see the log above)."
  sleep 0.2
done

wait "$SERVER_PID"
