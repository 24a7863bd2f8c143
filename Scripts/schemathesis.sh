#!/usr/bin/env bash
# Fuzzes the HTTP API against its own OpenAPI document with Schemathesis: a fresh `erkend serve --demo`,
# an API token of an account that holds every staff role, and checks that no response is a 500 and that
# every response (status, content type, headers, body) is what /openapi.json says it can be.
#
#   Scripts/schemathesis.sh [--max-examples N] [--seed N] [--report-dir DIR]
#
# Exits non-zero when Schemathesis finds a failure. Needs python3 (with venv) and curl; installs the
# pinned Schemathesis from Scripts/requirements.txt into .build/schemathesis-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/lib.sh

max_examples=25
seed=20261129
report_dir=
while [ $# -gt 0 ]; do
  case $1 in
    --max-examples) max_examples=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --report-dir) report_dir=$2; shift 2 ;;
    *) echo "usage: $0 [--max-examples N] [--seed N] [--report-dir DIR]" >&2; exit 2 ;;
  esac
done

venv=.build/schemathesis-venv
pinned=$(grep -E '^schemathesis==' Scripts/requirements.txt | cut -d= -f3)
# The venv is reused while it was made from exactly this requirements file; else it is made anew.
wanted=$(sha256sum Scripts/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$venv/requirements.sha256" 2>/dev/null)" != "$wanted" ] || ! "$venv/bin/schemathesis" --version >/dev/null 2>&1; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r Scripts/requirements.txt
  echo "$wanted" >"$venv/requirements.sha256"
fi

work=$(mktemp -d)
trap 'stop_server || true; rm -rf "$work"' EXIT
start_demo_server "$work"
token=$(staff_token)
# A learner for the operations on one learner (Scripts/schemathesis.toml): enrolled and placed, so that
# observations, decisions and sign-off requests get past "not enrolled".
auth=(-H "Authorization: Bearer $token" -H 'content-type: application/json')
ERKEND_LEARNER=$(curl -sf "${auth[@]}" -d '{"name": "Fuzz Leerling"}' "$BASE_URL/api/v1/learners" | json_field id)
mentor=$(curl -sf "${auth[@]}" -d '{"name": "Fuzz Mentor", "organisation": "Bits & Bytes BV"}' "$BASE_URL/api/v1/mentors" | json_field id)
curl -sf "${auth[@]}" -o /dev/null -d '{"programme": "SD-25604", "startDate": "2026-09-01", "cohort": "2026-2027"}' "$BASE_URL/api/v1/learners/$ERKEND_LEARNER/enrolments"
curl -sf "${auth[@]}" -o /dev/null -d "{\"organisation\": \"Bits & Bytes BV\", \"kind\": \"bpv\", \"startDate\": \"2026-09-01\", \"mentors\": [\"$mentor\"]}" \
  "$BASE_URL/api/v1/learners/$ERKEND_LEARNER/placements"
export ERKEND_LEARNER
echo "schemathesis $pinned against $BASE_URL/openapi.json, at most $max_examples examples per operation, seed $seed"

args=(run "$BASE_URL/openapi.json"
  --header "Authorization: Bearer $token"
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
  --phases examples,coverage,fuzzing
  --max-examples "$max_examples" --seed "$seed"
  # One worker: Python 3.11's ast module is not thread-safe, and with two Hypothesis now and then fails with
  # "AST constructor recursion depth mismatch" (CPython gh-106905), an error of the tool, not of Erkend.
  # No generation database: every run starts from the seed alone and leaves nothing in the work tree.
  --workers 1 --request-timeout 30 --no-color --generation-database none
  # The sign-out and account routes would end this run's own session and token.
  --exclude-operation-id signOut --exclude-operation-id revokeToken --exclude-operation-id changePassword)
if [ -n "$report_dir" ]; then args+=(--report junit --report-dir "$(realpath -m "$report_dir")"); fi

status=0
# Run from the scratch folder: Hypothesis and Schemathesis keep caches in the current directory.
(cd "$work" && "$OLDPWD/$venv/bin/schemathesis" --config-file "$OLDPWD/Scripts/schemathesis.toml" "${args[@]}") || status=$?
if grep -q 'unexpected error' "$work/serve.log"; then
  echo "the server logged unexpected errors:" >&2
  grep 'unexpected error' "$work/serve.log" | sort | uniq -c | sort -rn | head -20 >&2
fi
stop_server || { echo "erkend serve did not stop cleanly" >&2; status=1; }
exit $status
