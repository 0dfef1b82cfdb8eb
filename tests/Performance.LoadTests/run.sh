#!/usr/bin/env bash
# Load test on loopback, bounded (about 95 s of load after a Release build): starts its own service instance (Release
# build, fresh SQLite file with the demo data, rate limit raised, ControlloGestione keys for CCIAA-CR and INPS added on the
# command line), runs the autocannon scenarios of load.mjs and stops the service. Figures: results/summary.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HERE="$ROOT/tests/Performance.LoadTests"

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

dotnet build src/Performance.Api -c Release -v q -nologo >/dev/null
DLL="$ROOT/src/Performance.Api/bin/Release/net10.0/Performance.Api.dll"
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
WORK=$(mktemp -d /tmp/performance-load.XXXXXX)
VIEWER_KEY=demo-viewer-key                       # the shipped demo Viewer key (organization *)
CG_KEY="load-test-cg-$(date +%s%N)"             # throw-away ControlloGestione keys (CCIAA-CR, INPS) for this instance only
CG_SHA=$(printf '%s' "$CG_KEY" | sha256sum | cut -d' ' -f1)
INPS_CG_KEY="load-test-inps-cg-$(date +%s%N)"
INPS_CG_SHA=$(printf '%s' "$INPS_CG_KEY" | sha256sum | cut -d' ' -f1)

dotnet "$DLL" --urls "http://127.0.0.1:$PORT" --ConnectionStrings:Performance="Data Source=$WORK/load.db" \
  --RateLimiting:PermitsPerMinute=100000000 --Logging:LogLevel:Default=Warning \
  --Auth:ApiKeys:7:Name=load-test-cg --Auth:ApiKeys:7:Sha256="$CG_SHA" \
  --Auth:ApiKeys:7:Role=ControlloGestione --Auth:ApiKeys:7:Organization=CCIAA-CR \
  --Auth:ApiKeys:8:Name=load-test-inps-cg --Auth:ApiKeys:8:Sha256="$INPS_CG_SHA" \
  --Auth:ApiKeys:8:Role=ControlloGestione --Auth:ApiKeys:8:Organization=INPS \
  >"$WORK/service.log" 2>&1 &
SERVICE=$!
cleanup() { kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/service.log"; echo "the service did not start"; exit 1; }
  sleep 0.5
done

BASE_URL="http://127.0.0.1:$PORT" VIEWER_KEY="$VIEWER_KEY" CG_KEY="$CG_KEY" INPS_CG_KEY="$INPS_CG_KEY" node "$HERE/load.mjs"
