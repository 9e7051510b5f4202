#!/usr/bin/env bash
# Runs the main and renderer projects with the machine's wall clock moved to another date, so a
# test that reads "today" from the machine instead of from the clock the code runs on shows up.
# The monotonic clock stays real (libfaketime's FAKETIME_DONT_FAKE_MONOTONIC), as it would on a shop
# laptop whose owner set the date.
#   bash scripts/test-at-date.sh '2031-05-04 10:00:00' [vitest args, which replace the two projects]
# With no date: 31 December 23:30 WIB of the year after next (more than a year ahead, at a turn of
# the year in the shop's zone). Needs Debian's faketime (apt-get install faketime).
set -uo pipefail
cd "$(dirname "$0")/.."
when="${1:-$(($(date -u +%Y) + 2))-12-31 16:30:00}"
shift || true
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n1)
if [ -z "$lib" ]; then
  echo "libfaketime not found: apt-get install faketime"
  exit 1
fi
out="test-results/vitest-at-date.json"
# Left out by default, to keep CI well under 20 minutes: suites that take minutes and read no date
# of their own beyond the test clock (the fuzz and the channel x role matrix, locally and over the
# LAN link, run wholly on it; the OS faults, the mutant kills, the link's TLS checks, the
# electronegativity scan, the source scans and the benchmark smoke measure what a date does not
# change).
[ $# -gt 0 ] || set -- --project main --project renderer \
  --exclude 'tests/faults/**' --exclude 'tests/fuzz/**' --exclude 'tests/main/mutants-*.test.ts' \
  --exclude 'tests/main/router.test.ts' --exclude 'tests/main/lan-matrix.test.ts' \
  --exclude 'tests/main/lan-link.test.ts' \
  --exclude 'tests/main/{catalogue,table-owners,audit-one-path,no-issue-numbers,shop-clock-lint}.test.ts' \
  --exclude 'tests/main/electronegativity.test.ts' --exclude 'tests/main/bench-smoke.test.ts'
echo "== main and renderer with the wall clock at $when UTC (monotonic clock real)"
LD_PRELOAD="$lib" FAKETIME="@$when" FAKETIME_DONT_FAKE_MONOTONIC=1 TZ="${TZ:-Asia/Jakarta}" \
  BRANKAS_VITEST_JSON="$out" npx vitest run "$@"
