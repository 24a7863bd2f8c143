#!/usr/bin/env bash
# Runs the independent verifiers (shared/tools/verify, Python) on the credentials the test
# IssuedFilesTests wrote: every original must pass, every tampered copy must fail, and the
# revoked credential must be reported revoked by check_status_list.py. `.ci/run` calls it after
# `swift test`; run it yourself the same way:
#
#   swift test --filter 'IssuedFilesTests|AwardDownloadTests|ClrDownloadTests|KeyRotationTests|OpenID4VCIWalletTests' && Scripts/verify-issued.sh
#
# Environment: ERKEND_ISSUED_DIR (default .build/issued), VERIFY_DIR (default ../shared/tools/verify).
set -euo pipefail
cd "$(dirname "$0")/.."

issued=${ERKEND_ISSUED_DIR:-.build/issued}
tools=${VERIFY_DIR:-../shared/tools/verify}
if [ ! -f "$tools/verify_data_integrity.py" ]; then
  echo "verify-issued: the verifiers are not in $tools (set VERIFY_DIR to shared/tools/verify)" >&2
  exit 2
fi
if [ ! -f "$issued/did.json" ]; then
  echo "verify-issued: nothing issued in $issued; run: swift test --filter IssuedFilesTests" >&2
  exit 2
fi

# The verifiers' own pinned requirements, in a virtual environment made anew when they change.
venv=.build/verify-venv
wanted=$(sha256sum "$tools/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$venv/requirements.sha256" 2>/dev/null)" != "$wanted" ] || ! "$venv/bin/python3" -c 'pass' >/dev/null 2>&1; then
  echo "== python environment for the verifiers ($venv)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$tools/requirements.txt"
  echo "$wanted" >"$venv/requirements.sha256"
fi
py="$venv/bin/python3"

# Erkend's own JSON-LD context reaches the verifiers through EXTRA_CONTEXTS.
export EXTRA_CONTEXTS="$issued/contexts-index.json"
list_url=$(cat "$issued/status-list-url.txt")
read -r aud nonce <"$issued/sd-jwt-kb.txt"

passed=0
failed=0
# check EXPECT NAME SCRIPT ARGS…: EXPECT is pass (exit 0) or fail (exit 1, the verifier's "invalid").
check() {
  local expect=$1 name=$2 script=$3
  shift 3
  local status=0 output
  output=$("$py" "$tools/$script" "$@" 2>&1) || status=$?
  if { [ "$expect" = pass ] && [ $status -eq 0 ]; } || { [ "$expect" = fail ] && [ $status -eq 1 ]; }; then
    passed=$((passed + 1))
    printf 'ok    %-4s %-34s %s\n' "$expect" "$name" "$(printf '%s' "$output" | tail -n 1 | cut -c1-110)"
  else
    failed=$((failed + 1))
    printf 'WRONG %-4s %-34s exit %s: %s\n' "$expect" "$name" "$status" "$output"
  fi
}

t="$issued/tampered"
for file in unit-ob3.rdfc.json unit-ob3.jcs.json entrustment-ob3.rdfc.json; do
  check pass "$file" verify_data_integrity.py "$issued/$file" --controller "$issued/did.json"
  check fail "tampered/$file" verify_data_integrity.py "$t/$file" --controller "$issued/did.json"
  check pass "$file (schema)" validate_ob3_schema.py "$issued/$file"
done
check fail "tampered/unit-ob3-schema.json" validate_ob3_schema.py "$t/unit-ob3-schema.json"

# CLR 2.0: a completed phase stacking the unit and entrustment credentials. The CLR's proof, its structure
# (every association names an achievement in it), a stacked credential verified on its own, a copy with one
# stacked credential removed, and a copy whose association names an achievement the CLR does not hold.
check pass "phase-clr.rdfc.json" verify_data_integrity.py "$issued/phase-clr.rdfc.json" --controller "$issued/did.json"
check pass "phase-clr.rdfc.json (CLR structure)" validate_ob3_schema.py "$issued/phase-clr.rdfc.json"
check pass "phase-clr-stacked-unit.rdfc.json" verify_data_integrity.py "$issued/phase-clr-stacked-unit.rdfc.json" --controller "$issued/did.json"
check fail "tampered/phase-clr.rdfc.json" verify_data_integrity.py "$t/phase-clr.rdfc.json" --controller "$issued/did.json"
check fail "tampered/phase-clr-structure.json" validate_ob3_schema.py "$t/phase-clr-structure.json"
check pass "status-list-1.json" verify_data_integrity.py "$issued/status-list-1.json" --controller "$issued/did.json"

