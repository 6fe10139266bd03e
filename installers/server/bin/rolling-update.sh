#!/usr/bin/env bash
# Updates the NexusAI instances behind HAProxy one at a time (guide §7.1; seed-errata 7.1: a restart on one
# host is not a rolling update). First a backup of PostgreSQL and Redis (guide §7.1 step 1), then for each
# instance in turn: drained in HAProxy, updated (bin/deploy.sh on its host: checksum, restart, rollback),
# ready on its own readiness probe, back in HAProxy and seen UP by its health checks, and only then the next.
# A failure stops the rollout there: the instances after it are not touched.
#   rolling-update.sh <jar URL or path>
# Environment:
#   NEXUSAI_INSTANCES   HAProxy server name=host:port of each instance, in order (required),
#                       e.g. "app1=app1:8443 app2=app2:8443 app3=app3:8443"
#   HAPROXY_ADMIN       HAProxy's admin socket, host:port (127.0.0.1:9999: "stats socket" in haproxy.cfg)
#   HAPROXY_BACKEND     the backend holding them (nexusai)
#   UPDATE_COMMAND      what updates one instance, run by bash with $1 its name, $2 its host:port, $3 the jar
#                       (default: ssh "${2%:*}" sudo /opt/nexusai/bin/deploy.sh "$3")
#   NEXUSAI_URL, NEXUSAI_TOKEN_FILE   the platform through the load balancer and a file holding an admin's
#                       access token: the backup is taken through the API and waited for
#   SKIP_BACKUP=yes     update without that backup
#   NEXUSAI_ENV_FILE    the instances' env.sh (default /opt/nexusai/config/env.sh, when readable): their
#                       readiness is checked over https when its SERVER_SSL_ENABLED is true, as HAProxy does
#   HEALTH_CA_FILE      the CA of the instances' certificates (default HAProxy's /etc/haproxy/certs/nexusai-instances.pem,
#                       when readable; without one the certificate is not checked)
#   NEXUSAI_CA_FILE     the CA of the load balancer's certificate, when NEXUSAI_URL is https and not publicly signed
#   HEALTH_SCHEME (from NEXUSAI_ENV_FILE, else http), DRAIN_TIMEOUT (30 s), HEALTH_TIMEOUT (300 s), BACKUP_TIMEOUT (1800 s)
set -euo pipefail
artifact="${1:?usage: rolling-update.sh <jar URL or path>}"
instances="${NEXUSAI_INSTANCES:?NEXUSAI_INSTANCES is not set: HAProxy server name=host:port of each instance}"
admin="${HAPROXY_ADMIN:-127.0.0.1:9999}"
backend="${HAPROXY_BACKEND:-nexusai}"
env_file="${NEXUSAI_ENV_FILE:-/opt/nexusai/config/env.sh}"
tls=false
if [[ -r "$env_file" ]]; then
  # shellcheck source=/dev/null # the instances' settings, read in a subshell
  tls=$(. "$env_file" && echo "${SERVER_SSL_ENABLED:-false}")
fi
if [[ "$tls" == true ]]; then default_scheme=https; else default_scheme=http; fi
scheme="${HEALTH_SCHEME:-$default_scheme}"
health_ca="${HEALTH_CA_FILE:-/etc/haproxy/certs/nexusai-instances.pem}"
if [[ "$scheme" == https && -r "$health_ca" ]]; then health_tls=(--cacert "$health_ca"); else health_tls=(--insecure); fi
api_tls=()
if [[ -n "${NEXUSAI_CA_FILE:-}" ]]; then api_tls=(--cacert "$NEXUSAI_CA_FILE"); fi
# shellcheck disable=SC2016 # expanded by the bash that runs it, with the instance's arguments
update_command="${UPDATE_COMMAND:-ssh -o BatchMode=yes "\${2%:*}" sudo /opt/nexusai/bin/deploy.sh "\$3"}"

say() { echo "$(date +%T) $*"; }

# One command on HAProxy's admin socket, its answer on stdout.
haproxy() {
  local answer
  exec 3<>"/dev/tcp/${admin%:*}/${admin##*:}" || { echo "HAProxy's admin socket $admin cannot be reached" >&2; return 1; }
  printf '%s\n' "$1" >&3
  answer=$(cat <&3)
  exec 3<&-
  printf '%s\n' "$answer"
}

