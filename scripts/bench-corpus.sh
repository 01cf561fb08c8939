#!/usr/bin/env bash
# Corpus benchmark: `locdoc model` over the full span-pair corpus, reported
# as a ratio to a floor measured in the same run (walkdir + read +
# pulldown-cmark parse of the same files on the same rayon pool; see
# examples/floor.rs). Reports, never asserts: exits 0 whatever the ratio
# (even when locdoc times out), non-zero only when something cannot be run.
#
#   scripts/bench-corpus.sh
#
# Environment (paths relative to the repository root):
#   CORPUS_TAR     tarball to unpack   (../shared/corpus/graph-docs-sxs.tar.zst)
#   BENCH_DIR      where to unpack it  (target/bench-corpus)
#   BENCH_RUNS     runs of each side, alternating; the best wall time counts (2)
#   BENCH_TIMEOUT  seconds allowed for one run (600)
#
# Prints a table and writes the same numbers to target/bench-corpus.json.
# See docs/benchmarks.md for how to read them.
set -euo pipefail
export LC_ALL=C

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

# need TOOL PACKAGE: installs the Debian package of a missing tool; runs
# `apt-get update` only when the plain install fails (missing or stale lists).
need() {
    local tool="$1" package="$2"
    if [ -x "$tool" ] || command -v "$tool" >/dev/null 2>&1; then
        return 0
    fi
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
# The directories to read: the top level of the tarball (live-sxs/).
mapfile -t inputs < <(find "$BENCH_DIR" -mindepth 1 -maxdepth 1 -type d | sort)
[ "${#inputs[@]}" -gt 0 ] || die "nothing unpacked in $BENCH_DIR"

# --- build ----------------------------------------------------------------
echo "bench-corpus: building (release)" >&2
cargo build --release --quiet --bin locdoc --example floor || die "build failed"
locdoc="target/release/locdoc"
floor="target/release/examples/floor"

# --- runs -----------------------------------------------------------------
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run NAME CMD...: one timed run; sets $wall (s), $rss (KB) and $timed_out.
# Wall time from bash's clock (microseconds; /usr/bin/time's %e has only
# two decimals), peak RSS from /usr/bin/time. On timeout the process group
# gets SIGINT, which /usr/bin/time ignores, so it still reports the peak RSS
# so far: both numbers are then lower bounds.
run() {
    local name="$1"
    shift
    local status=0 start="$EPOCHREALTIME"
    timeout -s INT -k 10 "$BENCH_TIMEOUT" /usr/bin/time -o "$tmp/time" -f '%e %M' "$@" \
        >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
    wall="$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')"
    timed_out=false
    if [ "$status" -eq 124 ]; then
        timed_out=true
        echo "bench-corpus: $name timed out after ${BENCH_TIMEOUT}s (numbers are lower bounds)" >&2
    elif [ "$status" -ne 0 ]; then
        tail -n 5 "$tmp/$name.err" >&2
        die "$name failed (exit $status)"
    fi
    read -r _ rss < <(tail -n 1 "$tmp/time")
    [[ "$rss" =~ ^[0-9]+$ ]] ||
        die "$name: cannot read the output of /usr/bin/time"
}

# Best (lowest) wall time and highest peak RSS of each side, runs
# alternating; a side that timed out is not run again.
declare -A best=() peak=() late=()
for i in $(seq 1 "$BENCH_RUNS"); do
    for side in floor locdoc; do
        [ "${late[$side]:-false}" = true ] && continue
        if [ "$side" = floor ]; then
            run floor "$floor" "${inputs[@]}"
            echo "bench-corpus: run $i floor  ${wall}s ${rss}KB ($(cat "$tmp/floor.out"))" >&2
        else
            run locdoc "$locdoc" model --format json "${inputs[@]}"
            echo "bench-corpus: run $i locdoc ${wall}s ${rss}KB" >&2
        fi
        late[$side]="$timed_out"
        if [ -z "${best[$side]:-}" ] ||
            awk -v a="$wall" -v b="${best[$side]}" 'BEGIN { exit !(a < b) }'; then
            best[$side]="$wall"
        fi
        if [ "$rss" -gt "${peak[$side]:-0}" ]; then peak[$side]="$rss"; fi
    done
done
[ "${late[floor]}" = false ] || die "the floor itself timed out"
# `locdoc model` prints its JSON to stdout: counted, then thrown away.
out_bytes="$(stat -c %s "$tmp/locdoc.out")"
diagnostics="$(wc -l <"$tmp/locdoc.err")"
read -r files bytes < <(awk '{ print $2, $4 }' "$tmp/floor.out")

# --- report ---------------------------------------------------------------
ratio="$(awk -v l="${best[locdoc]}" -v f="${best[floor]}" 'BEGIN { printf "%.2f", l / f }')"
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
at_least=""
if [ "${late[locdoc]}" = true ]; then at_least=">"; fi
cores="$(nproc)"
date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty=false
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then dirty=true; fi

printf '\ncorpus %s: %s files, %s MB, %s cores, best of %s runs\n' \
    "$CORPUS_TAR" "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')" \
    "$cores" "$BENCH_RUNS"
printf '%-8s %10s %14s\n' "" "wall (s)" "peak RSS (MB)"
printf '%-8s %10s %14s\n' floor "${best[floor]}" "$(mb "${peak[floor]}")"
printf '%-8s %10s %14s\n' locdoc "$at_least${best[locdoc]}" "$at_least$(mb "${peak[locdoc]}")"
printf 'ratio locdoc/floor: %s%s (target <= 2.00); locdoc peak RSS target < 1024 MB\n' \
    "$at_least" "$ratio"
if [ -n "$at_least" ]; then
    echo "(locdoc timed out after ${BENCH_TIMEOUT}s: its numbers are lower bounds)"
fi

mkdir -p "$(dirname "$JSON_OUT")"
cat >"$JSON_OUT" <<JSON
{
  "date": "$date",
  "commit": "$commit",
  "dirty": $dirty,
  "corpus": "$CORPUS_TAR",
  "files": $files,
  "bytes": $bytes,
  "cores": $cores,
  "runs": $BENCH_RUNS,
  "timeout_seconds": $BENCH_TIMEOUT,
  "floor": { "seconds": ${best[floor]}, "peak_rss_mb": $(mb "${peak[floor]}") },
  "locdoc": {
    "seconds": ${best[locdoc]},
    "peak_rss_mb": $(mb "${peak[locdoc]}"),
    "timed_out": ${late[locdoc]},
    "stdout_bytes": $out_bytes,
    "stderr_lines": $diagnostics
  },
  "ratio": $ratio,
  "target": { "ratio": 2.0, "peak_rss_mb": 1024 }
}
JSON
echo "bench-corpus: wrote $JSON_OUT" >&2
