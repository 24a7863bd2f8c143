#!/usr/bin/env bash
# Installs the real programs some tests talk to, so that `swift test` runs every test instead of skipping
# the ones whose tool is missing: Debian packages (below) and a Python environment in .build/tools-venv
# with Scripts/test-requirements.txt (pinned). `.ci/run` calls it; run it once on a development machine too.
#
#   Scripts/test-tools.sh            # then: swift test
#
# Tests find the Python environment by themselves (ErkendTestSupport/ExternalTools.swift).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

# Debian packages: command to look for, package that provides it.
packages=(
  "python3:python3"
  "chromium:chromium"
  "chromedriver:chromium-driver"
  "strace:strace"
  "mkfs.ext4:e2fsprogs"
  "java:default-jre-headless"
  "jq:jq"
  "nginx:nginx"
)
need_apt=()
for entry in "${packages[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || need_apt+=("${entry#*:}")
done
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
# PostgreSQL's server programs (initdb, pg_ctl) live in /usr/lib/postgresql/NN/bin, not on the PATH; the
# PostgreSQL tests start a throw-away cluster with them (Tests/ErkendTestSupport/PostgresCluster.swift).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"; fi
fi

# The Python environment is made anew when the requirements change.
venv=.build/tools-venv
wanted=$(cat Scripts/test-requirements.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$venv/requirements.sha256" 2>/dev/null)" != "$wanted" ] || ! "$venv/bin/python3" -c 'pass' >/dev/null 2>&1; then
  log "python environment for the tests ($venv)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Scripts/test-requirements.txt
  echo "$wanted" >"$venv/requirements.sha256"
fi
log "test tools ready"
