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
    // One template result per test, shared like the case's own results (nothing downstream mutates a result): the
    // engine recognises it as the template without comparing it field by field again.
    let result = templates.get(test);
    if (!result) {
      const { text, value, unit, range, flag, components } = test.normal;
      templates.set(test, (result = { text, value, unit, range, flag, components: components as LabReply['result']['components'] }));
    }
    return { result, synthetic: true };
  }
}

const templates = new WeakMap<CatalogTest, LabReply['result']>();
