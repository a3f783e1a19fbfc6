// Writes the UCI "Sentiment Labelled Sentences" set (Kotzias et al., KDD 2015; 1,000 Amazon, Yelp and IMDb
// sentences each, labelled positive/negative; CC BY 4.0), as shipped in the test fixtures of the `sentiment`
// npm package, as an eval .tsv (label, category, text). General (non-CX) review text: our check that the
// customer-experience rules do not cost accuracy elsewhere. No neutral gold labels: a neutral prediction counts as wrong.
// usage: node uci-to-tsv.js OUT.tsv
'use strict';
const fs = require('fs');
const path = require('path');
const dir = path.join(path.dirname(require.resolve('sentiment/package.json')), 'test', 'fixtures');
const lines = ['label\tcategory\ttext'];
for (const source of ['amazon', 'yelp', 'imdb']) {
  for (const row of require(path.join(dir, `${source}.json`))) {
    const text = row.text.replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${row.class === 1 ? 'positive' : 'negative'}\t${source}\t${text}`);
  }
}
fs.writeFileSync(process.argv[2], lines.join('\n') + '\n');