for file in unit.eddsa.vc-jwt entrustment.es256.vc-jwt; do
  check pass "$file" verify_vc_jwt.py "$issued/$file" --jwks "$issued/jwks.json"
  check fail "tampered/$file" verify_vc_jwt.py "$t/$file" --jwks "$issued/jwks.json"
done

check pass "learning.sd-jwt" verify_sd_jwt.py "$issued/learning.sd-jwt" --issuer-metadata "$issued/jwt-vc-issuer.json"
check pass "learning.kb.sd-jwt (key binding)" verify_sd_jwt.py "$issued/learning.kb.sd-jwt" --issuer-metadata "$issued/jwt-vc-issuer.json" \
  --aud "$aud" --nonce "$nonce" --require-kb --max-kb-age 86400
check fail "learning.kb.sd-jwt (wrong nonce)" verify_sd_jwt.py "$issued/learning.kb.sd-jwt" --issuer-metadata "$issued/jwt-vc-issuer.json" \
  --aud "$aud" --nonce "not-$nonce" --require-kb --max-kb-age 86400
check fail "tampered/learning.kb.sd-jwt" verify_sd_jwt.py "$t/learning.kb.sd-jwt" --issuer-metadata "$issued/jwt-vc-issuer.json" \
  --aud "$aud" --nonce "$nonce" --require-kb --max-kb-age 86400

check pass "status of unit-ob3.rdfc.json" check_status_list.py "$issued/unit-ob3.rdfc.json" --map "$list_url=$issued/status-list-1.json" \
  --verify-list -- --controller "$issued/did.json"
check fail "status of unit-ob3-revoked" check_status_list.py "$issued/unit-ob3-revoked.rdfc.json" --map "$list_url=$issued/status-list-1.json" \
  --verify-list -- --controller "$issued/did.json"

# What a live `erkend serve` handed out (AwardDownloadTests): a learner's downloaded Open Badges file and
# VC-JWT, verified with the served did.json and JWKS, and the served status list after the award was revoked.
served="$issued/served"
if [ -f "$served/unit-ob3.downloaded.json" ]; then
  export EXTRA_CONTEXTS="$served/contexts-index.json"
  jq '{keys: .jwks.keys}' "$served/jwt-vc-issuer.json" >"$served/jwks.json"
  served_list=$(jq -r '.credentialStatus.statusListCredential' "$served/unit-ob3.downloaded.json")
  check pass "served/unit-ob3.downloaded.json" verify_data_integrity.py "$served/unit-ob3.downloaded.json" --controller "$served/did.json"
  check pass "served/unit-ob3.downloaded.json (schema)" validate_ob3_schema.py "$served/unit-ob3.downloaded.json"
  check pass "served/unit.downloaded.vc-jwt" verify_vc_jwt.py "$served/unit.downloaded.vc-jwt" --jwks "$served/jwks.json"
  check pass "served/status-list-1 (signature)" verify_data_integrity.py "$served/status-list-1.after-revocation.json" --controller "$served/did.json"
  check fail "served: revoked download is revoked" check_status_list.py "$served/unit-ob3.downloaded.json" \
    --map "$served_list=$served/status-list-1.after-revocation.json" --verify-list -- --controller "$served/did.json"
  # A completed phase the demo learner downloaded as CLR 2.0 (ClrDownloadTests), and a stacked credential taken out of it.
  if [ -f "$served/phase-clr.downloaded.json" ]; then
    check pass "served/phase-clr.downloaded.json" verify_data_integrity.py "$served/phase-clr.downloaded.json" --controller "$served/did.clr.json"
    check pass "served/phase-clr.downloaded.json (CLR)" validate_ob3_schema.py "$served/phase-clr.downloaded.json"
    jq '.credentialSubject.verifiableCredential[1]' "$served/phase-clr.downloaded.json" >"$served/phase-clr.stacked-1.json"
    check pass "served: a credential taken out of the CLR" verify_data_integrity.py "$served/phase-clr.stacked-1.json" --controller "$served/did.clr.json"
    jq '.credentialSubject.verifiableCredential[1].credentialSubject.achievement.name = "Iets anders"' \
      "$served/phase-clr.downloaded.json" >"$served/phase-clr.tampered.json"
    check fail "served: CLR with a stacked credential changed" verify_data_integrity.py "$served/phase-clr.tampered.json" --controller "$served/did.clr.json"
  else
    echo "verify-issued: no served CLR in $served; run: swift test --filter ClrDownloadTests" >&2
    failed=$((failed + 1))
  fi
  # Issued before and after erkend keys rotate (KeyRotationTests): both verify against the DID document served after it.
  if [ -f "$served/rotation-before.json" ]; then
    check pass "served/rotation-before.json (old key)" verify_data_integrity.py "$served/rotation-before.json" --controller "$served/did.rotated.json"
    check pass "served/rotation-after.json (new key)" verify_data_integrity.py "$served/rotation-after.json" --controller "$served/did.rotated.json"
    jq '.assertionMethod |= map(select(endswith("#ed25519-1") | not)) | .verificationMethod |= map(select(.id | endswith("#ed25519-1") | not))' \
      "$served/did.rotated.json" >"$served/did.rotated.withdrawn.json"
    check fail "served: old key withdrawn from did.json" verify_data_integrity.py "$served/rotation-before.json" --controller "$served/did.rotated.withdrawn.json"
  else
    echo "verify-issued: no key rotation files in $served; run: swift test --filter KeyRotationTests" >&2
    failed=$((failed + 1))
  fi
