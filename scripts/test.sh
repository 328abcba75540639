#!/usr/bin/env bash
# npm test: every check, in the order that fails fastest.
#   lint + format, typecheck, deployment manifests, Vitest (unit + integration), Playwright (end
#   to end, against `npm start`), and a smoke test of the production release (`npm run release`).
# Database tier: PGlite by default; set TEST_DATABASE_URL=postgresql://… (a server where the user
# may create databases) to run the integration and end-to-end tests against PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

tier="PGlite"
[ -n "${TEST_DATABASE_URL:-}" ] && tier="PostgreSQL"
echo "== prerequisites"
bash scripts/check-prerequisites.sh
echo "== lint"
npm run -s lint
echo "== typecheck"
npm run -s typecheck
echo "== deployment manifests"
npm run -s validate:deploy
echo "== unit and integration tests ($tier)"
npx vitest run
echo "== end-to-end tests ($tier)"
e2e_data="$(mktemp -d /tmp/brs-e2e.XXXXXX)"
trap 'rm -rf "$e2e_data"' EXIT
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
trap 'rm -rf "$e2e_data" "$release_root"' EXIT
use_new_database brs_release
E2E_RELEASE_DIR="$release_root/app" E2E_RELEASE_DATA_DIR="$release_root/data" \
  npx playwright test -c playwright.release.config.ts
