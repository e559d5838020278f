#!/usr/bin/env bash
# Interop check (by hand, not part of tests/run: it needs the npm registry): starts the Service Bus
# emulator with ./cluster, installs @azure/service-bus, and runs send, peek-lock receive, complete,
# abandon, dead-letter, renew-lock, schedule, cancel and receive-and-delete against it. Ends with
# "N passed, N failed".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
out=$(mktemp)
"$root/cluster" emulate servicebus --port 0 >"$out" 2>&1 &
emulator=$!
trap 'kill -INT "$emulator" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 300); do grep -q "Endpoint=" "$out" && break; sleep 0.5; done
connection=$(grep -o "Endpoint=[^ ]*" "$out" | head -n 1)
[ -n "$connection" ] || { cat "$out" >&2; echo "the emulator did not start" >&2; exit 1; }
(cd "$here" && npm install --no-audit --no-fund --no-package-lock --silent)
node "$here/interop.mjs" "$connection"
