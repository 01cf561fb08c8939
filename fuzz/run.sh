#!/usr/bin/env bash
# Runs fuzz targets on the stable toolchain.
#
#   fuzz/run.sh                 every target, 60 s each
#   fuzz/run.sh all 120         every target, 120 s each
#   fuzz/run.sh sxs_parse 300   one target, 300 s
#   fuzz/run.sh --seed          only (re)build the seed corpora
#
# cargo-fuzz passes nightly-only flags to rustc; RUSTC_BOOTSTRAP=1 lets the
# stable compiler accept them. `-s none`: no sanitizer (AddressSanitizer
# needs a nightly standard library); Rust code is memory safe, so the
# fuzzer looks for panics, hangs (-timeout) and memory blow-ups (-rss_limit_mb).
# Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
targets=(sxs_parse front_matter model_build extract render)

# Seed corpora: the small Markdown fixtures of the test suite.
seed() {
  for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    find ../tests/fixtures -name '*.md' -size -16k -print0 |
      while IFS= read -r -d '' f; do
        cp "$f" "corpus/$t/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1).md"
      done
    if [ -d ../tests/fixtures/regressions ]; then
      find ../tests/fixtures/regressions -type f -print0 |
        while IFS= read -r -d '' f; do cp "$f" "corpus/$t/"; done
    fi
  done
}

seed
[ "${1:-}" = "--seed" ] && exit 0
if [ $# -ge 1 ] && [ "$1" != all ]; then targets=("$1"); fi
secs="${2:-60}"
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" -s none -a "corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1
done
