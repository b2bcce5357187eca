#!/usr/bin/env bash
# Process-level benchmarks: every figure is a ratio against a baseline measured in the same run, side by side
# (machines here are shared and noisy, so absolute milliseconds mean little).
#
#   bench/run.sh                 build Release, start the emulator, connect an account, print each ratio and its target
#
# Environment (all optional):
#   BENCH_OUT=DIR      where builds, the state folder and JSON results go (default: a new temp folder)
#   BENCH_RUNS=N       hyperfine runs per command (default 30; at least 20 for the status target)
#   BENCH_WARMUP=N     hyperfine warm-up runs (default 5; at least 3)
#   BENCH_CHAT=N       chat requests each way for the chat-overhead ratio (default 300)
#   BENCH_KNOBS=0      skip the runtime-knob comparison (TieredPGO, TieredCompilation, ...)
#   BENCH_KNOB_ROUNDS=N  rotated hyperfine rounds for the knobs, pooled (default 4)
#   BENCH_SCRIPTS=0    skip the script-surface comparison (dotnet run file-based app, .csx under Roslyn scripting)
#   BENCH_AOT=0        skip the Native AOT publish (its timing, memory and smoke run through every verb)
#   BENCH_COMPOSITE=1  also time a self-contained composite ReadyToRun publish (framework compiled in; slow to build)
#   BENCH_BDN=1        also run the BenchmarkDotNet suite (in-process: tier decode, ToJson, chat overhead)
#
# Needs: the .NET 10 SDK, hyperfine (Debian: apt-get install -y hyperfine), jq, curl, /usr/bin/time.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${BENCH_OUT:-$(mktemp -d -t xai-grok-bench.XXXXXX)}
RUNS=${BENCH_RUNS:-30}
WARMUP=${BENCH_WARMUP:-5}
CHAT=${BENCH_CHAT:-300}
RID=linux-x64
STATUS_TARGET=1.5
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for tool in dotnet jq curl; do command -v "$tool" >/dev/null || die "$tool is missing"; done
if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing hyperfine from Debian's packages"
    (apt-get update -qq && apt-get install -y -qq hyperfine) >&2 || die "hyperfine could not be installed"
  else
    die "hyperfine is missing (sudo apt-get install -y hyperfine)"
  fi
fi
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"
mkdir -p "$OUT"
echo "bench: results in $OUT" >&2

# ---------------------------------------------------------------- build
# hello and the CLI are published the same way (Release, framework-dependent, linux-x64 apphost). The CLI twice:
# plain JIT, and ReadyToRun (needs the microsoft.netcore.app.crossgen2.linux-x64 package, restored by publish).
say "building (Release)"
publish() { dotnet publish "$1" -c Release -r "$RID" --self-contained false -o "$2" "${@:3}" -nologo -v quiet >&2; }
publish bench/hello/Hello.csproj "$OUT/hello" -p:PublishReadyToRun=true
publish xai-grok-onboarding.csproj "$OUT/cli-jit" -p:PublishReadyToRun=false
publish xai-grok-onboarding.csproj "$OUT/cli-r2r" -p:PublishReadyToRun=true
# Native AOT: the ILCompiler packages restore here; without clang, the C toolchain's gcc links the binary.
if [ "${BENCH_AOT:-1}" = 1 ]; then
  aot_linker=(); command -v clang >/dev/null || aot_linker=(-p:CppCompilerAndLinker=gcc)
  dotnet publish xai-grok-onboarding.csproj -c Release -r "$RID" -o "$OUT/cli-aot" -p:PublishAot=true -p:PublishReadyToRun=false \
    "${aot_linker[@]}" -nologo -v quiet >&2
fi
if [ "${BENCH_COMPOSITE:-0}" = 1 ]; then
  dotnet publish xai-grok-onboarding.csproj -c Release -r "$RID" --self-contained true -p:PublishReadyToRun=true \
    -p:PublishReadyToRunComposite=true -o "$OUT/cli-composite" -nologo -v quiet >&2
