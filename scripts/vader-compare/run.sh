#!/usr/bin/env bash
# Accuracy of Touchpulse's `sentiment` command vs the vader-sentiment npm package on our labelled sets:
# by default the tuning set (cx-sentiment.tsv, which the rules were tuned on, so it flatters us) and the
# held-out set (cx-sentiment-holdout.tsv, the honest numbers), plus general review text (UCI sentiment labelled
# sentences, from the `sentiment` npm package's fixtures: see uci-to-tsv.js). Or pass the .tsv files to compare.
# Needs node/npm (installs vader-sentiment here, not in the product) and a built jar (mvn -q -DskipTests package).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
if [ "$#" -gt 0 ]; then
  sets=()
  for f in "$@"; do sets+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
else
  sets=("$root/streams-app/src/test/resources/eval/cx-sentiment.tsv"
        "$root/streams-app/src/test/resources/eval/cx-sentiment-holdout.tsv")
fi
cd "$here"
[ -d node_modules/vader-sentiment ] && [ -d node_modules/sentiment ] || npm install --silent --no-audit --no-fund >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ "$#" -eq 0 ]; then
  node uci-to-tsv.js "$tmp/uci-sentences.tsv"
  sets+=("$tmp/uci-sentences.tsv")
fi
specs=()
for eval in "${sets[@]}"; do
  name="$(basename "$eval" .tsv)"
  tail -n +2 "$eval" | cut -f3- > "$tmp/$name.txt"
  start=$(date +%s.%N)
  java -jar "$root/streams-app/target/touchpulse.jar" sentiment < "$tmp/$name.txt" > "$tmp/$name.jsonl"
  end=$(date +%s.%N)
  specs+=("$name=$eval,$tmp/$name.jsonl,$(echo "$end - $start" | bc)")
done
node compare.js "${specs[@]}"
