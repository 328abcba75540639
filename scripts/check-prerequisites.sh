#!/usr/bin/env bash
# Checks the system programs the tests use and installs the missing ones with apt when run as
# root (CI, containers); otherwise prints the exact command and stops.
set -euo pipefail

# program -> Debian package
declare -A needed=(
  [/usr/bin/chromium]=chromium
  [zbarimg]=zbar-tools
  [pdftoppm]=poppler-utils
  [fc-list]=fontconfig
  [initdb]=postgresql
  [/usr/sbin/slapd]=slapd
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

[ ${#missing[@]} -eq 0 ] && exit 0
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
