// A hand-sized case and catalog for the knowledge-base doctors' unit tests (not shipped data).
import { Case } from '../case/schema.js';
import { Catalog } from '../case/catalog.js';

/** A case of disease A from choiceKb (kb/tiny-kb.fixture.ts): fever, rebound and a high CRP. */
export const tinyCase = Case.parse({
  id: 'tiny-a-001',
  title: 'Tiny',
  specialty: 'test',
  source: { kind: 'synthetic', author: 'test' },
  patient: { age: 30, sex: 'male' },
  presentation: 'A 30-year-old man feels unwell.',
  facts: [
    { id: 'fever', category: 'symptom', topic: 'fever', answer: "I've been burning up since yesterday." },
    { id: 'exam-abdomen', category: 'exam', topic: 'abdomen', answer: 'Rebound tenderness in the right lower quadrant.' },
  ],
  results: { crp: { value: 80, unit: 'mg/L', flag: 'high' } },
  diagnosis: { name: 'A', icd10: 'R69' },
});

/** The two tests the tiny case can be ordered. */
export const tinyCatalog = new Catalog(
  ['crp', 'cbc'].map((id) => ({ id, name: id, aliases: [], category: 'lab' as const, price: { usd: 8, source: 'test' }, normal: { value: 1 } })),
);
