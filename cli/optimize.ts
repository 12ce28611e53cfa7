import { openMnemo } from '../core/index.ts';
import type { OptimizeResult } from '../core/optimize/optimize.ts';
import { parse, UsageError } from './args.ts';

export const OPTIMIZE_HELP = `Usage: mnemo optimize [--preset NAME] [--apply] [--json]
       mnemo optimize --revert [--preset NAME]

Fits the preset's FSRS parameters to its review log (the FSRS optimizer, fsrs-rs) and
checks them first: fitted on the older 80% of the history, they are scored against the
parameters in use on the newest 20% (log loss and RMSE(bins); lower is better). With
--apply, the parameters fitted on the whole history are stored, only if they scored
better; the previous ones are kept for --revert.

Options:
  --preset NAME  the preset (default: the default preset)
  --apply        store the fitted parameters when they predict your reviews better
  --revert       put back the parameters the preset had before its last change
  --json         print the result as JSON
  --data DIR     the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help     show this help`;

const f4 = (x: number) => x.toFixed(4);

function report(r: OptimizeResult, applied: boolean, out: (s: string) => void): void {
  out(`History: ${r.reviews} reviews of ${r.cards} cards, ${r.items} items (answers on a later day)`);
  out(`Held out: the newest ${r.heldOutItems} items; fitted on the ${r.trainItems} before them`);
  out(`                 log loss   RMSE(bins)`);
  out(`  in use         ${f4(r.current.logLoss)}     ${f4(r.current.rmseBins)}`);
  out(`  fitted         ${f4(r.fitted.logLoss)}     ${f4(r.fitted.rmseBins)}`);
  out(`Fitted parameters: ${r.parameters.join(', ')}`);
  if (!r.better) out('The fitted parameters do not predict your newest reviews better: nothing changed.');
  else if (applied) out('Applied: the fitted parameters are in use (mnemo optimize --revert goes back).');
  else out('They predict your newest reviews better: run again with --apply to use them.');
}

export async function optimizeCommand(
  argv: string[],
  dataDir: string | undefined,
  out: (s: string) => void,
): Promise<number> {
  const { values } = parse(argv, {
    preset: { type: 'string' },
    apply: { type: 'boolean' },
    revert: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    out(OPTIMIZE_HELP);
    return 0;
  }
  if (values.apply && values.revert) throw new UsageError('--apply and --revert cannot be used together');
  const mnemo = openMnemo({ dataDir: values.data ?? dataDir });
  try {
    const presets = mnemo.api.presets.list();
    const preset = values.preset === undefined ? presets[0] : presets.find((p) => p.name === values.preset);
    if (!preset) {
      throw new UsageError(
        `--preset: no preset named "${values.preset}" (${presets.map((p) => p.name).join(', ')})`,
      );
    }
    if (values.revert) {
      const { parameters } = mnemo.api.optimize.revert({ presetId: preset.id });
      if (values.json) out(JSON.stringify({ preset: preset.name, parameters }));
      else
        out(
          `Reverted "${preset.name}" to ${parameters ? parameters.join(', ') : "ts-fsrs's default parameters"}`,
        );
      return 0;
    }
    const jobId = `cli-${process.pid}`;
    const result = await mnemo.api.optimize.run({ presetId: preset.id, jobId });
    const applied = values.apply === true && result.better;
    if (applied) mnemo.api.optimize.apply({ jobId });
    if (values.json) out(JSON.stringify({ preset: preset.name, ...result, applied }, null, 2));
    else report(result, applied, out);
    return 0;
  } finally {
    mnemo.close();
  }
}