else
  echo "verify-issued: no served files in $served; run: swift test --filter AwardDownloadTests" >&2
  failed=$((failed + 1))
fi

# What a wallet received through OpenID4VCI from a live server (OpenID4VCIWalletTests): the issuer metadata
# and an offer as served, and the SD-JWT VC issued through the flow, presented with key binding.
if [ -f "$served/openid-credential-issuer.json" ]; then
  issuer=$(jq -r '.credential_issuer' "$served/openid-credential-issuer.json")
  check pass "served/openid-credential-issuer.json" check_oid4vci_metadata.py "$served/openid-credential-issuer.json" \
    --issuer-url "$issuer" --offer "$served/credential-offer.json"
  jq '.credential_configurations_supported["LearningCredential_dc+sd-jwt"].format = "vc+sd-jwt"' \
    "$served/openid-credential-issuer.json" >"$served/openid-credential-issuer.tampered.json"
  check fail "served: metadata with a pre-1.0 format" check_oid4vci_metadata.py "$served/openid-credential-issuer.tampered.json"
  check pass "served/learning.oid4vci.kb.sd-jwt" verify_sd_jwt.py "$served/learning.oid4vci.kb.sd-jwt" \
    --issuer-metadata "$served/jwt-vc-issuer.oid4vci.json" --aud https://verifier.example --nonce oid4vci-e2e --require-kb --max-kb-age 86400
  check pass "served/unit-ob3.oid4vci.json" verify_data_integrity.py "$served/unit-ob3.oid4vci.json" --controller "$served/did.oid4vci.json"
  check pass "served/unit-ob3.oid4vci.json (schema)" validate_ob3_schema.py "$served/unit-ob3.oid4vci.json"
  check fail "served: OpenID4VCI Open Badge, other issuer key" verify_data_integrity.py "$served/unit-ob3.oid4vci.json" --controller "$served/did.json"
  check fail "served: OpenID4VCI SD-JWT, wrong nonce" verify_sd_jwt.py "$served/learning.oid4vci.kb.sd-jwt" \
    --issuer-metadata "$served/jwt-vc-issuer.oid4vci.json" --aud https://verifier.example --nonce not-oid4vci-e2e --require-kb --max-kb-age 86400
else
  echo "verify-issued: no OpenID4VCI files in $served; run: swift test --filter OpenID4VCIWalletTests" >&2
  failed=$((failed + 1))
fi

echo "verify-issued: $passed as expected, $failed wrong"
[ "$failed" -eq 0 ]
