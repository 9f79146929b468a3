// Every part of a facility's score that the planning engine reports has a label in the facility
// panel, in ru, kk and en: a new component (as 'unreliable' was, shown raw in English) fails here.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS } from '../../server/src/planning/parameters.ts';
import { score } from '../../server/src/planning/score.ts';
import { COMPONENT_LABELS } from '../../web/src/panels/facility-panel.ts';
import { en } from '../../web/src/i18n/en.ts';

describe('score component labels', () => {
  it('names every component of the score', () => {
    const s = score({ beneficiaries: 100, tcoKzt: 1e6, connection: 'none', subkind: 'hub_school', gapClass: 'lit_village', measuredFlag: 'unreliable' }, DEFAULT_PARAMETERS);
    const missing = Object.keys(s.components).filter((k) => !(k in COMPONENT_LABELS));
    expect(missing).toEqual([]);
    for (const key of Object.values(COMPONENT_LABELS)) expect(en).toHaveProperty(key);
  });
});
