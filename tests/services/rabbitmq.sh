#!/usr/bin/env bash
# Starts or stops a RabbitMQ 3.10 (Debian package) with the AMQP 1.0 plugin for the messaging
# integration tests: loopback only, state under a work folder, idempotent. The tests find it at
# CF_RABBITMQ_AMQP (default amqp://guest:guest@127.0.0.1:5672).
#   tests/services/rabbitmq.sh start|stop|status
set -uo pipefail
sbin=$(ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin 2>/dev/null | sort -V | tail -n 1)
state="${CF_RABBITMQ_STATE:-${TMPDIR:-/tmp}/clusterfunctions-rabbitmq}"
port=5672

if [ -z "$sbin" ] || [ ! -x "$sbin/rabbitmq-server" ]; then
  echo "warning: rabbitmq-server is not installed (apt-get install rabbitmq-server); RabbitMQ tests will fail under CI" >&2
  exit 0
fi

# Every rabbitmq script reads these: our own config, data and logs; Erlang distribution and epmd on loopback.
export HOME="$state/home" RABBITMQ_NODENAME=rabbit@localhost \
  RABBITMQ_CONFIG_FILE="$state/etc/rabbitmq.conf" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$state/etc/enabled_plugins" \
  RABBITMQ_MNESIA_BASE="$state/mnesia" RABBITMQ_LOG_BASE="$state/log" \
  RABBITMQ_CONF_ENV_FILE="$state/etc/rabbitmq-env.conf" RABBITMQ_PID_FILE="$state/rabbit.pid" \
  ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_DIST_PORT=25672 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  PATH="$sbin:$PATH"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
alive() {   # a zombie still answers kill -0, so look at its state too
  local st; st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "${st#Z}" = "$st" ]
}
# The Erlang VM writes its own pid to RABBITMQ_PID_FILE once it boots.
running() { [ -f "$state/rabbit.pid" ] && alive "$(cat "$state/rabbit.pid")"; }

# await_startup can return before the listener is up, so readiness is both: booted and port open.
wait_ready() {
  local launcher="${1:-}"
  for _ in $(seq 1 120); do
    if ! running && { [ -z "$launcher" ] || ! alive "$launcher"; }; then return 1; fi
    if port_open && timeout 20 rabbitmqctl await_startup >"$state/log/await.log" 2>&1; then return 0; fi
    sleep 0.5
  done
  return 1
}

start() {
  if running; then
    if wait_ready; then echo "rabbitmq: already running on 127.0.0.1:$port"; else echo "warning: RabbitMQ is running but not ready; see $state/log" >&2; fi
    return 0
  fi
  if port_open; then echo "warning: 127.0.0.1:$port is taken by another process; not starting RabbitMQ" >&2; return 0; fi
  mkdir -p "$state"/{home,mnesia,log,etc}
  touch "$state/etc/rabbitmq-env.conf"
  cat > "$state/etc/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$port
loopback_users.guest = true
amqp1_0.default_user = guest
amqp1_0.default_vhost = /
log.console = false
log.file.level = warning
CONF
  rabbitmq-plugins enable --offline rabbitmq_amqp1_0 >"$state/log/plugins.log" 2>&1
  rm -f "$state/rabbit.pid"
  nohup rabbitmq-server >"$state/log/stdout.log" 2>&1 &
  if ! wait_ready $!; then
    echo "warning: RabbitMQ did not start; see $state/log" >&2
    return 0
  fi
  echo "rabbitmq: ready on 127.0.0.1:$port (state in $state)"
}

stop() {
  if running; then
    # Given the pid file, rabbitmqctl stop waits until the VM has exited.
    timeout 30 rabbitmqctl stop "$state/rabbit.pid" >/dev/null 2>&1 || kill "$(cat "$state/rabbit.pid")" 2>/dev/null
  fi
  rm -f "$state/rabbit.pid"
  # rabbitmq-server leaves an 'epmd -daemon' behind; end only the one listening for our loopback setup.
  for pid in $(pgrep -x epmd 2>/dev/null); do
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "ERL_EPMD_ADDRESS=127.0.0.1"; then kill "$pid" 2>/dev/null; fi
  done
  echo "rabbitmq: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running && port_open; then echo running; else echo stopped; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
