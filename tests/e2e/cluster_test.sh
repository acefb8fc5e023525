#!/usr/bin/env bash
# The cluster of scripts/cluster, end to end (issue 15): PostgreSQL with
# PostGIS, three replicas and nginx of its own, under WORK_DIR, on a free
# block of ports.
#  1. a write through one replica is read through each of the others;
#  2. a replica killed with SIGKILL during 300 reads through nginx: every
#     read answers 200; restarted, it serves the writes made while it was
#     dead;
#  3. PostgreSQL stopped: reads through nginx answer 200, a write 503 with
#     a problem body and Retry-After, every /readyz 503 with the generation
#     served; PostgreSQL started again: without restarting a replica, every
#     /readyz answers 200 and a new write is read through every replica.
# Every wait is bounded. Usage: cluster_test.sh TERRITORIO_BIN WORK_DIR
set -euo pipefail
bin=$(readlink -f "$1")
work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
cluster=$root/scripts/cluster
mkdir -p "$work"
work=$(cd "$work" && pwd)
dir=$work/cluster
pgbin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

fail() {
  echo "FAIL: $*" >&2
  for f in "$dir"/replica-*.log "$dir/nginx/error.log" "$dir/pg/log"; do
    [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -n 15 "$f" >&2; }
  done
  exit 1
}

# A block of 11 free ports (nginx, 3 replicas, PostgreSQL at +10), below
# the range the kernel hands out for --port 0.
free_block() {
  local base i used
  used=$(ss -Htan | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 1 50); do
    base=$((20000 + (RANDOM % 1000) * 11))
    for i in $(seq 0 10); do
      grep -qx "$((base + i))" <<<"$used" && continue 2
    done
    echo "$base"
    return
  done
  fail "no free block of ports"
}

port=$(free_block)
r1=$((port + 1)) r2=$((port + 2)) r3=$((port + 3))
store="postgresql://postgres@127.0.0.1:$((port + 10))/territorio"
trap '"$cluster" stop --dir "$dir" || true' EXIT
rm -rf "$dir"

