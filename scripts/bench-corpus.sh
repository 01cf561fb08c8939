#!/usr/bin/env bash
# Corpus benchmark: locdoc's commands over the full span-pair corpus (and the
# English tree), each reported as a ratio to a floor measured in the same run
# (walkdir + read + pulldown-cmark parse of the same files on the same rayon
# pool; see examples/floor.rs). Reports, never asserts: exits 0 whatever the
# ratios (even when a command times out), non-zero only when something
# cannot be run.
#
#   scripts/bench-corpus.sh             # floor, model, lint, drift, incremental lint, render
#   BENCH_SCALING=1 scripts/bench-corpus.sh   # also lint on 1/4, 1/2, 1x of the corpus, 1 and 2 threads
#
# Environment (paths relative to the repository root):
#   CORPUS_TAR     span-pair tarball     (../shared/corpus/graph-docs-sxs.tar.zst)
#   BENCH_DIR      where to unpack it    (target/bench-corpus)
#   EN_TAR         English tarball       (../shared/corpus/graph-docs-en.tar.zst)
#   EN_DIR         where to unpack it    (target/en-corpus)
#   BENCH_RUNS     runs of each command, alternating; the best and the median
#                  wall times are reported (2)
#   BENCH_TIMEOUT  seconds allowed for one run (600)
#   BENCH_SCALING  1: add the scaling table (0)
#   BENCH_SKIP     measurements left out, by name ("render lint-incremental";
#                  none; never a floor): quicker runs while working on one command
#   LOCDOC_BIN     the locdoc binary to measure (target/release/locdoc, built here)
#   BASE_BIN       another locdoc binary to measure in the same run ("before")
#
# Prints a table and writes the same numbers to target/bench-corpus.json.
# See docs/benchmarks.md for how to read them.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CORPUS_TAR="${CORPUS_TAR:-../shared/corpus/graph-docs-sxs.tar.zst}"
BENCH_DIR="${BENCH_DIR:-target/bench-corpus}"
EN_TAR="${EN_TAR:-../shared/corpus/graph-docs-en.tar.zst}"
EN_DIR="${EN_DIR:-target/en-corpus}"
BENCH_RUNS="${BENCH_RUNS:-2}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-600}"
BENCH_SCALING="${BENCH_SCALING:-0}"
BENCH_SKIP="${BENCH_SKIP:-}"
BASE_BIN="${BASE_BIN:-}"
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
# unpack TAR DIR: unpacks once (a marker file remembers which tarball); an
# already unpacked DIR without a marker and without the tarball is used as is.
unpack() {
    local tar="$1" dir="$2" marker="$2/.unpacked"
    if [ ! -f "$tar" ]; then
        [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return 0
        die "tarball not found: $tar (set CORPUS_TAR / EN_TAR, or BENCH_DIR / EN_DIR to unpacked trees)"
    fi
    local tar_id
    tar_id="$(basename "$tar") $(stat -c '%s %Y' "$tar")"
    if [ -f "$marker" ] && [ "$(cat "$marker")" = "$tar_id" ]; then return 0; fi
    if [ ! -f "$marker" ] && [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && [ ! -w "$dir" ]; then
        return 0 # read-only tree unpacked by someone else
    fi
    echo "bench-corpus: unpacking $tar into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    zstd -dc -q "$tar" | tar -x -C "$dir" || die "cannot unpack $tar"
    echo "$tar_id" >"$marker"
}
unpack "$CORPUS_TAR" "$BENCH_DIR"
unpack "$EN_TAR" "$EN_DIR"
# The directories to read: the top level of each tarball (live-sxs/, en-US/).
mapfile -t inputs < <(find "$BENCH_DIR" -mindepth 1 -maxdepth 1 -type d | sort)
[ "${#inputs[@]}" -gt 0 ] || die "nothing unpacked in $BENCH_DIR"
english="$(find "$EN_DIR" -mindepth 1 -maxdepth 1 -type d | sort | head -n 1)"
[ -n "$english" ] || die "nothing unpacked in $EN_DIR"
# The locale directories of the span-pair corpus (for drift and scaling).
mapfile -t locales < <(find "${inputs[@]}" -mindepth 1 -maxdepth 1 -type d | sort)
# The page of the incremental run: one Japanese page, as if it alone changed.
page="$(find "${inputs[0]}" -path '*ja-JP/api-reference/v1.0/api/user-get.md' | head -n 1)"
[ -n "$page" ] || page="$(find "${inputs[0]}" -name '*.md' | sort | head -n 1)"

# --- build ----------------------------------------------------------------
echo "bench-corpus: building (release)" >&2
cargo build --release --quiet --bin locdoc --example floor || die "build failed"
locdoc="${LOCDOC_BIN:-target/release/locdoc}"
floor="target/release/examples/floor"

# --- runs -----------------------------------------------------------------
# Every timed run starts from a warm page cache: an untimed floor run reads
# every file first. Once is not enough: a machine that reclaims cold pages
# (seen here: 55,260 of the 99,314 files had no page cached a minute after
# a full read) would otherwise have the later, longer runs read part of the
# corpus from disk while the floor, run right after another command, does not.
warm() {
    timeout "$BENCH_TIMEOUT" "$floor" "${inputs[@]}" "$english" </dev/null >/dev/null 2>&1 || true
}
echo "bench-corpus: warming the page cache before each run" >&2
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
    elif [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
        tail -n 5 "$tmp/$name.err" >&2
        die "$name failed (exit $status)"
    fi
    read -r _ rss < <(tail -n 1 "$tmp/time")
    [[ "$rss" =~ ^[0-9]+$ ]] ||
        die "$name: cannot read the output of /usr/bin/time"
}

# The measurements: NAME FLOOR CMD... (FLOOR: the floor the ratio is to).
names=()
declare -A cmd_of=() floor_of=() stdin_of=()
add() {
    local name="$1" fl="$2"
    shift 2
    # (a floor is never left out: the ratios need it)
    case "$name" in floor*) ;; *) case " $BENCH_SKIP " in *" $name "*) return 0 ;; esac ;; esac
    names+=("$name")
    floor_of[$name]="$fl"
    cmd_of[$name]="$(printf '%q ' "$@")"
}
add floor-sxs - "$floor" "${inputs[@]}"
add floor-all - "$floor" "${inputs[@]}" "$english"
bins=("$locdoc")
[ -n "$BASE_BIN" ] && bins+=("$BASE_BIN")
for bin in "${bins[@]}"; do
    tag=""
    [ "$bin" = "$locdoc" ] || tag="base-"
    add "${tag}model" floor-sxs "$bin" model --format json "${inputs[@]}"
    add "${tag}lint" floor-all "$bin" lint --format json --source "$english" "${inputs[@]}"
    add "${tag}drift" floor-all "$bin" drift --format json --source "$english" "${locales[@]}"
