#!/usr/bin/env bash
# HTTPS through the real binary with the test-only certificate (tests/data/tls): curl verifies
# the certificate and gets /healthz and an authenticated /api/v1/me; without the CA, over plain
# HTTP or with TLS 1.1 it gets nothing; SIGTERM stops it with 0. A key readable by others, a key
# of another certificate, or a certificate without a key stop `agmon serve` with exit 64 and one
# line on stderr, before it listens.
# Usage: https.sh AGMON_BINARY SOURCE_DIR
set -euo pipefail
bin=$1 src=$2
work=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n $pid ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f $work/serve.log ]] && sed 's/^/  log: /' "$work/serve.log" >&2; exit 1; }

cp "$src"/tests/data/tls/{cert,key,other_key}.pem "$work/"
chmod 600 "$work/key.pem" "$work/other_key.pem"  # git keeps no modes: a checkout has them 0644
db=$work/agmon.db
token=$("$bin" --db "$db" token add --role admin --name ops)
# The test may run as root (containers): allow it; the refusals below come before that anyway.
conf() { printf 'agmon.http.tls.certificate = %s\nagmon.http.tls.private_key = %s\n' "$1" "$2" >"$work/agmon.properties"; }

# ---- refusals: exit 64, one line naming the problem, nothing listening -----------------------
refuse() {  # expected-text
  local rc=0
  timeout 20 "$bin" --db "$db" --config "$work/agmon.properties" serve --port 0 --allow-root \
    >"$work/out" 2>"$work/err" || rc=$?
  [[ $rc -eq 64 ]] || fail "expected exit 64 for '$1', got $rc: $(cat "$work/err")"
  [[ $(wc -l <"$work/err") -eq 1 ]] || fail "expected one line on stderr: $(cat "$work/err")"
  grep -qF -- "$1" "$work/err" || fail "expected '$1' in: $(cat "$work/err")"
  echo "refused ($1): $(cat "$work/err")"
}
conf "$work/cert.pem" "$work/other_key.pem"; refuse "does not match the certificate"
chmod 644 "$work/key.pem"
conf "$work/cert.pem" "$work/key.pem"; refuse "chmod 600 $work/key.pem"
chmod 600 "$work/key.pem"
printf 'agmon.http.tls.certificate = %s\n' "$work/cert.pem" >"$work/agmon.properties"
refuse "agmon.http.tls.private_key is not"
conf "$work/cert.pem" "$work/missing.pem"; refuse "cannot read the TLS private key"

# ---- serving ---------------------------------------------------------------------------------
conf "$work/cert.pem" "$work/key.pem"
"$bin" --db "$db" --config "$work/agmon.properties" serve --bind 127.0.0.1 --port 0 --allow-root \
  2>"$work/serve.log" &
pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/.*agmon serving https:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log")
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || fail "the daemon exited at start"
  sleep 0.1
done
[[ -n $port ]] || fail "no 'agmon serving https://' line within 10 s"
grep -q "TLS certificate CN *= *localhost, valid until" "$work/serve.log" || fail "no certificate line in the log"
url=https://127.0.0.1:$port

health=$(curl -sS --max-time 10 --cacert "$work/cert.pem" "$url/healthz") || fail "curl --cacert /healthz failed"
[[ $health == *'"status":"ok"'* ]] || fail "healthz: $health"
me=$(curl -sS --max-time 10 --cacert "$work/cert.pem" -H "Authorization: Bearer $token" "$url/api/v1/me")
[[ $me == *'"role":"admin"'* ]] || fail "me: $me"
code=$(curl -s --max-time 10 --cacert "$work/cert.pem" -o /dev/null -w '%{http_code}' "$url/api/v1/me")
[[ $code == 401 ]] || fail "me without a token: $code"
version=$(curl -s --max-time 10 --cacert "$work/cert.pem" -o /dev/null -w '%{ssl_verify_result} %{http_version}' "$url/healthz")
echo "healthz and me over HTTPS: ok (verify result, HTTP version: $version)"

rc=0; curl -sS --max-time 10 "$url/healthz" >/dev/null 2>"$work/curl.err" || rc=$?
[[ $rc -eq 60 ]] || fail "curl without the CA should fail verification (60), got $rc: $(cat "$work/curl.err")"
rc=0; out=$(curl -s --max-time 10 "http://127.0.0.1:$port/healthz") || rc=$?
[[ $rc -ne 0 && $out != *status* ]] || fail "plain HTTP got an answer (rc $rc): $out"
echo "plain HTTP to the HTTPS port: no answer (curl exit $rc)"
# TLS 1.1 is refused by the server (the client is allowed it with SECLEVEL=0).
rc=0; curl -sS --max-time 10 --cacert "$work/cert.pem" --tlsv1.1 --tls-max 1.1 --ciphers 'DEFAULT:@SECLEVEL=0' \
  "$url/healthz" >/dev/null 2>"$work/curl.err" || rc=$?
[[ $rc -ne 0 ]] || fail "a TLS 1.1 client was served"
echo "TLS 1.1 refused (curl exit $rc: $(head -1 "$work/curl.err"))"

kill -TERM "$pid"
rc=0
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "still running 10 s after SIGTERM"
wait "$pid" || rc=$?
pid=""
[[ $rc -eq 0 ]] || fail "exit $rc after SIGTERM"
echo "SIGTERM: exit 0"
