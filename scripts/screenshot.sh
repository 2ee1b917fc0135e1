#!/usr/bin/env bash
# Rebuilds the README's screenshots of the demo site in headless Chromium:
# docs/dashboard.png (the top of the dashboard), docs/board.png (its board of
# applications) and docs/prep.png (the Hooli onsite's prep sheet).
# Installs Debian's chromium when it is missing (needs root, as on CI
# machines) and Pillow from PyPI (into target/test-tools/) to cut the board out.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
pillow=target/test-tools/pillow
if [[ ! -f $pillow/.installed ]]; then
  python3 -m pip install --quiet --disable-pip-version-check --target "$pillow" pillow
  touch "$pillow/.installed"
fi
out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT
cargo run --release -q -- build --today 2026-11-22 --output "$out/site"
shot() { # width height file url
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size="$1,$2" --screenshot="$3" "$4" 2>/dev/null
}
shot 1100 4200 "$out/dashboard.png" "file://$out/site/index.html"
shot 1000 2000 "$out/prep.png" "file://$out/site/prep/hooli-senior-sre-2026-11-26-onsite/index.html"
# The board is cut out at a fixed place, below the demo's action lists:
# move the numbers if those lists change length.
PYTHONPATH="$pillow" python3 - "$out" <<'PY'
import sys
from PIL import Image
out = sys.argv[1]
dash = Image.open(f"{out}/dashboard.png")
dash.crop((0, 0, 1100, 1500)).save("docs/dashboard.png", optimize=True)
dash.crop((60, 2350, 1100, 3780)).save("docs/board.png", optimize=True)
Image.open(f"{out}/prep.png").crop((0, 0, 1000, 1660)).save("docs/prep.png", optimize=True)
PY
echo "wrote docs/dashboard.png, docs/board.png, docs/prep.png"