# A column of this backend server's line in "show stat" (scur: current sessions, status: UP, DOWN, DRAIN...).
stat() { # server, column
  haproxy "show stat" | awk -F, -v backend="$backend" -v server="$1" -v column="$2" '
    NR == 1 { for (i = 1; i <= NF; i++) { name = $i; sub(/^# /, "", name); index_of[name] = i } next }
    $1 == backend && $2 == server { print $(index_of[column]) }'
}

wait_for() { # seconds, description, command...
  local seconds=$1 description=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      echo "gave up after ${seconds}s waiting for $description" >&2
      return 1
    fi
    sleep 1
  done
}

ready() { curl --silent --fail --max-time 5 --output /dev/null "${health_tls[@]}" "$scheme://$1/actuator/health/readiness"; }
drained() { [[ "$(stat "$1" scur)" == 0 ]]; }
seen_up() { [[ "$(stat "$1" status)" == UP ]]; }

backup() {
  local token ids id status run kind
  token=$(cat "${NEXUSAI_TOKEN_FILE:?NEXUSAI_TOKEN_FILE is not set: an admin token to take the backup, or SKIP_BACKUP=yes}")
  say "backup of PostgreSQL and Redis before the update"
  ids=$(curl "${api_tls[@]}" --silent --show-error --fail -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data '{"kind":"all"}' "${NEXUSAI_URL:?NEXUSAI_URL is not set}/api/admin/backups" | grep -o '"id":"[0-9a-f-]*"' | cut -d'"' -f4)
  [[ -n "$ids" ]] || { echo "the backup did not start; nothing was updated" >&2; exit 3; }
  for id in $ids; do
    local deadline=$((SECONDS + ${BACKUP_TIMEOUT:-1800}))
    while :; do
      run=$(curl "${api_tls[@]}" --silent --fail -H "Authorization: Bearer $token" "$NEXUSAI_URL/api/admin/backups/$id" || true)
      status=$(printf '%s' "$run" | grep -o '"status":"[a-z]*"' | cut -d'"' -f4 || true)
      kind=$(printf '%s' "$run" | grep -o '"kind":"[a-z]*"' | cut -d'"' -f4 || true)
      case "$status" in
        succeeded) say "backup $id ($kind) succeeded"; break ;;
        failed)
          echo "backup $id ($kind) failed: $(printf '%s' "$run" | grep -o '"error":"[^"]*"' | cut -d'"' -f4); nothing was updated" >&2
          exit 3 ;;
      esac
      if ((SECONDS >= deadline)); then
        echo "backup $id not finished after ${BACKUP_TIMEOUT:-1800}s; nothing was updated" >&2
        exit 3
      fi
      sleep 2
    done
  done
}

read -r -a list <<< "$instances"
for entry in "${list[@]}"; do
  [[ "$entry" == *=*:* ]] || { echo "NEXUSAI_INSTANCES: '$entry' is not name=host:port" >&2; exit 2; }
  [[ -n "$(stat "${entry%%=*}" status)" ]] || { echo "HAProxy's backend $backend has no server ${entry%%=*}" >&2; exit 2; }
done
for entry in "${list[@]}"; do
  name=${entry%%=*}
  if ! seen_up "$name"; then
    echo "$name is $(stat "$name" status) in HAProxy before the update: fix it first, nothing was updated" >&2
    exit 2
  fi
done

if [[ "${SKIP_BACKUP:-}" == yes ]]; then
  say "no backup before the update (SKIP_BACKUP=yes)"
else
  backup
fi

position=0
for entry in "${list[@]}"; do
  position=$((position + 1))
  name=${entry%%=*} address=${entry#*=}
  say "[$position/${#list[@]}] $name ($address): draining"
  haproxy "set server $backend/$name state drain" > /dev/null
  wait_for "${DRAIN_TIMEOUT:-30}" "$name's sessions to end" drained "$name" || say "$name: sessions still open, updating anyway"
  say "[$position/${#list[@]}] $name: updating"
  if ! bash -c "$update_command" rolling-update "$name" "$address" "$artifact"; then
    echo "the update of $name failed: the rollout stops here; the instances after it still run the previous version" >&2
    if ready "$address"; then
      haproxy "set server $backend/$name state ready" > /dev/null
      echo "$name answers ready (rolled back?) and is back in HAProxy" >&2
    else
      echo "$name is not ready and stays out of HAProxy (drained)" >&2
    fi
    exit 1
  fi
  wait_for "${HEALTH_TIMEOUT:-300}" "$name to be ready at $scheme://$address" ready "$address" || {
    echo "$name is not ready after its update: the rollout stops here; it stays out of HAProxy (drained)" >&2
    exit 1
  }
  haproxy "set server $backend/$name state ready" > /dev/null
  wait_for 60 "HAProxy to see $name UP" seen_up "$name" || {
    echo "HAProxy does not see $name UP: the rollout stops here" >&2
    exit 1
  }
  say "[$position/${#list[@]}] $name: updated, ready and back in HAProxy"
done
say "all ${#list[@]} instances updated, one at a time"