code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@"; }
generation() { curl -s --max-time 5 "http://127.0.0.1:$1/readyz" | sed -n 's/.*"generation":\([0-9]*\).*/\1/p'; }
# Polls until command $1 succeeds, for at most $2 seconds.
within() {
  local deadline=$((SECONDS + $2))
  until eval "$1"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.1
  done
}
feature() {
  printf '{"type":"Feature","geometry":null,"properties":{"id":"%s","name":"%s","institution":"Gobierno Regional","area":"Social","footprint_kind":"codes","footprint_division":"2018","footprint_codes":"08101"}}' "$1" "$2"
}
post() {  # post PORT ID: prints the status; the body goes to $work/posted
  curl -s -o "$work/posted" -D "$work/posted.head" -w '%{http_code}' --max-time 20 -X POST \
    -H "Authorization: Bearer $bearer" -H 'Content-Type: application/geo+json' \
    --data "$(feature "$2" "Iniciativa $2")" "http://127.0.0.1:$1/collections/initiatives/items"
}
visible() { [ "$(code "http://127.0.0.1:$1/collections/initiatives/items/$2")" = 200 ]; }

echo "cluster on ports $port-$((port + 10)) in $dir"
"$cluster" start --port "$port" --dir "$dir" --bin "$bin" --replicas 3 >"$work/start.log" 2>&1 ||
  { cat "$work/start.log" >&2; fail "scripts/cluster start"; }
bearer=$("$bin" token create --name cluster-test --store "$store" --region 08 --role admin 2>/dev/null | head -1)
[ "${bearer:0:4}" = trt_ ] || fail "token create gave '$bearer'"

# 1. A write through one replica is read through each of the others.
[ "$(post $r1 c-1)" = 201 ] || fail "POST through $r1: $(cat "$work/posted")"
for p in $r2 $r3; do
  within "visible $p c-1" 30 || fail "c-1 not visible on $p"
done
echo "ok: a write through $r1 is read through $r2 and $r3"

# 2. SIGKILL of a replica during 300 reads through nginx.
urls=()  # each with its own -o: one curl, 300 requests in turn
for i in $(seq 1 60); do
  for path in "/collections/initiatives/items?limit=5&offset=$((i % 20))" /tiles/communes/5/9/19.mvt \
              "/coverage?level=region" /territories/08 /collections/initiatives/items/c-1; do
    urls+=(-o /dev/null "http://127.0.0.1:$port$path")
  done
done
log_lines() { wc -l <"$dir/nginx/access.log"; }
before=$(log_lines)
# 100 requests a second: the load lasts about 3 s, the kill lands inside it.
curl -s --rate 100/s -w '%{http_code}\n' "${urls[@]}" >"$work/load.codes" &
load=$!
within '[ $(($(log_lines) - before)) -ge 60 ]' 30 || fail "the read load does not start"
victim=$(cat "$dir/replica-$r2.pid")
kill -KILL "$victim"
wait "$load" || fail "the read load failed"
answered=$(grep -c . "$work/load.codes" || true)
ok=$(grep -cx 200 "$work/load.codes" || true)
[ "$answered" = 300 ] && [ "$ok" = 300 ] ||
  fail "reads during the kill: $ok of $answered answered 200: $(sort "$work/load.codes" | uniq -c | tr '\n' ' ')"
kill -0 "$victim" 2>/dev/null && fail "replica $r2 survived SIGKILL"
echo "ok: 300 of 300 reads answered 200 while replica $r2 was killed"
[ "$(post $r1 c-2)" = 201 ] || fail "POST c-2 through $r1: $(cat "$work/posted")"
"$cluster" start --port "$port" --dir "$dir" --bin "$bin" --replicas 3 >>"$work/start.log" 2>&1 ||
  fail "restarting replica $r2"
latest=$(generation $r1)
[ "$(generation $r2)" = "$latest" ] || fail "restarted $r2 serves generation $(generation $r2), $r1 serves $latest"
visible $r2 c-2 || fail "restarted $r2 does not serve c-2"
echo "ok: replica $r2 restarted and serves generation $latest with the write made while it was dead"

# 3. The database stops and comes back.
pids=$(cat "$dir"/replica-*.pid | sort | tr '\n' ' ')
served=$(generation $r1)
as_pg "$pgbin/pg_ctl -D '$dir/pg/data' -m fast -w stop" >/dev/null || fail "pg_ctl stop"
for i in $(seq 1 50); do
  c=$(code "http://127.0.0.1:$port/collections/initiatives/items?limit=5&offset=$((i % 20))")
  [ "$c" = 200 ] || fail "read $i through nginx with the database stopped: $c"
done
c=$(post $port down-1)
[ "$c" = 503 ] || fail "a write with the database stopped answered $c: $(cat "$work/posted")"
grep -qi '^content-type: application/problem+json' "$work/posted.head" || fail "503 without a problem body"
grep -qi '^retry-after: [0-9]' "$work/posted.head" || fail "503 without Retry-After"
grep -q '"status":503' "$work/posted" || fail "problem body: $(cat "$work/posted")"
for p in $r1 $r2 $r3; do
  body=$(curl -s --max-time 5 -w ' %{http_code}' "http://127.0.0.1:$p/readyz")
  [ "${body##* }" = 503 ] || fail "/readyz of $p with the database stopped: $body"
  grep -q "\"generation\":$served" <<<"$body" || fail "/readyz of $p does not report generation $served: $body"
done
echo "ok: database stopped: reads 200, a write 503 with a problem body, /readyz 503 at generation $served"
as_pg "$pgbin/pg_ctl -D '$dir/pg/data' -w -l '$dir/pg/log' -o \"-p $((port + 10)) -k '$dir/pg' -c listen_addresses=127.0.0.1\" start" \
  >/dev/null || fail "pg_ctl start"
for p in $r1 $r2 $r3; do
  within "[ \$(code http://127.0.0.1:$p/readyz) = 200 ]" 60 || fail "/readyz of $p after the database came back"
done
[ "$(cat "$dir"/replica-*.pid | sort | tr '\n' ' ')" = "$pids" ] || fail "a replica was restarted"
[ "$(post $port up-1)" = 201 ] || fail "a write after the database came back: $(cat "$work/posted")"
for p in $r1 $r2 $r3; do
  within "visible $p up-1" 30 || fail "up-1 not visible on $p"
done
echo "ok: database back: every /readyz 200 without a restart, a new write read through every replica"
