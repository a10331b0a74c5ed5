/**
 * score.py's command line, on the TypeScript port — to check the port against the original:
 *
 *   node bin/jixiao.js convert ../shared/field --out /tmp/x --no-progress
 *   diff <(python3 ../shared/field/score.py ../shared/field/truth.json /tmp/x --json) \
 *        <(npx tsx scripts/field/score-cli.ts ../shared/field/truth.json /tmp/x --json)
 *
 * Without `--json` it prints what score.py prints: the first 60 fails and the summary line.
 */
import { loadTruth, readOutputDir, scoreField, scoreJson, summaryLine } from './score.js';

const [truthPath, out] = process.argv.slice(2).filter((a) => a !== '--json');
if (!truthPath || !out) {
  console.error('usage: npx tsx scripts/field/score-cli.ts TRUTH.json OUTDIR [--json]');
  process.exit(2);
}
const score = scoreField(await loadTruth(truthPath), await readOutputDir(out));
if (process.argv.includes('--json')) {
  console.log(scoreJson(score));
} else {
  for (const f of score.fails.slice(0, 60)) console.log(`  - ${f}`);
  if (score.fails.length > 60) console.log(`  ... ${score.fails.length - 60} more`);
  console.log(summaryLine(score.metrics));
}
