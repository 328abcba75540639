#!/usr/bin/env bash
# The real SciCat backend as a reference peer for the conformance suite (e2e/scicat-conformance.spec.ts,
# clients/scicat-compat/conformance) and `npm run bench scicat`: finds the workplace's peer script
# (SCICAT_PEER_SCRIPT, else ../shared/peers/scicat/scicat.sh beside this checkout, else
# /work/shared/peers/scicat/scicat.sh) and runs it with its build cached in SCICAT_PEER_HOME
# (default ~/.cache/brs-scicat-peer, which survives between runs on one machine).
#   scicat-peer.sh start|stop|status   start prints the peer's API base URL on stdout
#   scicat-peer.sh start --fresh       the same on an empty store, when the peer is not running yet
#                                      (tests and benchmarks then do not depend on earlier runs;
#                                      SciCat creates its functional accounts again at start)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
candidates=("${SCICAT_PEER_SCRIPT:-}" "$root/../shared/peers/scicat/scicat.sh" /work/shared/peers/scicat/scicat.sh)
script=""
for candidate in "${candidates[@]}"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then script="$candidate"; break; fi
done
if [ -z "$script" ]; then
  echo "The SciCat peer (scicat.sh with the SciCat 4.5.0 source tarball) was not found; set SCICAT_PEER_SCRIPT to its path." >&2
  exit 1
fi
export SCICAT_PEER_HOME="${SCICAT_PEER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/brs-scicat-peer}"
if [ "${1:-}" = start ] && [ "${2:-}" = --fresh ] && ! "$script" status >/dev/null 2>&1; then
  rm -rf "$SCICAT_PEER_HOME/sqlite"
fi
exec "$script" "${1:-status}"
