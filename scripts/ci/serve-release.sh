#!/usr/bin/env bash
# Serves a release exactly as the Docker image and the systemd unit do, for e2e-release/:
# assemble it with `npm run release` into a folder outside this checkout (so nothing resolves
# from the repository's node_modules), migrate and seed with its own tools, start the local
# OpenID provider as its own process, then `node server.js` in production mode.
# Needs RELEASE_DIR, PORT, APP_URL, AUTH_SECRET, OIDC_* and DATA_DIR or DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${RELEASE_DIR:?}" "${LOCAL_IDP_PORT:?}"
npm run -s release -- "$RELEASE_DIR"
cd "$RELEASE_DIR"
export NODE_ENV=production HOSTNAME=127.0.0.1 NEXT_TELEMETRY_DISABLED=1
node tools/migrate.mjs
node tools/seed.mjs
node tools/idp.mjs &
idp=$!
trap 'kill "$idp" 2>/dev/null || true' EXIT
node server.js
