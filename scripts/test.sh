#!/usr/bin/env bash
# npm test: every check, in the order that fails fastest.
#   lint + format and the OpenAPI document (Redocly), typecheck, deployment manifests, Vitest
#   (unit + integration, publishing to the real SciCat backend, scripts/scicat-peer.sh), Playwright
#   (end to end, against `npm start`, with the SciCat conformance suite against the same peer and
#   schemathesis against /api/v1), and a smoke test of the production release (`npm run release`).
# Database tier: PGlite by default; set TEST_DATABASE_URL=postgresql://… (a server where the user
# may create databases) to run the integration and end-to-end tests against PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

tier="PGlite"
[ -n "${TEST_DATABASE_URL:-}" ] && tier="PostgreSQL"
echo "== prerequisites"
bash scripts/check-prerequisites.sh
# The SciCat peer builds (first time: minutes; then ~10 s from its cache) while the checks below run.
peer_log="$(mktemp /tmp/brs-scicat-peer.XXXXXX)"
peer_was_running=false
bash scripts/scicat-peer.sh status >/dev/null 2>&1 && peer_was_running=true
bash scripts/scicat-peer.sh start --fresh >"$peer_log" 2>&1 &
peer_start=$!
stop_peer() {
  kill "$peer_start" 2>/dev/null || true
  [ "$peer_was_running" = true ] || bash scripts/scicat-peer.sh stop >/dev/null 2>&1 || true
}
trap 'stop_peer; rm -f "$peer_log"' EXIT
echo "== lint"
npm run -s lint
# The OpenAPI document /api/v1/openapi.json serves, by the rules of redocly.yaml.
openapi_document="$(mktemp --suffix=.json /tmp/brs-openapi.XXXXXX)"
npx tsx --conditions=react-server scripts/openapi-document.ts >"$openapi_document"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint --format=summary "$openapi_document" || { rm -f "$openapi_document"; exit 1; }
rm -f "$openapi_document"
echo "== typecheck"
npm run -s typecheck
echo "== deployment manifests"
npm run -s validate:deploy
# Publishing (tests/integration/scicat-publishing.test.ts) and the conformance suite need the peer.
echo "(waiting for the SciCat peer)"
if ! wait "$peer_start"; then
  echo "The SciCat peer did not start:" >&2
  cat "$peer_log" >&2
  exit 1
fi
SCICAT_PEER_URL="$(grep -Eo 'https?://[^ ]+/api/v3' "$peer_log" | tail -1)"
export SCICAT_PEER_URL
echo "SciCat peer at $SCICAT_PEER_URL"
echo "== unit and integration tests ($tier)"
npx vitest run
echo "== end-to-end tests ($tier)"
e2e_data="$(mktemp -d /tmp/brs-e2e.XXXXXX)"
trap 'stop_peer; rm -rf "$peer_log" "$e2e_data"' EXIT
# On the PostgreSQL tier each Playwright run gets a database of its own (E2E_DATABASE_URL).
use_new_database() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    E2E_DATABASE_URL="$(npx tsx scripts/ci/create-database.ts "$TEST_DATABASE_URL" "$1")"
    export E2E_DATABASE_URL
  fi
}
use_new_database brs_e2e
E2E_DATA_DIR="$e2e_data" npx playwright test
echo "== production release smoke ($tier)"
# The release folder the Docker image and the systemd unit run (reuses the build above), served by
# node server.js with its own tools, outside this checkout.
release_root="$(mktemp -d /tmp/brs-release.XXXXXX)"
trap 'stop_peer; rm -rf "$peer_log" "$e2e_data" "$release_root"' EXIT
use_new_database brs_release
E2E_RELEASE_DIR="$release_root/app" E2E_RELEASE_DATA_DIR="$release_root/data" \
  npx playwright test -c playwright.release.config.ts
