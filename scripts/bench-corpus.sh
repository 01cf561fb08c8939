#!/usr/bin/env bash
# Corpus benchmark: `locdoc model` over the full span-pair corpus, reported
# as a ratio to a floor measured in the same run (walkdir + read +
# pulldown-cmark parse of the same files on the same rayon pool; see
# examples/floor.rs). Reports, never asserts: exits 0 whatever the ratio,
# non-zero only when something could not be run.
#
#   scripts/bench-corpus.sh
#
# Environment (paths relative to the repository root):
#   CORPUS_TAR   tarball to unpack   (../shared/corpus/graph-docs-sxs.tar.zst)
#   BENCH_DIR    where to unpack it  (target/bench-corpus)
#   BENCH_RUNS   runs of each side, alternating; the best wall time counts (2)
#   BENCH_TIMEOUT  seconds allowed for one run (600)
#
# Prints a table and writes the same numbers to target/bench-corpus.json.
# See docs/benchmarks.md for how to read them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CORPUS_TAR="${CORPUS_TAR:-../shared/corpus/graph-docs-sxs.tar.zst}"
BENCH_DIR="${BENCH_DIR:-target/bench-corpus}"
BENCH_RUNS="${BENCH_RUNS:-2}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-600}"
JSON_OUT="target/bench-corpus.json"

die() {
    echo "bench-corpus: error: $*" >&2
    exit 1
}

# Installs a Debian package for a missing tool; `apt-get update` only when
# the plain install fails (the package lists may be missing or stale).
need() {
    local tool="$1" package="$2"
    [ -x "$tool" ] || command -v "$tool" >/dev/null 2>&1 && return 0
    echo "bench-corpus: installing $package" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null; then
        apt-get update -q >/dev/null || die "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null ||
            die "cannot install $package"
    fi
}

need zstd zstd
need /usr/bin/time time
command -v timeout >/dev/null || die "timeout (coreutils) is missing"

# --- corpus ---------------------------------------------------------------
[ -f "$CORPUS_TAR" ] || die "corpus tarball not found: $CORPUS_TAR (set CORPUS_TAR)"
marker="$BENCH_DIR/.unpacked"
tar_id="$(basename "$CORPUS_TAR") $(stat -c '%s %Y' "$CORPUS_TAR")"
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$tar_id" ]; then
    echo "bench-corpus: unpacking $CORPUS_TAR into $BENCH_DIR" >&2
    rm -rf "$BENCH_DIR"
    mkdir -p "$BENCH_DIR"
    zstd -dc -q "$CORPUS_TAR" | tar -x -C "$BENCH_DIR" || die "cannot unpack $CORPUS_TAR"
    echo "$tar_id" >"$marker"
fi
# The directories to read: the top level of the tarball (e.g. live-sxs/).
mapfile -t inputs < <(find "$BENCH_DIR" -mindepth 1 -maxdepth 1 -type d | sort)
[ "${#inputs[@]}" -gt 0 ] || die "nothing unpacked in $BENCH_DIR"

# --- build ----------------------------------------------------------------
echo "bench-corpus: building (release)" >&2
cargo build --release --quiet --bin locdoc --example floor || die "build failed"
locdoc="target/release/locdoc"
floor="target/release/examples/floor"

# --- runs -----------------------------------------------------------------
# run NAME CMD...: one timed run; sets $wall (s) and $rss (KB).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
run() {
    local name="$1"
    shift
    local status=0
    timeout "$BENCH_TIMEOUT" /usr/bin/time -o "$tmp/time" -f '%e %M' "$@" \
        >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
    if [ "$status" -ne 0 ]; then
        [ "$status" -eq 124 ] && echo "bench-corpus: $name timed out after ${BENCH_TIMEOUT}s" >&2
        tail -n 5 "$tmp/$name.err" >&2
        die "$name failed (exit $status)"
    fi
    read -r wall rss <"$tmp/time"
}

best_floor="" best_locdoc="" rss_floor=0 rss_locdoc=0
better() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a + 0 < b + 0) }'; }
for i in $(seq 1 "$BENCH_RUNS"); do
    run floor "$floor" "${inputs[@]}"
    echo "bench-corpus: run $i floor  ${wall}s ${rss}KB  ($(cat "$tmp/floor.out"))" >&2
    if better "$wall" "$best_floor"; then best_floor="$wall"; fi
    [ "$rss" -gt "$rss_floor" ] && rss_floor="$rss"

    run locdoc "$locdoc" model --format json "${inputs[@]}"
    echo "bench-corpus: run $i locdoc ${wall}s ${rss}KB" >&2
    if better "$wall" "$best_locdoc"; then best_locdoc="$wall"; fi
    [ "$rss" -gt "$rss_locdoc" ] && rss_locdoc="$rss"
done
# `locdoc model` prints its JSON to stdout: counted, then thrown away.
out_bytes="$(stat -c %s "$tmp/locdoc.out")"
diagnostics="$(wc -l <"$tmp/locdoc.err")"
read -r files bytes _ <<<"$(awk '{ print $2, $4 }' "$tmp/floor.out")"

# --- report ---------------------------------------------------------------
ratio="$(awk -v l="$best_locdoc" -v f="$best_floor" 'BEGIN { printf "%.2f", (f > 0 ? l / f : 0) }')"
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
threads="$(nproc)"
date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git status --porcelain 2>/dev/null | grep -q . && echo true || echo false)"

printf '\ncorpus %s: %s files, %s MB, %s cores, best of %s runs\n' \
    "$CORPUS_TAR" "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')" \
    "$threads" "$BENCH_RUNS"
printf '%-8s %10s %14s\n' "" "wall (s)" "peak RSS (MB)"
printf '%-8s %10s %14s\n' floor "$best_floor" "$(mb "$rss_floor")"
printf '%-8s %10s %14s\n' locdoc "$best_locdoc" "$(mb "$rss_locdoc")"
printf 'ratio locdoc/floor: %s (target <= 2.00); locdoc peak RSS target < 1024 MB\n' "$ratio"

mkdir -p "$(dirname "$JSON_OUT")"
cat >"$JSON_OUT" <<EOF
{
  "date": "$date",
  "commit": "$commit",
  "dirty": $dirty,
  "corpus": "$CORPUS_TAR",
  "files": $files,
  "bytes": $bytes,
  "cores": $threads,
  "runs": $BENCH_RUNS,
  "floor": { "seconds": $best_floor, "peak_rss_mb": $(mb "$rss_floor") },
  "locdoc": { "seconds": $best_locdoc, "peak_rss_mb": $(mb "$rss_locdoc"), "stdout_bytes": $out_bytes, "stderr_lines": $diagnostics },
  "ratio": $ratio,
  "target": { "ratio": 2.0, "peak_rss_mb": 1024 }
}
EOF
echo "bench-corpus: wrote $JSON_OUT" >&2