fi
dotnet build emulator/XaiGrok.Emulator.csproj -c Release -o "$OUT/emulator" -nologo -v quiet >&2
dotnet build bench/XaiGrok.Onboarding.Bench.csproj -c Release -o "$OUT/bench" -nologo -v quiet >&2
if [ "${BENCH_SCRIPTS:-1}" = 1 ]; then
  dotnet build bench/csx/CsxRunner.csproj -c Release -o "$OUT/csx" -nologo -v quiet >&2
fi
HELLO="$OUT/hello/hello"
CLI="$OUT/cli-r2r/xai-grok-onboarding"

# ---------------------------------------------------------------- emulator and account
say "starting the emulator and connecting an account (tier 4)"
"$OUT/emulator/XaiGrok.Emulator" >"$OUT/emulator.env" 2>"$OUT/emulator.log" &
EMULATOR_PID=$!
trap 'kill "$EMULATOR_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q '^export XAI_OAUTH_CLIENT_ID=' "$OUT/emulator.env" 2>/dev/null && break
  sleep 0.2
done
grep -q '^export XAI_OAUTH_CLIENT_ID=' "$OUT/emulator.env" || die "the emulator did not start (see $OUT/emulator.log)"
set -a
# shellcheck disable=SC1091
. "$OUT/emulator.env"
set +a
export XAI_GROK_HOME="$OUT/home"
rm -rf "$XAI_GROK_HOME"

"$CLI" start >"$OUT/start.json" || die "start failed: $(cat "$OUT/start.json")"
user_code=$(jq -r .user_code "$OUT/start.json")
curl -fsS -X POST -H 'content-type: application/json' -d "{\"user_code\":\"$user_code\",\"tier\":4}" \
  "$XAI_OAUTH_ISSUER/_emulator/approve" >/dev/null
sleep "$(jq -r .interval_seconds "$OUT/start.json")"
for _ in $(seq 10); do
  "$CLI" poll >"$OUT/poll.json" || true
  [ "$(jq -r .status "$OUT/poll.json")" = connected ] && break
  sleep "$(jq -r '.retry_after_seconds // 1' "$OUT/poll.json")"
done
[ "$(jq -r .status "$OUT/poll.json")" = connected ] || die "sign-in did not connect: $(cat "$OUT/poll.json")"
"$CLI" models >/dev/null # warm model cache
"$CLI" status >"$OUT/status.json"
[ "$(jq -r '.connected and (.models | length > 0)' "$OUT/status.json")" = true ] || die "status is not connected with a warm cache"

# ---------------------------------------------------------------- helpers
SUMMARY=()
# ratio FILE INDEX: median of result INDEX over the median of result 0 of a hyperfine JSON export
ratio() { jq -r --argjson i "$2" '(.results[$i].median / .results[0].median) * 1000 | round / 1000' "$1"; }
median_ms() { jq -r --argjson i "$2" '.results[$i].median * 1000 | . * 10 | round / 10' "$1"; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "PASS" : "FAIL") }'; }
hf() { # hf NAME CMD...  (first command is the baseline)
  local name=$1; shift
  hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$OUT/$name.json" "$@" >"$OUT/$name.txt" 2>&1 \
    || die "hyperfine failed (see $OUT/$name.txt)"
}

