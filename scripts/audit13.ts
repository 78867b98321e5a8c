// Audit: normal imaging templates returned beside a case finding naming an organ the template declares normal.
import { loadCatalog } from '../src/case/catalog.js';
import { TEST_REGIONS } from '../src/case/body-regions.js';
import { caseFindings } from '../src/case/case-findings.js';
import { allCases, encounterAnswer } from '../test/support/lab-consistency.js';
const catalog = loadCatalog();
const answer = encounterAnswer();
const ORGANS = ['liver', 'hepat', 'spleen', 'splen', 'kidney', 'renal', 'gallbladder', 'pancrea', 'appendi', 'lymph', 'axillary', 'thyroid', 'nodul', 'testi', 'ovar', 'uter', 'aort', 'pleura', 'effusion', 'mass', 'fracture', 'bladder', 'sinus', 'mediastin', 'hilar', 'cardiomegal', 'pericard', 'ventric', 'valv', 'carotid', 'vein', 'thromb', 'bowel', 'colon', 'stomach', 'oesophag', 'esophag', 'duoden', 'ascites', 'disc', 'cord', 'joint', 'bone', 'retina', 'optic', 'lens', 'cornea'];
const counts = new Map<string, number>();
for (const { kase } of allCases().cases) {
  const f = caseFindings(kase);
  for (const t of catalog.tests) {
    if (!TEST_REGIONS[t.id]) continue;
    const a = await answer(kase, t, catalog);
    if (a.decision !== 'synthetic' || a.result.text !== t.normal.text) continue;
    const tn = ' ' + (t.normal.text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ');
    for (const o of ORGANS) {
      if (!tn.includes(' ' + o)) continue;
      const hit = f.find((x) => x.source !== 'diagnosis' && (' ' + x.text).includes(' ' + o));
      if (hit) { const k = `${t.id}|${o}`; counts.set(k, (counts.get(k) ?? 0) + 1); if (process.argv.slice(2).some((w) => k === w)) console.log(`${kase.id} ${t.id} [${o}] ${hit.source}: ${hit.text}`); }
    }
  }
}
console.log([...counts].sort((a, b) => b[1] - a[1]));
