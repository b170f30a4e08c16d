#!/usr/bin/env bash
# The API does what its OpenAPI document says: Schemathesis (all checks, fixed seed) against the
# debug server on a fresh SQLite database with demo data, signed in as a parent (a session
# token from `server bench-setup`). Part of `make test`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

SEED="${API_CONTRACT_SEED:-20261201}"
EXAMPLES="${API_CONTRACT_EXAMPLES:-60}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DATABASE_URL="sqlite://$work/contract.db" TUOYU_ADDR="127.0.0.1:$port" TUOYU_LOG=warn LEPTOS_SITE_ROOT=target/site
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# One parent with a session, a child and consent; facility 1 filed with free places.
./target/debug/server bench-setup --parents 1 --capacity 5 --out "$work/parents.jsonl" >/dev/null
token="$(python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())["token"])' "$work/parents.jsonl")"

./target/debug/server >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

status=0
tools/venv/bin/st --no-color --config-file scripts/schemathesis.toml run "http://127.0.0.1:$port/api/v1/openapi.json" \
  --checks all --seed "$SEED" --max-examples "$EXAMPLES" \
  --header "Authorization: Bearer $token" --header "Accept-Language: zh-CN" \
  --generation-deterministic || status=$?
if [ "$status" -ne 0 ]; then
  echo "api-contract: Schemathesis found failures (seed $SEED); server log:" >&2
  tail -n 40 "$work/server.log" >&2
fi
exit "$status"
