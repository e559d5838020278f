#!/usr/bin/env bash
# Proves the published function app runs outside the build tree: `dotnet publish`, start the output with
# `dotnet <out>/ClusterFunctions.Functions.dll` (embedded LocalCloud, durable state in a temp folder), wait for
# /health/ready, stop it. Then starts it again the way the container image does (Kestrel__Endpoints__Http__Url),
# and checks that the SDK container publishing properties evaluate and agree with the port infra/azure routes to.
# Needs no container registry and no Docker engine.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=functions/ClusterFunctions.Functions
bicep_app=infra/azure/modules/container-app.bicep
ready_timeout=60
work=$(mktemp -d)
app_pid=
failures=()

stop_app() {
  [ -n "$app_pid" ] || return 0
  kill -TERM "$app_pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$app_pid" 2>/dev/null && { echo "  app ignored SIGTERM for 30 s; killing it"; kill -KILL "$app_pid" 2>/dev/null; }
  wait "$app_pid" 2>/dev/null
  app_pid=
}
trap 'stop_app; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

verdict() {
  if [ ${#failures[@]} -eq 0 ]; then
    echo "publish-smoke: OK ($1)"
    exit 0
  fi
  echo "publish-smoke: FAILED (${failures[*]})"
  exit 1
}

# A port nobody listens on now (the app reports it if someone takes it first).
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

# run_app LABEL PORT [NAME=VALUE...]: starts the published app with the given settings, waits for /health/ready.
run_app() {
  local label=$1 port=$2 status= started=$SECONDS
  shift 2
  local state="$work/state-$label"
  mkdir -p "$state"
  # From another folder than the output, so the app must find host.json and the catalog by its own location.
  (cd "$work" && exec env TASKHUB_NAME=PublishSmoke DURABLE_DATABASE_PATH="$state/durable.db" "$@" \
      dotnet "$work/out/ClusterFunctions.Functions.dll") >"$work/$label.log" 2>&1 &
  app_pid=$!
  while [ $((SECONDS - started)) -lt "$ready_timeout" ]; do
    kill -0 "$app_pid" 2>/dev/null || break
    status=$(http_status "$port" /health/ready)
    [ "$status" = 200 ] && break
    sleep 0.5
  done
  if [ "$status" = 200 ]; then
    echo "  $label: GET /health/ready -> 200 after $((SECONDS - started)) s (port $port, live: $(http_status "$port" /health/live))"
    # The host.json %DURABLE_DATABASE_PATH% mapping is what infra/azure relies on to put state on the share.
    [ -f "$state/durable.db" ] || { echo "  $label: durable database not created at DURABLE_DATABASE_PATH"; failures+=("$label: DURABLE_DATABASE_PATH ignored"); }
  else
    echo "  $label: no 200 from /health/ready within ${ready_timeout} s (last: ${status:-no answer}); app output:"
    tail -n 40 "$work/$label.log" | sed 's/^/    /'
    failures+=("$label: not ready")
  fi
  stop_app
}

echo "publish-smoke: dotnet publish $project -c Release"
if ! dotnet publish "$project" -c Release -o "$work/out" -nologo -v q >"$work/publish.log" 2>&1; then
  tail -n 40 "$work/publish.log"
  failures+=("dotnet publish failed")
  verdict ""
fi
[ -f "$work/out/host.json" ] || failures+=("host.json missing from the publish output")
[ -d "$work/out/catalog" ] || failures+=("catalog missing from the publish output")
[ -f "$work/out/local.settings.json" ] && echo "  warning: local.settings.json was published (it exists at the repo root); never ship that output"

# Embedded mode, as `./cluster serve` and a developer run it: LocalCloud in-process, port from Host__LocalHttpPort.
port=$(free_port) || { failures+=("no free loopback port"); verdict ""; }
run_app embedded "$port" ServiceBusConnection= LocalCloud__Mode=embedded LocalCloud__DataDirectory="$work/localcloud" \
  Host__LocalHttpPort="$port"
# External mode, as the container runs it: no LocalCloud, the address from Kestrel__Endpoints__Http__Url (the image
# sets it to 0.0.0.0:8080; here loopback), and a Service Bus that is not there: the HTTP API and health must not
# depend on it while the queue listener retries in the background.
port=$(free_port) || { failures+=("no free loopback port"); verdict ""; }
sb_port=$(free_port) || { failures+=("no free loopback port"); verdict ""; }
run_app external "$port" LocalCloud__Mode=external Kestrel__Endpoints__Http__Url="http://127.0.0.1:$port" \
  ServiceBusConnection="Endpoint=sb://127.0.0.1:$sb_port;SharedAccessKeyName=smoke;SharedAccessKey=not-a-secret;UseDevelopmentEmulator=true"

# The container image, evaluated without building it: the SDK's container targets must accept the properties, and
# the image's port must be the one the Container App's ingress and probes use.
props=$(dotnet msbuild "$project" -nologo -t:ComputeContainerConfig -p:Configuration=Release \
  -getProperty:ContainerRepository -getProperty:ContainerBaseImage -getProperty:ContainerImageTag \
  -getItem:ContainerPort -getItem:ContainerEnvironmentVariable 2>&1) || { echo "$props" | tail -n 20; failures+=("container properties do not evaluate"); }
json_value() { grep -o "\"$1\": *\"[^\"]*\"" <<<"$props" | head -n 1 | sed 's/.*: *"\(.*\)"/\1/'; }
repository=$(json_value ContainerRepository)
base=$(json_value ContainerBaseImage)
tag=$(json_value ContainerImageTag)
image_port=$(grep -A2 '"ContainerPort": *\[' <<<"$props" | grep -o '"Identity": *"[0-9]*"' | grep -o '[0-9][0-9]*' | head -n 1)
bicep_port=$(grep -o '^var port = [0-9]*' "$bicep_app" | grep -o '[0-9]*$')
echo "  container: $repository:$tag from $base, port ${image_port:-none} (infra/azure routes to ${bicep_port:-none})"
[ -n "$repository" ] && [ -n "$base" ] || failures+=("ContainerRepository/ContainerBaseImage not set")
[ -n "$image_port" ] && [ "$image_port" = "$bicep_port" ] || failures+=("image port ${image_port:-none} != Bicep port ${bicep_port:-none}")
grep -q "http://0.0.0.0:$image_port" <<<"$props" || failures+=("image does not bind Kestrel to 0.0.0.0:$image_port")

verdict "published app answered /health/ready 200 in embedded and external mode; image $repository:$tag on port $image_port"
