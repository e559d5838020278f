#!/usr/bin/env bash
# Compiles and lints every Bicep template and parameter file under infra/azure with the Bicep CLI from NuGet
# (the only place CI can get it). Any compiler error, compiler warning or linter finding fails the run:
# infra/azure/bicepconfig.json decides which analyzer rules are errors, and a warning is treated like one.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The Bicep CLI needs no culture data; this spares it a dependency on the machine's ICU.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

version=0.49.2
package=azure.bicep.commandline.linux-x64
tools=.tools/bicep
bicep="$tools/packages/$package/$version/tools/bicep"
root=infra/azure

if [ ! -x "$bicep" ]; then
  echo "bicep: restoring Azure.Bicep.CommandLine.linux-x64 $version from NuGet into $tools/"
  restore="$tools/restore"
  mkdir -p "$restore"
  # Empty Directory.* files stop MSBuild from importing the repository's central package management and build policy.
  for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$restore/$f"; done
  cat >"$restore/BicepCli.proj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" /></ItemGroup>
</Project>
EOF
  dotnet restore "$restore/BicepCli.proj" --packages "$tools/packages" -v q \
    || { echo "bicep: FAILED (could not restore the Bicep CLI from NuGet)"; exit 1; }
  chmod +x "$bicep"
fi
"$bicep" --version

checked=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run LABEL FILE COMMAND...: runs one Bicep command, prints its diagnostics, counts a failure on any error or warning.
run() {
  local label=$1 file=$2
  shift 2
  if "$@" >/dev/null 2>"$log" && ! grep -Eq ' : (Error|Warning) ' "$log"; then
    echo "  ok    $label $file"
  else
    echo "  FAIL  $label $file"
    sed 's/^/        /' "$log"
    failed=$((failed + 1))
  fi
  checked=$((checked + 1))
}

mapfile -t templates < <(find "$root" -name '*.bicep' | sort)
mapfile -t parameters < <(find "$root" -name '*.bicepparam' | sort)
if [ ${#templates[@]} -eq 0 ] || [ ${#parameters[@]} -eq 0 ]; then
  echo "bicep: FAILED (no templates or no parameter files under $root)"
  exit 1
fi

echo "bicep: ${#templates[@]} template(s), ${#parameters[@]} parameter file(s) under $root"
for file in "${templates[@]}"; do
  run build "$file" "$bicep" build "$file" --stdout
  run lint "$file" "$bicep" lint "$file"
done
for file in "${parameters[@]}"; do
  run build-params "$file" "$bicep" build-params "$file" --stdout
  run lint "$file" "$bicep" lint "$file"
done

if [ "$failed" -eq 0 ]; then
  echo "bicep: OK ($checked checks passed on ${#templates[@]} templates and ${#parameters[@]} parameter files)"
else
  echo "bicep: FAILED ($failed of $checked checks failed)"
  exit 1
fi
