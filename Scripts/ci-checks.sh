#!/usr/bin/env bash
# The reliability checks CI runs after `swift test` (which already ran the kill, backup/restore, limit and
# importer fuzz tests): Schemathesis against the OpenAPI document on a live server, then a short load test.
# Installs what it needs: wrk and python3-venv from Debian, Schemathesis (pinned) from PyPI.
#
#   Scripts/ci-checks.sh            # as CI runs it
#   LOAD_DURATION=60s Scripts/ci-checks.sh
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing ${need_apt[*]}"
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
fi
[ -n "${ERKEND:-}" ] || [ -x .build/debug/erkend ] || swift build --product erkend

log "schemathesis against the OpenAPI document (Scripts/schemathesis.sh)"
Scripts/schemathesis.sh --max-examples "${SCHEMATHESIS_EXAMPLES:-25}"

log "load test: ${LOAD_CONNECTIONS:-500} connections for ${LOAD_DURATION:-10s} (Scripts/load.sh)"
Scripts/load.sh --connections "${LOAD_CONNECTIONS:-500}" --duration "${LOAD_DURATION:-10s}"

log "reliability checks passed"
