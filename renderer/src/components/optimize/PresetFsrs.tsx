import type { Preset } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { FsrsParams } from './FsrsParams.tsx';
import { OptimizePanel } from './OptimizePanel.tsx';
import { RetentionPanel } from './RetentionPanel.tsx';

/** Settings' FSRS part for the preset shown: its parameters, Optimize / Evaluate, and the retention simulation. */
export function PresetFsrs({ preset, onChanged }: { preset: Preset; onChanged(): void }) {
  const t = useT();
  return (
    <section className="panel preset-fsrs" aria-labelledby="fsrs-heading">
      <h2 id="fsrs-heading">{t.optimize.section}</h2>
      <FsrsParams preset={preset} onSaved={onChanged} />
      <OptimizePanel preset={preset} onChanged={onChanged} />
      <RetentionPanel preset={preset} />
    </section>
  );
}
