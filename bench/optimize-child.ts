/**
 * One measured optimizer run in its own process, so its peak RSS (the fit's worker thread
 * included: it lives in this process) is its own. Prints one JSON line. Usage:
 *   tsx bench/optimize-child.ts optimize DATA_DIR PRESET_ID NOW   optimize.run end to end
 *   tsx bench/optimize-child.ts floor DATA_DIR PRESET_ID NOW      the binding's computeParameters
 *     on the same items, once, on this thread (the items are built untimed)
 */
import { performance } from 'node:perf_hooks';
import { openMnemo } from '../core/index.ts';
import { loadBinding } from '../core/optimize/binding.ts';
import { presetHistory } from '../core/optimize/history.ts';

const rssMb = () => process.resourceUsage().maxRSS / 1024;
const [mode, dataDir, preset, now] = process.argv.slice(2);
const m = openMnemo({ dataDir: dataDir!, clock: () => Number(now) });
const presetId = Number(preset);
if (mode === 'optimize') {
  const t = performance.now();
  const result = await m.api.optimize.run({ presetId });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rssMb: rssMb(), result }));
} else {
  const binding = loadBinding();
  if (!binding.ok) throw new Error(binding.reason);
  const b = binding.binding;
  const d = await presetHistory(m.col, presetId);
  const items = Array.from(d.itemStart, (s, k) => {
    const reviews = [];
    for (let i = s; i < s + d.itemLength[k]!; i++)
      reviews.push(new b.FSRSBindingReview(d.ratings[i]!, d.deltas[i]!));
    return new b.FSRSBindingItem(reviews);
  });
  const t = performance.now();
  await b.computeParameters(items, { enableShortTerm: true, numRelearningSteps: 1 });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rssMb: rssMb() }));
}
m.close();
