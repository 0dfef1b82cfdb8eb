#!/usr/bin/env bash
# Browser tests of /dashboard: builds the service, starts it on a free loopback port with a fresh SQLite file (demo
# data seeded), runs the node:test suite in headless Chromium (Debian package) through playwright-core, stops the
# service. Screenshots land in tests/Performance.Dashboard.Tests/artifacts/ (not committed). Includes the accessibility
# suite (axe-core from npm, WCAG 2.1 A/AA rules; reflow, keyboard and Relazione checks). Used by .ci/run; runs alone too.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HERE="$ROOT/tests/Performance.Dashboard.Tests"

# --- prerequisites from Debian packages, when missing -------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

# --- the service, on its own port and database --------------------------------------------------------------------
dotnet build src/Performance.Api -v q -nologo >/dev/null
DLL="$ROOT/src/Performance.Api/bin/Debug/net10.0/Performance.Api.dll"
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
WORK=$(mktemp -d /tmp/performance-dashboard.XXXXXX)
dotnet "$DLL" --urls "http://127.0.0.1:$PORT" --ConnectionStrings:Performance="Data Source=$WORK/dashboard.db" \
  >"$WORK/service.log" 2>&1 &
SERVICE=$!
cleanup() { kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/service.log"; echo "the service did not start"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$WORK/service.log"; echo "the service is not healthy"; exit 1; }

# --- the browser tests (node's runner prints its summary: tests, pass, fail) ---------------------------------------
cd "$HERE"
DASHBOARD_URL="http://127.0.0.1:$PORT/dashboard/" node --test --test-reporter=tap