done
if "$locdoc" lint --help 2>/dev/null | grep -q -- --files-from; then
    add lint-incremental floor-all "$locdoc" lint --format json --files-from - --source "$english" "${inputs[@]}"
    stdin_of[lint-incremental]="$page"
fi
render_dir="$tmp/render"
if "$locdoc" render --help >/dev/null 2>&1; then
    add render floor-sxs "$locdoc" render "${inputs[0]}" --out "$render_dir"
    render_available=true
else
    render_available=false
fi
if [ "$BENCH_SCALING" = 1 ]; then
    n="${#locales[@]}"
    quarter=("${locales[@]:0:$(((n + 3) / 4))}")
    half=("${locales[@]:0:$(((n + 1) / 2))}")
    add floor-q - "$floor" "${quarter[@]}" "$english"
    add floor-h - "$floor" "${half[@]}" "$english"
    add lint-q floor-q "$locdoc" lint --format json --source "$english" "${quarter[@]}"
    add lint-h floor-h "$locdoc" lint --format json --source "$english" "${half[@]}"
    add floor-1t - env RAYON_NUM_THREADS=1 "$floor" "${inputs[@]}" "$english"
    add lint-1t floor-1t env RAYON_NUM_THREADS=1 "$locdoc" lint --format json --source "$english" "${inputs[@]}"
fi

