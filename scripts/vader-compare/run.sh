#!/usr/bin/env bash
# Accuracy of Touchpulse's `sentiment` command vs the vader-sentiment npm package on our labelled set.
# Needs node/npm (installs vader-sentiment here, not in the product) and a built jar (mvn -q -DskipTests package).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
eval="${1:-$root/streams-app/src/test/resources/eval/cx-sentiment.tsv}"
cd "$here"
[ -d node_modules/vader-sentiment ] || npm install --silent --no-audit --no-fund >/dev/null
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tail -n +2 "$eval" | cut -f3- > "$tmp/texts.txt"
start=$(date +%s.%N)
java -jar "$root/streams-app/target/touchpulse.jar" sentiment < "$tmp/texts.txt" > "$tmp/ours.jsonl"
end=$(date +%s.%N)
node compare.js "$eval" "$tmp/ours.jsonl" "$(echo "$end - $start" | bc)"
