#!/usr/bin/env bash
# Records the library's public API as it is now in library/PublicAPI.Shipped.txt (PublicApiAnalyzers, RS0016/RS0017):
# every public symbol of XaiGrok.Onboarding, sorted, nothing stale; PublicAPI.Unshipped.txt is left empty.
# Run it after a change to the public surface (or after merging branches that change it) and commit the diff: the
# diff is the API change a reviewer reads. Idempotent: a second run changes nothing.
#   scripts/public-api.sh            rewrite the files
#   scripts/public-api.sh --check    only say whether they are up to date (exit 1 when not)
set -euo pipefail
cd "$(dirname "$0")/.."

project=library/XaiGrok.Onboarding.csproj
shipped=library/PublicAPI.Shipped.txt
unshipped=library/PublicAPI.Unshipped.txt
header='#nullable enable'

check=false
[ "${1:-}" = "--check" ] && check=true

before=""
if $check; then
  before="$(cat "$shipped" "$unshipped" 2>/dev/null || true)"
fi

# Start from empty files, so every public symbol is reported missing (RS0016) and none can be stale; the analyzer's
# own code fix then writes each one, with its nullable annotations, into PublicAPI.Unshipped.txt.
printf '%s\n' "$header" >"$shipped"
printf '%s\n' "$header" >"$unshipped"
dotnet format analyzers "$project" --diagnostics RS0016 --severity info >/dev/null

# Everything the fix wrote moves to Shipped, sorted the way the analyzer's own fix sorts (ordinal).
entries="$(grep -v -x -F "$header" "$unshipped" | grep -v '^[[:space:]]*$' | LC_ALL=C sort -u || true)"
{ printf '%s\n' "$header"; [ -n "$entries" ] && printf '%s\n' "$entries"; } >"$shipped"
printf '%s\n' "$header" >"$unshipped"

if $check; then
  after="$(cat "$shipped" "$unshipped")"
  if [ "$before" != "$after" ]; then
    echo "public-api: library/PublicAPI.Shipped.txt is not the public API as it is now; run scripts/public-api.sh and commit the diff" >&2
    exit 1
  fi
fi
echo "public-api: $(printf '%s\n' "$entries" | grep -c . || true) public symbols in $shipped"
