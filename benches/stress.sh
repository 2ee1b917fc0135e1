#!/usr/bin/env bash
# Stress: the small hostile journals that once exhausted debrief, each run
# through `check` and `build` as a whole process, with wall time and peak
# memory from GNU time against the limits every input must stay under
# (2 s and 500 MB a command). Prints a table; exits 1 if a case is over.
#
#   bash benches/stress.sh            # the sizes of the original findings
#   bash benches/stress.sh --small    # a tenth of them (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1
if [[ ${1:-} == --small ]]; then
  scale=10
fi
limit_s=2
limit_mb=500
timer=/usr/bin/time
if [[ ! -x $timer ]]; then
  echo "benches/stress.sh needs GNU time (/usr/bin/time): apt-get install time" >&2
  exit 2
fi
cargo build --release --quiet --bin debrief
bin=$PWD/target/release/debrief
dir=${STRESS_DIR:-${TMPDIR:-/tmp}/debrief-stress}
rm -rf "$dir"
mkdir -p "$dir"

# One repository per case: content/case/x.md written by the python below.
make_case() {
  local name=$1
  mkdir -p "$dir/$name/content/case"
  printf 'timezone = "UTC"\n' >"$dir/$name/debrief.toml"
  python3 - "$dir/$name/content/case/x.md" "$name" "$scale" <<'PY'
import sys
path, name, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
head = "---\ncompany: Acme\nrole: Engineer\ndate: 2026-11-10\ninterviewers:\n  - name: Ann Lee\n"
def n(x): return max(1, x // scale)
if name == "billion-laughs":
    text = head + "a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"a{i}: &a{i} [{','.join(['*a%d' % (i - 1)] * 10)}]\n" for i in range(1, 10)) + "---\n"
elif name.startswith("keys-"):
    text = head + "".join(f"k{i}: {i}\n" for i in range(n(int(name[5:])))) + "---\n"
elif name.startswith("divs-"):
    text = head + "---\n\n" + "<div>" * n(int(name[5:])) + "\n"
elif name == "quotes-9mb":
    text = head + "---\n\n" + ">" * n(9_000_000) + "\n"
elif name == "quotes-1mb":
    text = head + "---\n\n" + ">" * n(1_000_000) + "\n"
elif name == "learned-5mb":
    text = head + 'learned: ["' + "we talked about things " * n(5_000_000 // 23) + '"]\n---\n'
elif name == "learned-1mb":
    text = head + 'learned: ["' + "we talked about things " * n(1_000_000 // 23) + '"]\n---\n'
elif name == "year-0026":
    text = head.replace("2026-11-10", "0026-11-10") + "---\n"
elif name == "far-years":
    text = head + "outcome: rejected\noutcome_on: +262142-12-31T00:00\n---\n"
elif name == "yaml-brackets":
    text = head + "x: " + "[" * n(1_000_000) + "\n---\n"
elif name.startswith("md-"):
    # Markdown markup filling a journal at the 1 MB limit.
    unit = {"md-brackets": "[", "md-stars": "*a", "md-lt": "a <", "md-links": "[a](b) ",
            "md-table": "| x |\n", "md-html": "<b>x</b>", "md-list": "- x\n"}[name]
    fill = n(1_000_000) - len(head) - 40
    text = head + "---\n\n" + ("| a |\n|---|\n" if name == "md-table" else "") + unit * (fill // len(unit)) + "\n"
else:
    raise SystemExit("unknown case " + name)
open(path, "w").write(text)
PY
}

# The review's findings at their sizes (those over the 1 MB journal limit
# are now refused at once), then Markdown markup of every kind at 1 MB.
# keys-60000, quotes-1mb and learned-1mb are the largest of those shapes
# under the limit.
cases=(billion-laughs keys-60000 keys-100000 keys-200000 divs-50000 divs-200000 quotes-1mb quotes-9mb
  learned-1mb learned-5mb year-0026 far-years yaml-brackets md-brackets md-stars md-lt md-links md-table md-html md-list)
over=0
printf '%-16s %-6s %5s %9s %9s  %s\n' case command exit seconds "peak MB" verdict
for c in "${cases[@]}"; do
  make_case "$c"
  for cmd in check build; do
    args=(-C "$dir/$c" --today 2026-11-22 -q "$cmd")
    [[ $cmd == build ]] && args+=(--keep-going)
    set +e
    "$timer" -f '%e %M' -o "$dir/time" timeout 60 "$bin" "${args[@]}" >/dev/null 2>"$dir/stderr"
    code=$?
    set -e
    read -r secs kb < <(tail -n 1 "$dir/time") || { secs=60; kb=0; }
    mb=$((kb / 1024))
    verdict=ok
    if grep -q panicked "$dir/stderr" || ((code > 2)); then
      verdict="CRASH (exit $code)"
    elif awk -v s="$secs" -v l="$limit_s" 'BEGIN { exit !(s > l) }' || ((mb > limit_mb)); then
      verdict="OVER (limits ${limit_s} s, ${limit_mb} MB)"
    fi
    [[ $verdict == ok ]] || over=1
    printf '%-16s %-6s %5s %9s %9s  %s\n' "$c" "$cmd" "$code" "$secs" "$mb" "$verdict"
  done
done
exit $over
