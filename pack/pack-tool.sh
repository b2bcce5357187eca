#!/usr/bin/env bash
# Makes the .NET tool `xai-grok-onboarding` as RID-specific packages (docs/packaging.md), and proves they install.
#
#   pack/pack-tool.sh            pack into artifacts/: the pointer package xai-grok-onboarding.VERSION.nupkg, the
#                                Native AOT package xai-grok-onboarding.linux-x64, and the framework-dependent
#                                xai-grok-onboarding.linux-musl-x64 and xai-grok-onboarding.any (every other platform)
#   pack/pack-tool.sh --verify   then install from artifacts/ only, without network, into temporary --tool-path folders:
#                                on this machine (linux-x64) the command must be the native executable; with the SDK
#                                made to resolve for linux-musl-x64 and linux-arm64 (DOTNET_RUNTIME_ID), the
#                                framework-dependent packages; all must run
#   pack/pack-tool.sh --bench    --verify, then time `status` of the two installed tools side by side (hyperfine)
#
# Environment (all optional): PACK_OUT=DIR (default artifacts), BENCH_RUNS=N (default 30), BENCH_WARMUP=N (default 5).
# Needs: the .NET 10 SDK on linux-x64 with a C toolchain (clang, or gcc), unzip and jq for --verify, hyperfine for --bench.
set -euo pipefail

cd "$(dirname "$0")/.."
PROJECT=xai-grok-onboarding.csproj
TOOL=xai-grok-onboarding
AOT_RID=linux-x64
MUSL_RID=linux-musl-x64
OUT=${PACK_OUT:-artifacts}
VERIFY=0
BENCH=0
for arg in "$@"; do
  case "$arg" in
    --verify) VERIFY=1 ;;
    --bench) VERIFY=1; BENCH=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "pack-tool: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'pack-tool: %s\n' "$*" >&2; exit 1; }
pass() { printf '  ok: %s\n' "$*" >&2; }

command -v dotnet >/dev/null || die "the .NET SDK is missing"
# Native AOT compiles for the machine's own OS and architecture only; a pointer naming linux-x64 without the
# linux-x64 package would fail every install on linux-x64, so this script packs nothing elsewhere.
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "the $AOT_RID Native AOT package can only be built on $AOT_RID"
linker=()
if ! command -v clang >/dev/null; then
  command -v gcc >/dev/null || die "Native AOT needs clang or gcc to link"
  linker=(-p:CppCompilerAndLinker=gcc)
fi
if [ "$VERIFY" = 1 ]; then
  for tool in unzip jq; do command -v "$tool" >/dev/null || die "--verify needs $tool (apt-get install -y $tool)"; done
fi
if [ "$BENCH" = 1 ]; then
  command -v hyperfine >/dev/null || die "--bench needs hyperfine (apt-get install -y hyperfine)"
fi

VERSION=$(dotnet msbuild "$PROJECT" -getProperty:Version -nologo)
[ -n "$VERSION" ] || die "could not read the version from $PROJECT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PACKAGES=("$TOOL" "$TOOL.$AOT_RID" "$TOOL.$MUSL_RID" "$TOOL.any")
for id in "${PACKAGES[@]}"; do rm -f "$OUT/$id.$VERSION.nupkg"; done

say "packing $TOOL $VERSION into $OUT"
pack() { dotnet pack "$PROJECT" -c Release -o "$OUT" -nologo -v quiet "$@" >&2; }
pack                                      # the pointer (PublishAot while packing: no implementation inside)
pack -r any                               # framework-dependent, for every platform without a package of its own
pack -r "$MUSL_RID"                       # framework-dependent, for Alpine (the graph would lead it to linux-x64)
SECONDS=0
pack -r "$AOT_RID" "${linker[@]}"         # Native AOT executable
echo "pack-tool: the Native AOT pack took ${SECONDS} s" >&2
for id in "${PACKAGES[@]}"; do
  [ -f "$OUT/$id.$VERSION.nupkg" ] || die "$OUT/$id.$VERSION.nupkg was not made"
  printf '%s\t%s bytes\n' "$OUT/$id.$VERSION.nupkg" "$(stat -c %s "$OUT/$id.$VERSION.nupkg")"
