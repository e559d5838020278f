#!/usr/bin/env bash
# Proves the published function app is what Azure's Functions host loads, and that it runs outside the build tree:
# `dotnet publish`, check functions.metadata (every function with its bindings), worker.config.json and
# .azurefunctions/ (the WebJobs Durable extension the host runs), then run the output under the local Functions host
# on an Azurite of the script's own (`./cluster emulate storage`; the host, like func start, starts none), wait for
# /api/health/ready, and stop it with SIGTERM.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=functions/ClusterFunctions.Functions
host_project=functions/ClusterFunctions.Host
ready_timeout=120
work=$(mktemp -d)
host_pid=
storage_pid=
failures=()

stop_host() {
  [ -n "$host_pid" ] || return 0
  kill -TERM "$host_pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$host_pid" 2>/dev/null && { echo "  host ignored SIGTERM for 30 s; killing it"; failures+=("host ignored SIGTERM"); kill -KILL "$host_pid" 2>/dev/null; }
  wait "$host_pid" 2>/dev/null
  host_pid=
}
# The CLI stops its Azurite on SIGTERM (and Azurite's watchdog ends it if the CLI is gone).
stop_storage() {
  [ -n "$storage_pid" ] || return 0
  kill -TERM "$storage_pid" 2>/dev/null
  wait "$storage_pid" 2>/dev/null
  storage_pid=
}
trap 'stop_host; stop_storage; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

verdict() {
  if [ ${#failures[@]} -eq 0 ]; then
    echo "publish-smoke: OK ($1)"
    exit 0
  fi
  echo "publish-smoke: FAILED (${failures[*]})"
  exit 1
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    { (exec 3<>"/dev/tcp/127.0.0.1/$port"); } 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

# http_status PORT PATH: the HTTP status code of a GET on loopback, or nothing if no answer (no curl needed).
http_status() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS=' ' read -r -t 5 _ line _ <&3
  exec 3<&-
  echo "$line"
}

echo "publish-smoke: dotnet publish $project -c Release"
if ! dotnet publish "$project" -c Release -o "$work/out" -nologo -v q >"$work/publish.log" 2>&1; then
  tail -n 40 "$work/publish.log"
  failures+=("dotnet publish failed")
  verdict ""
fi
for file in host.json worker.config.json functions.metadata ClusterFunctions.Functions.dll .azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll; do
  [ -e "$work/out/$file" ] || failures+=("$file missing from the publish output")
done
[ -d "$work/out/catalog" ] || failures+=("catalog missing from the publish output")
# Azure runs the app with the runtime settings the publish output carries; a new instance must not spend its first
# minutes re-compiling instrumented code (bench/e2e README: dynamic PGO off).
grep -q '"System.Runtime.TieredPGO": *false' "$work/out/ClusterFunctions.Functions.runtimeconfig.json" \
  || failures+=("ClusterFunctions.Functions.runtimeconfig.json does not turn dynamic PGO off")
[ -f "$work/out/local.settings.json" ] && echo "  warning: local.settings.json was published (it exists at the repo root); never ship that output"
# Every kind of entry point the app has must be declared for Azure's host, with the binding it runs on.
for binding in '"httpTrigger"' '"orchestrationTrigger"' '"activityTrigger"' '"serviceBusTrigger"' '"durableClient"'; do
  grep -q "\"type\": *$binding" "$work/out/functions.metadata" || failures+=("functions.metadata declares no $binding binding")
done
functions=$(grep -o '"name": *"[A-Za-z]*\(Trigger\|Orchestrator\|Activity\|Live\|Ready\)"' "$work/out/functions.metadata" | wc -l)
echo "  functions.metadata: $functions functions; .azurefunctions: $(ls "$work/out/.azurefunctions" | wc -l) files"

echo "publish-smoke: running the publish output under the local Functions host"
dotnet build "$host_project" -c Release -nologo -v q >"$work/host-build.log" 2>&1 || { tail -n 20 "$work/host-build.log"; failures+=("host build failed"); verdict ""; }
./cluster emulate storage >"$work/storage.log" 2>&1 &
storage_pid=$!
storage=
for _ in $(seq 1 600); do
  storage=$(sed -n 's/^  AzureWebJobsStorage="\(.*\)"$/\1/p' "$work/storage.log")
  [ -n "$storage" ] && break
  kill -0 "$storage_pid" 2>/dev/null || break
  sleep 0.5
done
[ -n "$storage" ] || { tail -n 20 "$work/storage.log"; failures+=("no Azurite from ./cluster emulate storage"); verdict ""; }
port=$(free_port) || { failures+=("no free loopback port"); verdict ""; }
started=$SECONDS
# From another folder than the output, so nothing depends on the working directory.
# A Service Bus that is not there: the HTTP API and health must not depend on it while the queue listener retries.
sb_port=$(free_port) || { failures+=("no free loopback port"); verdict ""; }
(cd "$work" && exec env TASKHUB_NAME=PublishSmoke \
    ServiceBusConnection="Endpoint=sb://127.0.0.1:$sb_port;SharedAccessKeyName=smoke;SharedAccessKey=not-a-secret;UseDevelopmentEmulator=true" \
    dotnet "$root/$host_project/bin/Release/net10.0/ClusterFunctions.Host.dll" --app-dir "$work/out" --port "$port" --state "$work/state" --storage "$storage") \
    >"$work/host.log" 2>&1 &
host_pid=$!
status=
while [ $((SECONDS - started)) -lt "$ready_timeout" ]; do
  kill -0 "$host_pid" 2>/dev/null || break
  status=$(http_status "$port" /api/health/ready)
  [ "$status" = 200 ] && break
  sleep 0.5
done
if [ "$status" = 200 ]; then
  echo "  GET /api/health/ready -> 200 after $((SECONDS - started)) s (port $port, live: $(http_status "$port" /api/health/live))"
else
  echo "  no 200 from /api/health/ready within ${ready_timeout} s (last: ${status:-no answer}); host output:"
  grep -v MS_DURABLE "$work/host.log" | tail -n 40 | sed 's/^/    /'
  failures+=("not ready")
fi
stop_host
stop_storage

verdict "publish output declares $functions functions with the Durable extension, and answered /api/health/ready under the local host"