# Best (lowest) wall time and highest peak RSS of each measurement, runs
# alternating; one that timed out is not run again. Exit codes 0 and 1
# (lint findings) are success.
declare -A best=() peak=() late=() walls=()
for i in $(seq 1 "$BENCH_RUNS"); do
    for name in "${names[@]}"; do
        [ "${late[$name]:-false}" = true ] && continue
        rm -rf "$render_dir"
        eval "set -- ${cmd_of[$name]}"
        printf '%s\n' "${stdin_of[$name]:-}" >"$tmp/stdin"
        warm
        run "$name" "$@" <"$tmp/stdin"
        extra=""
        case "$name" in floor*) extra=" ($(cat "$tmp/$name.out"))" ;; esac
        echo "bench-corpus: run $i $name ${wall}s ${rss}KB$extra" >&2
        late[$name]="$timed_out"
        walls[$name]+="$wall "
        if [ -z "${best[$name]:-}" ] ||
            awk -v a="$wall" -v b="${best[$name]}" 'BEGIN { exit !(a < b) }'; then
            best[$name]="$wall"
        fi
        if [ "$rss" -gt "${peak[$name]:-0}" ]; then peak[$name]="$rss"; fi
    done
done
for name in "${names[@]}"; do
    case "$name" in floor*) [ "${late[$name]}" = false ] || die "the floor itself timed out" ;; esac
done
read -r files bytes < <(awk '{ print $2, $4 }' "$tmp/floor-sxs.out")
read -r files_all bytes_all < <(awk '{ print $2, $4 }' "$tmp/floor-all.out")

# --- report ---------------------------------------------------------------
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
cores="$(nproc)"
date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty=false
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then dirty=true; fi

printf '\nspan-pair corpus %s: %s files, %s MB; with the English tree: %s files, %s MB; %s cores, best and median of %s runs\n' \
    "$BENCH_DIR" "$files" "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')" \
    "$files_all" "$(awk -v b="$bytes_all" 'BEGIN { printf "%.0f", b / 1e6 }')" "$cores" "$BENCH_RUNS"
# median WALLS...: the middle wall time (the mean of the two middle ones
# for an even count); on a shared machine steadier than the best.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A mid=()
for name in "${names[@]}"; do
    # shellcheck disable=SC2086 # the walls are words
    mid[$name]="$(median ${walls[$name]})"
done
printf '%-18s %10s %8s %12s %8s %14s  %s\n' "" "wall (s)" "ratio" "median (s)" "ratio" "peak RSS (MB)" "floor"
json_rows=""
for name in "${names[@]}"; do
    at_least=""
    [ "${late[$name]}" = true ] && at_least=">"
    fl="${floor_of[$name]}"
    if [ "$fl" = - ]; then
        ratio="1.00"
        mid_ratio="1.00"
        fl_text="-"
    else
        ratio="$(awk -v l="${best[$name]}" -v f="${best[$fl]}" 'BEGIN { printf "%.2f", l / f }')"
        mid_ratio="$(awk -v l="${mid[$name]}" -v f="${mid[$fl]}" 'BEGIN { printf "%.2f", l / f }')"
        fl_text="$fl"
    fi
    printf '%-18s %10s %8s %12s %8s %14s  %s\n' "$name" "$at_least${best[$name]}" "$at_least$ratio" \
        "$at_least${mid[$name]}" "$at_least$mid_ratio" "$at_least$(mb "${peak[$name]}")" "$fl_text"
    json_rows+="$(printf '    "%s": { "seconds": %s, "ratio": %s, "median_seconds": %s, "median_ratio": %s, "floor": "%s", "peak_rss_mb": %s, "timed_out": %s },' \
        "$name" "${best[$name]}" "$ratio" "${mid[$name]}" "$mid_ratio" "$fl_text" "$(mb "${peak[$name]}")" "${late[$name]}")"$'\n'
done
if [ "$render_available" = false ]; then
    echo "render: not available"
fi
echo "targets: lint <= 2.00 (3.00 at most), model <= 1.50, drift <= 2.50; peak RSS < 1024 MB"
if [ -n "${best[lint-incremental]:-}" ]; then
    echo "lint-incremental: one changed page ($page) given with --files-from"
fi

mkdir -p "$(dirname "$JSON_OUT")"
cat >"$JSON_OUT" <<JSON
{
  "date": "$date",
  "commit": "$commit",
  "dirty": $dirty,
  "corpus": "$BENCH_DIR",
  "english": "$english",
  "files": $files,
  "bytes": $bytes,
  "files_with_english": $files_all,
  "bytes_with_english": $bytes_all,
  "cores": $cores,
  "runs": $BENCH_RUNS,
  "timeout_seconds": $BENCH_TIMEOUT,
  "render_available": $render_available,
  "measurements": {
${json_rows%,$'\n'}
  }
}
JSON
echo "bench-corpus: wrote $JSON_OUT" >&2