done
[ "$VERIFY" = 1 ] || exit 0

# ---------------------------------------------------------------- verify
# The package contents, as the SDK's `dotnet tool install` reads them.
settings() { unzip -p "$OUT/$1.$VERSION.nupkg" "$2"; }
say "checking the packages"
pointer=$(settings "$TOOL" tools/any/any/DotnetToolSettings.xml)
for rid in "$AOT_RID" "$MUSL_RID" any; do
  grep -q "RuntimeIdentifier=\"$rid\" Id=\"$TOOL.$rid\"" <<<"$pointer" || die "the pointer does not name $TOOL.$rid"
done
unzip -l "$OUT/$TOOL.$VERSION.nupkg" | grep -q '\.dll$' && die "the pointer package carries an assembly"
pass "pointer $TOOL names $TOOL.$AOT_RID, $TOOL.$MUSL_RID and $TOOL.any and carries no code"
settings "$TOOL.$AOT_RID" "tools/any/$AOT_RID/DotnetToolSettings.xml" | grep -q "EntryPoint=\"$TOOL\" Runner=\"executable\"" \
  || die "$TOOL.$AOT_RID is not an executable tool"
unzip -l "$OUT/$TOOL.$AOT_RID.$VERSION.nupkg" | grep -q '\.dll$' && die "$TOOL.$AOT_RID carries a managed assembly"
pass "$TOOL.$AOT_RID: Runner=executable, no .dll inside"
for rid in "$MUSL_RID" any; do
  settings "$TOOL.$rid" "tools/net10.0/$rid/DotnetToolSettings.xml" | grep -q "EntryPoint=\"$TOOL.dll\" Runner=\"dotnet\"" \
    || die "$TOOL.$rid is not a framework-dependent tool"
  pass "$TOOL.$rid: Runner=dotnet, EntryPoint=$TOOL.dll"
done

