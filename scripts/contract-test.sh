#!/usr/bin/env bash
# Contract test: starts the app on a free loopback port with a scratch DATA_DIR, waits for /readyz,
# and runs schemathesis against its OpenAPI document with every check on (response schemas,
# headers, status codes, media types, 405 for undeclared methods, negative data, auth) — once
# anonymously and once with a bearer token of a demo admin. Exits non-zero on any failure that is
# not a documented business-rule refusal (docs/api.md "Contract test").
#
#   scripts/contract-test.sh                 # ~4 minutes on a 2-core machine
#   CONTRACT_MAX_EXAMPLES=25 scripts/contract-test.sh
#
# schemathesis 4.32.5 is installed once into a virtualenv under ~/.cache/kus-data-bridge.
set -euo pipefail
cd "$(dirname "$0")/.."

ST_VERSION=4.32.5
VENV="${CONTRACT_VENV:-$HOME/.cache/kus-data-bridge/schemathesis}"
MAX_EXAMPLES="${CONTRACT_MAX_EXAMPLES:-8}"
SEED="${CONTRACT_SEED:-1}"
PHASES="${CONTRACT_PHASES:-examples,coverage,fuzzing}"
# One worker: hypothesis on CPython 3.11 can fail "AST constructor recursion depth mismatch" in threads.
WORKERS="${CONTRACT_WORKERS:-1}"

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$ST_VERSION"; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "schemathesis==$ST_VERSION"
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kdb-contract.XXXXXX")"
REPORT_DIR="${CONTRACT_REPORT_DIR:-$DATA_DIR/report}"
BASE="http://127.0.0.1:$PORT"
APP_PID=""

cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    # The app stops its embedded database and storage on SIGTERM; give it time to.
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [ -z "${CONTRACT_KEEP:-}" ]; then rm -rf "$DATA_DIR"; fi
}
trap cleanup EXIT
trap "exit 130" INT TERM

echo "contract test: app on $BASE, data in $DATA_DIR"
# Harvest sources schemathesis registers may name only loopback: nothing else is ever contacted.
export HARVEST_ALLOWED_HOSTS=127.0.0.1,localhost
# Started as `npm start` does, without npm in between: $APP_PID is scripts/with-node.mjs, which
# runs the app on a supported Node and passes SIGTERM on; the app then stops its database and storage.
HOST=127.0.0.1 PORT="$PORT" DATA_DIR="$DATA_DIR" LOG_LEVEL="${CONTRACT_LOG_LEVEL:-warn}" \
  LOGIN_RATE_LIMIT=1000 LOGIN_ADDRESS_RATE_LIMIT=100000 LOGIN_ACCOUNT_RATE_LIMIT=100000 \
  node scripts/with-node.mjs tsx server/main.ts >"$DATA_DIR/app.log" 2>&1 &
APP_PID=$!

for i in $(seq 1 600); do
  if curl -fsS "$BASE/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the app exited:"; tail -50 "$DATA_DIR/app.log"; exit 1; fi
  if [ "$i" = 600 ]; then echo "the app was not ready within 300 s"; tail -50 "$DATA_DIR/app.log"; exit 1; fi
  sleep 0.5
done

# A personal token of a demo admin: sign in (cookie session + CSRF token), then POST /auth/tokens.
JAR="$DATA_DIR/cookies"
CSRF="$(curl -fsS -c "$JAR" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@demo.kr\",\"password\":\"${DEMO_PASSWORD:-databridge-demo}\"}" "$BASE/api/v1/auth/login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["csrfToken"])')"
TOKEN="$(curl -fsS -b "$JAR" -H 'content-type: application/json' -H "X-CSRF-Token: $CSRF" \
  -d '{"name":"contract test","expiresInDays":1}' "$BASE/api/v1/auth/tokens" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"

# The bearer run names its credentials per security scheme, so that schemathesis knows which
# scheme it is using (its ignored_auth check then removes or breaks that one, not the others).
BEARER_CONFIG="$DATA_DIR/schemathesis-bearer.toml"
cp scripts/schemathesis.toml "$BEARER_CONFIG"
printf '\n[auth.openapi.bearerAuth]\nbearer = "%s"\n' "$TOKEN" >>"$BEARER_CONFIG"

run() {
  local label="$1" config="$2"
  shift 2
  echo
  echo "== schemathesis ($label) =="
  # Run from the scratch directory: schemathesis keeps its example database in ./.schemathesis.
  (cd "$DATA_DIR" && "$VENV/bin/schemathesis" --config-file "$config" run "$BASE/api/v1/openapi.json" \
    --checks all --max-examples "$MAX_EXAMPLES" --seed "$SEED" --phases "$PHASES" --workers "$WORKERS" \
    --no-color --report junit --report-dir "$REPORT_DIR/$label" "$@")
}

status=0
run anonymous "$PWD/scripts/schemathesis.toml" || status=1
run bearer "$BEARER_CONFIG" || status=1
echo
if [ "$status" = 0 ]; then echo "contract test: passed"; else echo "contract test: FAILED (reports in $REPORT_DIR; CONTRACT_KEEP=1 keeps them)"; fi
exit "$status"
