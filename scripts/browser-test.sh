#!/usr/bin/env bash
# Renders the shared sample as a site, serves it on loopback and drives it
# in headless Chromium (tests/browser/site.mjs, playwright-core from npm).
#
#   scripts/browser-test.sh [SAMPLE_DIR]     (default ../shared/corpus/sample)
#
# Screenshots go to target/browser/. Installs chromium (Debian) and
# playwright-core (npm, into target/browser-deps) when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sample="${1:-../shared/corpus/sample}"
[ -d "$sample/live-sxs" ] || { echo "browser-test: no sample at $sample" >&2; exit 2; }

command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
deps="target/browser-deps"
if [ ! -d "$deps/node_modules/playwright-core" ]; then
    mkdir -p "$deps"
    (cd "$deps" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund playwright-core@1 >/dev/null)
fi

site="target/browser-site"
rm -rf "$site" target/browser && mkdir -p target/browser
cargo run --locked --quiet --release -- render --out "$site" --source "$sample/en-US" "$sample/live-sxs"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$port/index.html" >/dev/null 2>&1 && break
    sleep 0.1
done
# ES modules resolve packages from the script's directory
cp tests/browser/site.mjs "$deps/site.mjs"
timeout 180 node "$deps/site.mjs" "http://127.0.0.1:$port" "$root/target/browser"
ls -l target/browser
