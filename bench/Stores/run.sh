#!/usr/bin/env bash
# The two stores side by side, per operation, in one run (bench store-costs): a throwaway PostgreSQL cluster on
# 127.0.0.1 (Debian's postgresql package; a temporary folder owned by the postgres user when run as root), the
# emulator in a child process, the files in a temporary folder; all stopped and removed at the end. docs/scaling.md
# carries the figures of one run.
#
#   bench/Stores/run.sh
#
# Environment (all optional):
#   BENCH_OUT=DIR        where the build and the report go (default: a new temp folder)
#   STORE_ROUNDS=N       timed rounds per operation and store (default 1000)
#   STORE_USERS=N        users written for rows and bytes (default 10000)
#
# Needs: the .NET 10 SDK, Debian's postgresql package (apt-get install -y postgresql).
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=${BENCH_OUT:-$(mktemp -d -t xai-grok-bench-stores.XXXXXX)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null \
  || { echo "bench: the PostgreSQL server is missing (apt-get install -y postgresql)" >&2; exit 1; }

mkdir -p "$OUT"
echo "bench: building (Release) into $OUT" >&2
dotnet build bench/XaiGrok.Onboarding.Bench.csproj -c Release -o "$OUT/bench" -nologo -v quiet >&2
echo "bench: running; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$OUT/bench/XaiGrok.Onboarding.Bench" store-costs "${STORE_ROUNDS:-1000}" "${STORE_USERS:-10000}" | tee "$OUT/stores.txt"
# A burst of refreshes above a small pool (the pool-size advice): each holds its lock's connection and asks for another.
for args in "8 8" "8 32" "32 8"; do
  # shellcheck disable=SC2086
  "$OUT/bench/XaiGrok.Onboarding.Bench" store-pool $args | tee -a "$OUT/stores.txt"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/stores.txt"
echo "bench: report in $OUT/stores.txt" >&2
