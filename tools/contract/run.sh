#!/usr/bin/env bash
# The contract gates (used by .ci/run; runs alone too), from the npm packages pinned in package-lock.json:
#  1. Spectral: spectral:oas + .spectral.yaml on the committed openapi/Performance.Api.json — any warning fails;
#  2. openapi-typescript generates the client's types from that document, tsc type-checks client.ts (strict);
#  3. client.ts (openapi-fetch) runs against the service started here on a fresh SQLite file with the demo data:
#     list plans, scorecard, post a consuntivo, a bad one, upload a CSV, download an export, no credentials.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HERE="$ROOT/tools/contract"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

cd "$HERE"
npx spectral lint "$ROOT/openapi/Performance.Api.json" --ruleset .spectral.yaml --fail-severity=warn
npx openapi-typescript "$ROOT/openapi/Performance.Api.json" --output generated/api.d.ts
npx tsc -p tsconfig.json
cd "$ROOT"

dotnet build src/Performance.Api -v q -nologo >/dev/null
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
WORK=$(mktemp -d /tmp/performance-contract.XXXXXX)
dotnet src/Performance.Api/bin/Debug/net10.0/Performance.Api.dll --urls "http://127.0.0.1:$PORT" \
  --ConnectionStrings:Performance="Data Source=$WORK/contract.db" >"$WORK/service.log" 2>&1 &
SERVICE=$!
cleanup() { kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/service.log"; echo "the service did not start"; exit 1; }
  sleep 0.5
done
CONTRACT_BASE_URL="http://127.0.0.1:$PORT" node "$HERE/build/client.js"
