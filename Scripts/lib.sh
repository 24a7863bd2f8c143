# Shared by the scripts in this folder: start a throw-away demo server and get an API token.
# Source it; it defines functions only.

# The erkend binary to test: $ERKEND, else the debug build (built when missing).
erkend_binary() {
  if [ -n "${ERKEND:-}" ]; then echo "$ERKEND"; return; fi
  if [ ! -x .build/debug/erkend ]; then swift build --product erkend >&2; fi
  echo "$PWD/.build/debug/erkend"
}

# start_demo_server DIR [ARGS...]: runs `erkend serve --demo` on a free port with a fresh database in DIR;
# sets SERVER_PID and BASE_URL. Waits up to 60 s for it to listen.
start_demo_server() {
  local dir=$1; shift
  "$(erkend_binary)" serve --demo --port 0 --database "$dir/erkend.sqlite" --catalogs "$PWD/Catalogs" --log-level notice "$@" \
    2>"$dir/serve.log" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if grep -q 'serving on http://127.0.0.1:' "$dir/serve.log" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$dir/serve.log" >&2; echo "erkend serve did not start" >&2; return 1; fi
    sleep 0.1
  done
  BASE_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/serve.log" | head -1)
  [ -n "$BASE_URL" ] || { cat "$dir/serve.log" >&2; echo "erkend serve did not start in time" >&2; return 1; }
}

# stop_server: SIGTERM and wait; returns the server's exit status.
stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local status=0
  wait "$SERVER_PID" || status=$?
  SERVER_PID=
  return $status
}

# json_field FIELD: reads JSON on stdin, prints a top-level string field.
json_field() {
  python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# sign_in USER PASSWORD: prints "COOKIE CSRF" of a new session. The session cookie is Secure, so it is
# read from the response rather than left to a cookie jar that would not send it over plain HTTP.
sign_in() {
  local headers; headers=$(mktemp)
  local csrf
  csrf=$(curl -sf -D "$headers" -H 'content-type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"$2\"}" "$BASE_URL/api/v1/session" | json_field csrfToken)
  local cookie
  cookie=$(grep -i '^set-cookie:' "$headers" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/' | tr -d '\r')
  rm -f "$headers"
  echo "$cookie $csrf"
}

# staff_token: signs in as the demo administrator, creates an account that holds every staff role
# (administrator, designer, assessor, coach), signs in as it and prints a new API token with all scopes.
staff_token() {
  local password='erkend-fuzz-and-load-2026'
  local session cookie csrf
  session=$(sign_in beheer@demo.erkend.nl erkend-demo-2026); cookie=${session% *}; csrf=${session#* }
  curl -sf -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' -o /dev/null \
    -d "{\"username\": \"alle-rollen@demo.erkend.nl\", \"displayName\": \"Alle rollen\", \"roles\": [\"administrator\", \"designer\", \"assessor\", \"coach\"], \"password\": \"$password\"}" \
    "$BASE_URL/api/v1/accounts"
  session=$(sign_in alle-rollen@demo.erkend.nl "$password"); cookie=${session% *}; csrf=${session#* }
  curl -sf -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' \
    -d '{"name": "scripts", "scopes": ["catalogue:read", "catalogue:write", "learners:read", "learners:write", "reports", "admin"]}' \
    "$BASE_URL/api/v1/tokens" | json_field secret
}
