#!/usr/bin/env bash
# Rebuilds docs/dashboard.png: the demo site's dashboard in headless Chromium.
# Installs Debian's chromium when it is missing (needs root, as on CI machines).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT
cargo run --release -q -- build --today 2026-11-22 --output "$out/site"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1200,1500 --screenshot="$PWD/docs/dashboard.png" "file://$out/site/index.html" 2>/dev/null
echo "wrote docs/dashboard.png"