# ---------------------------------------------------------------- status vs hello-world
say "status (connected, fresh token, warm model cache) vs hello-world: hyperfine, $WARMUP warm-up, $RUNS runs"
cmds=("$HELLO" "$CLI status" "$OUT/cli-jit/xai-grok-onboarding status")
[ -d "$OUT/cli-composite" ] && cmds+=("$OUT/cli-composite/xai-grok-onboarding status")
[ -d "$OUT/cli-aot" ] && cmds+=("$OUT/cli-aot/xai-grok-onboarding status")
hf status "${cmds[@]}"
r=$(ratio "$OUT/status.json" 1)
SUMMARY+=("status (ReadyToRun publish) / hello-world: ${r}x (target <= ${STATUS_TARGET}x) $(verdict "$r" "$STATUS_TARGET")   [$(median_ms "$OUT/status.json" 1) ms vs $(median_ms "$OUT/status.json" 0) ms]")
SUMMARY+=("status (JIT: what the any tool package runs) / hello-world: $(ratio "$OUT/status.json" 2)x")
[ -d "$OUT/cli-composite" ] && SUMMARY+=("status (composite self-contained R2R) / hello-world: $(ratio "$OUT/status.json" 3)x")
if [ -d "$OUT/cli-aot" ]; then
  a=$(ratio "$OUT/status.json" $((${#cmds[@]} - 1)))
  SUMMARY+=("status (Native AOT: the linux-x64 tool package) / hello-world: ${a}x (target <= ${STATUS_TARGET}x) $(verdict "$a" "$STATUS_TARGET")   [$(median_ms "$OUT/status.json" $((${#cmds[@]} - 1))) ms]")
fi

# ---------------------------------------------------------------- runtime knobs
# Each knob is what its MSBuild property writes into runtimeconfig.json, applied to a copy of the R2R publish, so
# one binary differs in one setting; all timed in one hyperfine invocation with hello-world.
if [ "${BENCH_KNOBS:-1}" = 1 ]; then
  say "runtime knobs on the ReadyToRun publish"
  knobs=(
    "TieredPGO=false|System.Runtime.TieredPGO|false"
    "TieredCompilation=false|System.Runtime.TieredCompilation|false"
    "TieredCompilationQuickJitForLoops=false|System.Runtime.TieredCompilation.QuickJitForLoops|false"
    "ConcurrentGarbageCollection=false|System.GC.Concurrent|false"
    "UseSystemResourceKeys=true|System.Resources.UseSystemResourceKeys|true"
    "EventSourceSupport=false|System.Diagnostics.Tracing.EventSource.IsSupported|false"
  )
  cmds=("$HELLO" "$CLI status")
  for knob in "${knobs[@]}"; do
    IFS='|' read -r label key value <<<"$knob"
    dir="$OUT/knob-${label%%=*}"
    rm -rf "$dir" && cp -r "$OUT/cli-r2r" "$dir"
    jq --arg k "$key" --argjson v "$value" '.runtimeOptions.configProperties[$k] = $v' \
      "$OUT/cli-r2r/xai-grok-onboarding.runtimeconfig.json" >"$dir/xai-grok-onboarding.runtimeconfig.json"
    cmds+=("$dir/xai-grok-onboarding status")
  done
  # One long hyperfine block per command would let the load drift between blocks decide; instead ROUNDS short
  # invocations with the order rotated, and the times of each command pooled before taking the median.
  rounds=${BENCH_KNOB_ROUNDS:-4}
  per=$(((RUNS + rounds - 1) / rounds))
  n=${#cmds[@]}
  for round in $(seq 0 $((rounds - 1))); do
    rotated=()
    for j in $(seq 0 $((n - 1))); do rotated+=("${cmds[$(((j + round) % n))]}"); done
    hyperfine -N --style basic --warmup 3 --runs "$per" --export-json "$OUT/knobs-$round.json" "${rotated[@]}" >"$OUT/knobs-$round.txt" 2>&1 \
      || die "hyperfine failed (see $OUT/knobs-$round.txt)"
  done
  # Pool by command, in the order of cmds, into one file shaped like a hyperfine export (median recomputed).
  printf '%s\n' "${cmds[@]}" | jq -R . | jq -s . >"$OUT/knobs-order.json"
  jq -s --slurpfile order "$OUT/knobs-order.json" '
    [.[].results[]] | group_by(.command) | map({command: .[0].command, times: (map(.times) | add | sort)})
    | map(.median = (.times | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end))
    | INDEX(.command) as $by | {results: [$order[0][] | $by[.]]}' "$OUT"/knobs-[0-9]*.json >"$OUT/knobs.json"
  SUMMARY+=("knobs (status / hello-world, $rounds rotated rounds pooled): as built $(ratio "$OUT/knobs.json" 1)x")
  i=2
  for knob in "${knobs[@]}"; do
    SUMMARY+=("  <${knob%%|*}>: $(ratio "$OUT/knobs.json" "$i")x")
    i=$((i + 1))
  done
fi

# ---------------------------------------------------------------- memory
say "peak RSS: /usr/bin/time -v, 15 runs each, interleaved"
rss() { /usr/bin/time -f '%M' -o "$OUT/rss.tmp" "$@" >/dev/null 2>&1; cat "$OUT/rss.tmp"; }
: >"$OUT/rss-hello.txt"; : >"$OUT/rss-status.txt"; : >"$OUT/rss-aot.txt"
for _ in $(seq 15); do
  rss "$HELLO" >>"$OUT/rss-hello.txt"
  rss "$CLI" status >>"$OUT/rss-status.txt"
  [ -d "$OUT/cli-aot" ] && rss "$OUT/cli-aot/xai-grok-onboarding" status >>"$OUT/rss-aot.txt"
done
med() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
h_rss=$(med "$OUT/rss-hello.txt"); s_rss=$(med "$OUT/rss-status.txt")
SUMMARY+=("peak RSS status / hello-world: $(awk -v s="$s_rss" -v h="$h_rss" 'BEGIN { printf "%.2f", s / h }')x   [$((s_rss / 1024)) MiB vs $((h_rss / 1024)) MiB, medians]")
if [ -d "$OUT/cli-aot" ]; then
  a_rss=$(med "$OUT/rss-aot.txt")
  SUMMARY+=("peak RSS status (Native AOT) / hello-world: $(awk -v s="$a_rss" -v h="$h_rss" 'BEGIN { printf "%.2f", s / h }')x   [$((a_rss / 1024)) MiB]")
fi

# ---------------------------------------------------------------- Native AOT smoke run
# The AOT binary through every verb in a state folder of its own, the OIDC login included (a BROWSER script follows
# the redirects the way a browser would), so a figure is never reported for a binary that does not work.
if [ -d "$OUT/cli-aot" ]; then
  say "Native AOT smoke run: start, poll, status, models, use-model, chat, refresh, login --oidc, logout"
  AOT="$OUT/cli-aot/xai-grok-onboarding"
  (
    export XAI_GROK_HOME="$OUT/home-aot"; rm -rf "$XAI_GROK_HOME"
    ok() { jq -e '.ok == true' "$OUT/aot.json" >/dev/null || die "AOT $1 failed: $(cat "$OUT/aot.json")"; }
    "$AOT" start >"$OUT/aot.json"; ok start
    curl -fsS -X POST -H 'content-type: application/json' -d "{\"user_code\":\"$(jq -r .user_code "$OUT/aot.json")\",\"tier\":5}" \
      "$XAI_OAUTH_ISSUER/_emulator/approve" >/dev/null
    sleep "$(jq -r .interval_seconds "$OUT/aot.json")"
    "$AOT" poll >"$OUT/aot.json"; ok poll
    for verb in status models "use-model xai-grok/grok-4.3" "chat --message hello" refresh; do
      # shellcheck disable=SC2086
      "$AOT" $verb >"$OUT/aot.json"; ok "$verb"
    done
    printf '#!/bin/sh\ncurl -fsSL -o /dev/null "$1"\n' >"$OUT/browser.sh"; chmod +x "$OUT/browser.sh"
    curl -fsS -X POST -H 'content-type: application/json' -d '{"tier":4}' "$XAI_OAUTH_ISSUER/_emulator/auto-approve" >/dev/null
    DISPLAY=:bench BROWSER="$OUT/browser.sh" GROK_OIDC_ISSUER="$XAI_OAUTH_ISSUER" GROK_OIDC_CLIENT_ID="$XAI_OAUTH_CLIENT_ID" \
      "$AOT" login --oidc --json >"$OUT/aot.json" 2>"$OUT/aot-login.log"; ok "login --oidc"
    "$AOT" logout >"$OUT/aot.json"; ok logout
  )
  SUMMARY+=("Native AOT smoke run: start, poll, status, models, use-model, chat, refresh, login --oidc, logout all ok")
fi

# ---------------------------------------------------------------- script surface
if [ "${BENCH_SCRIPTS:-1}" = 1 ]; then
  say "script surface: the same status through the CLI, a dotnet run file-based app, and a .csx under Roslyn scripting"
  scripts="$OUT/scripts"
  mkdir -p "$scripts"
  cat >"$scripts/status.cs" <<EOF
#:project $ROOT/library/XaiGrok.Onboarding.csproj
#:property PublishAot=false
Console.WriteLine(XaiGrok.Onboarding.Exports.Status().ToJson());
EOF
  cat >"$scripts/status.csx" <<EOF
#r "$OUT/cli-r2r/XaiGrok.Onboarding.dll"
Console.WriteLine(XaiGrok.Onboarding.Exports.Status().ToJson());
EOF
  # First calls (what an agent pays once per script: build or compile), timed on their own.
  first() { local s; s=$(date +%s%N); "$@" >"$OUT/first.out" 2>&1 || die "failed: $* ($(tail -5 "$OUT/first.out"))"; echo $((($(date +%s%N) - s) / 1000000)); }
  # (a new BENCH_OUT is a new script path, so dotnet run builds it afresh here)
  first_run=$(first dotnet run --file "$scripts/status.cs")
  jq -e .connected "$OUT/first.out" >/dev/null || die "the file-based app did not print a connected status"
  first_csx=$(first "$OUT/csx/csx-runner" "$scripts/status.csx")
  jq -e .connected "$OUT/first.out" >/dev/null || die "the .csx status did not print a connected status"
  script_runs=$((RUNS < 20 ? RUNS : 20))
  hyperfine -N --style basic --warmup 3 --runs "$script_runs" --export-json "$OUT/scripts.json" \
    "$CLI status" "dotnet run --file $scripts/status.cs" "$OUT/csx/csx-runner $scripts/status.csx" >"$OUT/scripts.txt" 2>&1 \
    || die "hyperfine failed (see $OUT/scripts.txt)"
  SUMMARY+=("script surface, status, repeated calls (/ CLI): CLI $(median_ms "$OUT/scripts.json" 0) ms 1x;" \
    "  dotnet run file.cs $(median_ms "$OUT/scripts.json" 1) ms $(ratio "$OUT/scripts.json" 1)x;" \
    "  .csx (Roslyn scripting) $(median_ms "$OUT/scripts.json" 2) ms $(ratio "$OUT/scripts.json" 2)x" \
    "  first call: dotnet run file.cs ${first_run} ms (build), .csx ${first_csx} ms")
fi

# ---------------------------------------------------------------- chat overhead (in-process)
say "chat overhead: module vs bare HttpClient POST, $CHAT each, in-process against the emulator"
SUMMARY+=("$("$OUT/bench/XaiGrok.Onboarding.Bench" chat-ratio "$CHAT")")

if [ "${BENCH_BDN:-0}" = 1 ]; then
  say "BenchmarkDotNet (in-process)"
  (cd "$OUT" && "$OUT/bench/XaiGrok.Onboarding.Bench" --filter '*' >&2)
fi

say "summary (medians; ratios against a baseline measured in the same run)"
printf '%s\n' "${SUMMARY[@]}"
