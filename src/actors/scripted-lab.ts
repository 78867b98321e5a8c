import type { Case } from '../case/schema.js';
import type { CatalogTest } from '../case/catalog-schema.js';
import type { LabReply } from '../encounter/actors.js';

/**
 * The deterministic lab: the case's result, or the catalog's normal template
 * for a test the case does not list. The template is flagged synthetic in the
 * event only; the doctor sees an ordinary result.
 */
export class ScriptedLab {
  result({ kase, test }: { kase: Case; test: CatalogTest }): LabReply {
    const listed = kase.results[test.id];
    if (listed) return { result: listed, synthetic: false };
    const { text, value, unit, range, flag, components } = test.normal;
    return {
      result: { text, value, unit, range, flag, components: components as LabReply['result']['components'] },
      synthetic: true,
    };
  }
}
