# syntax=docker/dockerfile:1
# Beamtime Sample Registry: the release folder of `npm run release` on a slim Node image.
#
#   docker build -t beamtime-registry:0.1.0 .
#   docker compose --profile demo up          # a demo with PostgreSQL and demo accounts
#
# The image never migrates by itself: run `node tools/migrate.mjs` (Compose service `migrate`,
# Kubernetes Job `beamtime-registry-migrate`) before starting a new release; server.js refuses to
# start while migrations are pending, and GET /api/ready answers 503 until they are applied.
# Other tools in the image: tools/seed.mjs, tools/token.mjs, tools/backup.mjs, tools/restore.mjs,
# tools/idp.mjs (local demo identity provider). See deploy/README.md.

ARG NODE_IMAGE=node:22-trixie-slim

# ---- build: install every dependency (dev ones included: next build, tsx) and assemble /release
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
# Only what `npm ci` and its postinstall (prisma generate, offline) read, so that this layer is
# reused as long as the lock file and the Prisma schema stay the same.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
# --ignore-scripts: dependencies' install scripts would download Prisma's native engines, which
# the app does not use (driver adapters + the wasm query compiler); npm 11 skips them by default.
# Our own postinstall (prisma generate, offline) then runs explicitly, with node_modules/.bin on PATH.
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci --ignore-scripts \
    && npm run postinstall
COPY . .
RUN npm run release -- /release

# ---- runtime: Node, the release folder and PostgreSQL's client programs (tools/backup.mjs)
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="Beamtime Sample Registry" \
      org.opencontainers.image.description="Register beamtime proposals, trays and samples; print QR labels; scan them at the beamline; record acquired datasets." \
      org.opencontainers.image.vendor="KIT, KARA" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.documentation="deploy/README.md" \
      org.opencontainers.image.base.name="docker.io/library/node:22-trixie-slim"

# pg_dump/pg_restore for tools/backup.mjs and tools/restore.mjs (Debian trixie: PostgreSQL 17).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# A dedicated user; the application files stay owned by root (read-only for the app), only the
# data directory and Next's cache are writable.
RUN groupadd --system --gid 10001 registry \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin registry

WORKDIR /app
COPY --from=build /release /app
RUN mkdir -p /app/data /app/.next/cache \
    && chown 10001:10001 /app/data /app/.next/cache

ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data

USER 10001:10001
# The embedded PGlite database (when DATABASE_URL is unset) and backups.
VOLUME ["/app/data"]
EXPOSE 3000

# No curl in slim images: Node's fetch asks the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "server.js"]
