#!/usr/bin/env bash
# Times tact against its peers on the same text, whole process, alternating runs (DESIGN §14):
# proselint (Python prose linter), alex (Node insensitive-writing linter) and VADER (Python
# sentiment lexicon), on the 4,285 real posts of ../shared/corpus/benign-posts.jsonl, and
# prints each peer's time divided by tact's (budget: ≥ 50× proselint, ≥ 100× alex, ≥ 5× VADER).
#
# The peers are installed into target/peers/ (pip --target, npm --prefix), never globally;
# a second run reuses them. tact is the release build (built if missing).
#
#   benches/peers.sh [ROUNDS]     # default 3 rounds of every tool, alternating
#
# tact checks every post on its own (`--jsonl text`); proselint and alex read the posts as one
# text file, one post per paragraph; VADER scores every post (a one-line Python loop).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
CORPUS=../shared/corpus/benign-posts.jsonl
[ -f "$CORPUS" ] || { echo "peers.sh: $CORPUS is missing (run next to ../shared)" >&2; exit 2; }
PEERS=target/peers
mkdir -p "$PEERS"

if [ ! -x target/release/tact ]; then cargo build --release --quiet; fi
if [ ! -d "$PEERS/py/proselint" ] || [ ! -d "$PEERS/py/vaderSentiment" ]; then
  echo "installing proselint and vaderSentiment into $PEERS/py …" >&2
  python3 -m pip install --quiet --disable-pip-version-check --target "$PEERS/py" proselint vaderSentiment >&2
fi
if [ ! -x "$PEERS/node/node_modules/.bin/alex" ]; then
  echo "installing alex into $PEERS/node …" >&2
  npm install --silent --no-audit --no-fund --prefix "$PEERS/node" alex >&2
fi

TEXT="$PEERS/posts.txt"
python3 -c '
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for line in f:
        out.write(json.loads(line)["text"].replace("\n", " ") + "\n\n")
' "$CORPUS" "$TEXT"

VADER="$PEERS/vader.py"
cat > "$VADER" <<'EOF'
import sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
a = SentimentIntensityAnalyzer()
n = 0
for post in open(sys.argv[1]).read().split("\n\n"):
    if post.strip():
        a.polarity_scores(post)
        n += 1
print(n, "posts scored")
EOF

export PYTHONPATH="$PWD/$PEERS/py"
declare -A CMD=(
  [tact]="target/release/tact check --format json --jsonl text $CORPUS"
  [proselint]="python3 -m proselint check $TEXT"
  [alex]="$PEERS/node/node_modules/.bin/alex $TEXT"
  [vader]="python3 $VADER $TEXT"
)
ORDER=(tact proselint tact alex tact vader)
declare -A TOTAL=() RUNS=()
for name in "${!CMD[@]}"; do TOTAL[$name]=0; RUNS[$name]=0; done

# Warm-up: every tool once (file cache, Python byte-code), not timed.
# A tool that cannot run (usage error, missing module) fails the script instead of timing
# its error message.
for name in tact proselint alex vader; do
  out=$(${CMD[$name]} 2>&1 || true)
  if grep -qE "^usage:|Traceback|invalid choice|command not found|Cannot find module" <<<"$out"; then
    echo "peers.sh: $name does not run: $(head -c 400 <<<"$out")" >&2
    exit 2
  fi
done

for ((r = 1; r <= ROUNDS; r++)); do
  for name in "${ORDER[@]}"; do
    start=$(date +%s.%N)
    # Linters exit non-zero when they find something: that is not a failure here.
    ${CMD[$name]} >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    TOTAL[$name]=$(echo "${TOTAL[$name]} + $end - $start" | bc -l)
    RUNS[$name]=$((RUNS[$name] + 1))
  done
done

mean() { echo "${TOTAL[$1]} / ${RUNS[$1]}" | bc -l; }
T=$(mean tact)
printf '%-10s %8s %8s  %s\n' tool "mean s" runs "tool / tact"
for name in tact proselint alex vader; do
  m=$(mean "$name")
  printf '%-10s %8.3f %8d  %6.1f×\n' "$name" "$m" "${RUNS[$name]}" "$(echo "$m / $T" | bc -l)"
done
