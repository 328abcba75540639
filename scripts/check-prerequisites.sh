#!/usr/bin/env bash
# Checks the system programs the tests use and installs the missing ones with apt when run as
# root (CI, containers); otherwise prints the exact command and stops. Besides the test programs:
# what `npm run validate:deploy` (scripts/ci/validate-deployment.sh) needs: docker-compose,
# hadolint (pip) and kustomize (go install, unless kubectl's built-in kustomize is there).
set -euo pipefail

# program -> Debian package
declare -A needed=(
  [/usr/bin/chromium]=chromium
  [zbarimg]=zbar-tools
  [pdftoppm]=poppler-utils
  [fc-list]=fontconfig
  [initdb]=postgresql
  [/usr/sbin/slapd]=slapd
  [python3]=python3
  [docker-compose]=docker-compose
)
missing=()
for program in "${!needed[@]}"; do
  case "$program" in
    initdb) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=("${needed[$program]}") ;;
    /*) [ -x "$program" ] || missing+=("${needed[$program]}") ;;
    *) command -v "$program" >/dev/null 2>&1 || missing+=("${needed[$program]}") ;;
  esac
done
# Labels are rendered with DejaVu; without any font Chromium prints empty boxes.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# pip, for the Python test packages below.
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)

if [ ${#missing[@]} -gt 0 ]; then
  command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test prerequisites: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing test prerequisites: ${missing[*]}. Install them with:" >&2
    echo "  sudo $command" >&2
    exit 1
  fi
fi

# Python packages of the tests that drive the app from Python (pinned versions): the official SciCat
# clients pyscicat and scitacean (e2e/pyscicat.spec.ts, e2e/scicat-conformance.spec.ts) and Concert
# with our metadata handler (e2e/concert.spec.ts), and roc-validator with rocrate, which read back
# the .eln export (tests/integration/eln-export.test.ts), and schemathesis, which fuzzes /api/v1
# (e2e/schemathesis.spec.ts).
cd "$(dirname "$0")/.."
python_requirements=(clients/scicat-compat/requirements.txt clients/python/requirements-test.txt clients/eln/requirements.txt tests/fuzz/requirements.txt)
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import pyscicat, scitacean, pytest, pytest_asyncio, httpx, concert, rocrate, rocrate_validator, schemathesis" >/dev/null 2>&1; then
  arguments=()
  for file in "${python_requirements[@]}"; do arguments+=(-r "$file"); done
  if [ "$(id -u)" = 0 ]; then
    echo "Installing the Python test packages of ${python_requirements[*]}"
    # A Debian system Python refuses pip without --break-system-packages (PEP 668); CI is a throwaway machine.
    python3 -m pip install -q "${arguments[@]}" 2>/dev/null ||
      python3 -m pip install -q --break-system-packages "${arguments[@]}"
  else
    echo "Missing Python test packages. Install them with:" >&2
    echo "  python3 -m pip install ${arguments[*]}" >&2
    exit 1
  fi
fi

# Deployment checks: hadolint from PyPI (a real binary in a wheel; pinned in the requirements file).
deploy_requirements=scripts/ci/requirements-deploy.txt
hadolint_found() {
  command -v hadolint >/dev/null 2>&1 && return 0
  command -v python3 >/dev/null 2>&1 &&
    [ -x "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/hadolint" ]
}
if ! hadolint_found; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing hadolint from $deploy_requirements"
    python3 -m pip install -q -r "$deploy_requirements" 2>/dev/null ||
      python3 -m pip install -q --break-system-packages -r "$deploy_requirements"
  else
    echo "Missing hadolint. Install it with:" >&2
    echo "  python3 -m pip install -r $deploy_requirements" >&2
    exit 1
  fi
fi

# kustomize renders deploy/k8s: a kustomize binary (PATH or ~/go/bin), else kubectl's built-in one;
# with neither, built from the Go module proxy (v5.7.1: newer ones need a newer Go than ours).
kustomize_module=sigs.k8s.io/kustomize/kustomize/v5@v5.7.1
if ! command -v kustomize >/dev/null 2>&1 && [ ! -x "$HOME/go/bin/kustomize" ] && ! command -v kubectl >/dev/null 2>&1; then
  if ! command -v go >/dev/null 2>&1; then
    echo "Missing kustomize (and kubectl, and Go to build kustomize with). Install Go, then:" >&2
    echo "  GOTOOLCHAIN=local go install $kustomize_module" >&2
    exit 1
  elif [ "$(id -u)" = 0 ]; then
    echo "Installing kustomize ($kustomize_module) into $HOME/go/bin"
    GOTOOLCHAIN=local go install "$kustomize_module"
  else
    echo "Missing kustomize. Install it with:" >&2
    echo "  GOTOOLCHAIN=local go install $kustomize_module" >&2
    exit 1
  fi
fi
