# Shared by run.sh and test.sh: install what a fresh machine lacks, build what needs building.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false
export NPM_CONFIG_FUND=false
export NPM_CONFIG_AUDIT=false

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v dotnet >/dev/null || die "the .NET SDK is missing (dotnet 10)."
  command -v node >/dev/null || die "Node.js is missing (Node 20)."
  command -v npm >/dev/null || die "npm is missing."
}

# npm ci when the lock file changed since the last install (or nothing is installed yet).
npm_install() {
  local dir="$1"
  local stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    say "Installing npm packages in ${dir#$ROOT/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $dir"
  fi
}

# Debian's Chromium for the browser tests (never a downloaded browser).
install_chromium() {
  # Chromium, and a font with Chinese characters so that the screenshots of the Chinese pages are legible.
  local missing=""
  [ -x /usr/bin/chromium ] || missing="chromium"
  dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing="$missing fonts-wqy-microhei"
  if [ -n "$missing" ]; then
    say "Installing$missing from Debian's packages"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # shellcheck disable=SC2086
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null \
      || die "could not install$missing (apt-get install$missing)."
  fi
}

build_web() {
  npm_install "$ROOT/clients/web"
  say "Building the web app"
  (cd "$ROOT/clients/web" && npm run build --silent) || die "the web app did not build"
}

build_dotnet() {
  say "Building the platform (Release)"
  dotnet build "$ROOT/IgfPlatform.sln" -c Release -nologo -clp:ErrorsOnly -v:q || die "the build failed"
}

# A free TCP port on loopback, for the benchmark scripts' Azurite and servers.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Azurite reading a large saved store takes a while before it listens; a platform started before
# that fails to initialize its storage and stops.
wait_port() { # port [seconds]
  for _ in $(seq 1 $(( ${2:-300} * 5 ))); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  die "nothing listens on 127.0.0.1:$1"
}

wait_ready() {
  for _ in $(seq 1 600); do curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "$1 did not become ready"
}
