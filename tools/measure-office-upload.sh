#!/usr/bin/env bash
# Measures the consuntivi upload on a 100,000-row CSV: wall time of a dry run and of a real (stored) upload, and the
# service's peak resident memory (VmHWM) before and after. Runs the Release build on a throw-away SQLite file.
#   tools/measure-office-upload.sh [rows]
set -euo pipefail
ROWS=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
PORT=5099
KEY=measure-$RANDOM$RANDOM
SHA=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet build "$ROOT/src/Performance.Api" -c Release -v q -nologo >/dev/null
python3 - "$ROWS" > "$WORK/consuntivi.csv" <<'PY'
import sys
rows = int(sys.argv[1])
print("\ufeffCodice;Anno;Periodo;Valore;Nota")
for i in range(rows):
    # One rate indicator of the demo plan (target >=60%), 100,000 corrections of its 2021 value, Italian decimals.
    print(f"2021_01.I2;2021;Y;{60 + i % 40},{i % 100:02d};riga {i + 1}")
PY
echo "file: $ROWS rows, $(du -h "$WORK/consuntivi.csv" | cut -f1)"

cd "$WORK"
Urls=http://127.0.0.1:$PORT ConnectionStrings__Performance="Data Source=$WORK/measure.db" Database__SeedDemoData=true \
Auth__ApiKeys__0__Name=measure Auth__ApiKeys__0__Sha256=$SHA Auth__ApiKeys__0__Role=Admin Auth__ApiKeys__0__Organization='*' \
  dotnet "$ROOT/src/Performance.Api/bin/Release/net10.0/Performance.Api.dll" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
hwm() { grep VmHWM /proc/$PID/status | awk '{printf "%.0f MB", $2/1024}'; }
echo "peak RSS after start-up: $(hwm)"
for dry in true false; do
  curl -s -o "$WORK/out.json" -w "dryRun=$dry: HTTP %{http_code}, %{time_total} s\n" -H "X-Api-Key: $KEY" \
    -H 'Content-Type: text/csv' --data-binary @"$WORK/consuntivi.csv" \
    "http://127.0.0.1:$PORT/api/plans/PP-2021-2023/actuals/upload?dryRun=$dry"
  head -c 200 "$WORK/out.json" | sed 's/"changes".*//'; echo
  echo "peak RSS so far: $(hwm)"
done
