/**
 * The shell functions every script speaking to Consul, Nomad or Vault shares (bootstrap.sh, the L2
 * provisioning scripts): HTTP calls with the token in a header file (never on a command line),
 * waiting for a service, and `ensure`, which reads before it writes so a second run changes
 * nothing. The script sets `prog` (its name in messages), `work` (a private directory holding
 * `<api>.h` header files), `wait_tries`, `changes`, and `<api>_url` and `<api>_ca` for all three.
 */
export const HTTP_FUNCTIONS = `
# call API METHOD URL [BODY_FILE]: prints the HTTP status ("000" when there was no answer); the
# answer is in $work/response. The token header is $work/API.h; an API named consul-<x> (another
# Consul token's header) uses Consul's CA, and likewise for nomad-<x> and vault-<x>.
call() {
  case "$1" in
    consul*) ca="$consul_ca" ;;
    nomad*) ca="$nomad_ca" ;;
    *) ca="$vault_ca" ;;
  esac
  if [ -n "\${4:-}" ]; then
    curl -sS --max-time 30 --cacert "$ca" -H @"$work/$1.h" -o "$work/response" -w '%{http_code}' -X "$2" --data-binary @"$4" "$3" 2>"$work/curl-error" || true
  else
    curl -sS --max-time 30 --cacert "$ca" -H @"$work/$1.h" -o "$work/response" -w '%{http_code}' -X "$2" "$3" 2>"$work/curl-error" || true
  fi
}

# fail WHAT STATUS: stops with what the service answered (never a request body: it may hold a token).
fail() {
  echo "$prog: $1: HTTP $2: $(head -c 600 "$work/response" 2>/dev/null)$(head -c 300 "$work/curl-error" 2>/dev/null)" >&2
  exit 1
}

# wait_for WHAT API URL TEST: until URL answers 200 and the jq TEST holds for the answer (5 minutes).
wait_for() {
  tries=0
  until [ "$(call "$2" GET "$3")" = 200 ] && jq -e "$4" "$work/response" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge "$wait_tries" ]; then
      echo "$prog: $1 is not ready (waited $((wait_tries * 2)) seconds): $(head -c 300 "$work/curl-error" 2>/dev/null)" >&2
      exit 1
    fi
    sleep 2
  done
}

# read_value API PATH JQ: prints what JQ finds in the answer to GET PATH.
read_value() {
  url="$(base_url "$1")$2"
  status="$(call "$1" GET "$url")"
  [ "$status" = 200 ] || fail "GET $2" "$status"
  jq -r "$3" "$work/response"
}

base_url() {
  case "$1" in
    consul) echo "$consul_url" ;;
    nomad) echo "$nomad_url" ;;
    *) echo "$vault_url" ;;
  esac
}

# ensure API LABEL READ CURRENT CREATE_METHOD CREATE_PATH UPDATE_METHOD UPDATE_PATH ID: makes the
# object read at READ equal to $work/body (compared through the jq program CURRENT), creating it,
# or updating the one whose ID (jq) the read found ({ID} in UPDATE_PATH), only when it differs.
ensure() {
  base="$(base_url "$1")"
  status="$(call "$1" GET "$base$3")"
  id=""
  if [ "$status" = 200 ]; then
    if [ "$(jq -S "$4" "$work/response")" = "$(jq -S . "$work/body")" ]; then return 0; fi
    if [ -n "$9" ]; then id="$(jq -r "($9) // empty" "$work/response")"; fi
  fi
  if [ -n "$id" ] && [ -n "$7" ]; then
    method="$7"
    path="$8"
    case "$path" in *'{ID}'*) path="\${path%%\\{ID\\}*}$id\${path#*\\{ID\\}}" ;; esac
    verb=updated
  else
    method="$5"
    path="$6"
    verb=created
  fi
  status="$(call "$1" "$method" "$base$path" "$work/body")"
  case "$status" in
    2??) changes=$((changes + 1)); echo "$verb $2" ;;
    *) fail "$method $path ($2)" "$status" ;;
  esac
}

`;

/** The shell functions of every bootstrap.sh: the shared HTTP ones, capture and unseal. */
export const BOOTSTRAP_FUNCTIONS = `${HTTP_FUNCTIONS}
# print_secret KEY FILE: a value the bootstrap received that only it can keep, framed so that
# \`epl secrets capture\` stores it in the platform's secrets.
print_secret() {
  echo "-----BEGIN EPL SECRET $1-----"
  cat "$2"
  echo "-----END EPL SECRET $1-----"
}

# unseal WHAT URL: gives a sealed Vault instance the unseal keys until it is unsealed.
unseal() {
  wait_for "Vault on $1" vault "$2/v1/sys/seal-status" 'has("sealed")'
  if jq -e '.sealed == false' "$work/response" >/dev/null; then return 0; fi
  threshold="$(jq -r '.t' "$work/response")"
  if jq -e '.progress > 0' "$work/response" >/dev/null; then
    echo '{"reset": true}' > "$work/body"
    status="$(call vault PUT "$2/v1/sys/unseal" "$work/body")"
    [ "$status" = 200 ] || fail "unseal $1" "$status"
  fi
  i=1
  while [ "$i" -le "$threshold" ]; do
    sed -n "\${i}p" "$vault_keys" | tr -d '\\n' > "$work/key"
    jq -n --rawfile k "$work/key" '{key: $k}' > "$work/body"
    status="$(call vault PUT "$2/v1/sys/unseal" "$work/body")"
    [ "$status" = 200 ] || fail "unseal $1" "$status"
    i=$((i + 1))
  done
  rm -f "$work/key" "$work/body"
  wait_for "Vault on $1 to unseal" vault "$2/v1/sys/seal-status" '.sealed == false'
  changes=$((changes + 1))
  echo "unsealed Vault on $1"
}
`;