# Installs use a NuGet config that clears every source, the artifacts folder as the only source and a private
# package cache; where unshare works they also run in a network namespace of their own (no interface but a downed
# loopback), so any attempt to reach the network fails instead of passing unnoticed.
TMP=$(mktemp -d -t xai-grok-pack-verify.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
printf '%s\n' '<?xml version="1.0" encoding="utf-8"?>' \
  '<configuration><packageSources><clear /></packageSources></configuration>' >"$TMP/nuget.config"
offline=()
if unshare -rn true 2>/dev/null; then
  offline=(unshare -rn)
  echo "pack-tool: installs and runs happen in a network namespace with no network (unshare -rn)" >&2
else
  echo "pack-tool: unshare is not available; installs rely on the cleared NuGet config alone" >&2
fi
install_tool() { # DIR [VAR=VALUE...]: install the tool from $OUT into DIR
  local dir=$1; shift
  "${offline[@]}" env NUGET_PACKAGES="$TMP/nuget-packages" NUGET_HTTP_CACHE_PATH="$TMP/nuget-http" "$@" \
    dotnet tool install "$TOOL" --tool-path "$dir" --configfile "$TMP/nuget.config" --add-source "$OUT" \
    --version "$VERSION" >&2 || die "dotnet tool install into $dir failed"
}
mkdir -p "$TMP/home"
run_checks() { # DIR: status prints one JSON object (not connected in an empty state folder); --version the version
  local cmd=$1/$TOOL out
  out=$("${offline[@]}" env XAI_GROK_HOME="$TMP/home" "$cmd" status) || die "$cmd status failed"
  jq -e '.ok == true and .connected == false' <<<"$out" >/dev/null || die "$cmd status printed: $out"
  pass "status: $(jq -c . <<<"$out")"
  # --version is System.CommandLine's: the version as plain text on stdout (as --help: `--version | less` works), exit 0.
  out=$("${offline[@]}" "$cmd" --version 2>/dev/null) || die "$cmd --version failed"
  [[ "$out" == "$VERSION"* ]] || die "$cmd --version printed: $out"
  pass "--version: $out"
}
elf() { [ "$(od -An -c -N4 "$1" | tr -d ' ')" = '177ELF' ]; }

say "installing on this machine ($AOT_RID): the Native AOT package"
install_tool "$TMP/aot"
target=$(readlink -f "$TMP/aot/$TOOL")
case "$target" in */$TOOL.$AOT_RID/$VERSION/tools/any/$AOT_RID/$TOOL) ;; *) die "the command resolves to $target" ;; esac
elf "$target" || die "$target is not an ELF executable"
ls "$(dirname "$target")"/*.dll >/dev/null 2>&1 && die "a managed assembly was installed beside $target"
grep -q 'Runner="executable"' "$(dirname "$target")/DotnetToolSettings.xml" || die "the installed tool is not Runner=executable"
pass "the command is the package $TOOL.$AOT_RID's ELF executable, Runner=executable, no .dll beside it"
command -v file >/dev/null && echo "  file: $(file -b "$target")" >&2
run_checks "$TMP/aot"

# DOTNET_RUNTIME_ID changes the RID the SDK resolves the pointer for, not the machine: the framework-dependent
# package then runs on x64 under this machine's .NET runtime, started by the SDK's shim.
check_framework_dependent() { # PROBE_RID PACKAGE_RID DIR
  local probe=$1 rid=$2 dir=$3 dll
  say "installing as the SDK resolves on $probe: $TOOL.$rid"
  install_tool "$dir" DOTNET_RUNTIME_ID="$probe"
  dll=$(find "$dir/.store/$TOOL/$VERSION/$TOOL.$rid" -name "$TOOL.dll" | head -n 1)
  [ -n "$dll" ] || die "the install for $probe has no $TOOL.dll from $TOOL.$rid"
  [ ! -e "$dir/.store/$TOOL/$VERSION/$TOOL.$AOT_RID" ] || die "the install for $probe fetched $TOOL.$AOT_RID"
  grep -q 'Runner="dotnet"' "$(dirname "$dll")/DotnetToolSettings.xml" || die "$TOOL.$rid installed is not Runner=dotnet"
  pass "the pointer resolved to $TOOL.$rid: $TOOL.dll with Runner=dotnet"
  run_checks "$dir"
}
check_framework_dependent "$MUSL_RID" "$MUSL_RID" "$TMP/musl"
check_framework_dependent linux-arm64 any "$TMP/any"

cat >&2 <<EOF

pack-tool: verified offline from $OUT only: on $AOT_RID the pointer installs the Native AOT executable; resolved for
$MUSL_RID it installs $TOOL.$MUSL_RID, for linux-arm64 (a platform it names no package for) $TOOL.any, and both ran.
Not shown here: a run on a real Alpine, Arm, macOS or Windows machine.
EOF
[ "$BENCH" = 1 ] || exit 0

# ---------------------------------------------------------------- bench
# Both installed commands, side by side in one hyperfine run, against an empty state folder (no network needed).
say "timing status: installed Native AOT tool vs installed framework-dependent tool"
RUNS=${BENCH_RUNS:-30}
WARMUP=${BENCH_WARMUP:-5}
XAI_GROK_HOME="$TMP/home" hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$TMP/status.json" \
  -n "aot ($TOOL.$AOT_RID)" "$TMP/aot/$TOOL status" -n "framework-dependent ($TOOL.any)" "$TMP/any/$TOOL status" >&2
jq -r '.results as $r | ($r[0].median * 1000) as $a | ($r[1].median * 1000) as $f
  | "status median: Native AOT \($a * 10 | round / 10) ms, framework-dependent \($f * 10 | round / 10) ms, AOT / framework-dependent = \($a / $f * 100 | round / 100)x"' \
  "$TMP/status.json"
