// Hand-sized knowledge bases for unit tests (not shipped data).
import { buildKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import type { Disease, Finding } from './schema.js';
import { Vocabulary } from '../case/vocabulary.js';

/** A vocabulary with just the topics the fixtures use. */
export function tinyVocabulary(): Vocabulary {
  return new Vocabulary([
    { topic: 'fever', category: 'symptom', question: 'Have you had any fever or chills?', synonyms: ['chills', 'temperature'] },
    { topic: 'pain radiation', category: 'symptom', question: 'Does the pain spread anywhere?', synonyms: ['radiation'] },
    { topic: 'abdominal pain', category: 'symptom', question: 'Do you have any abdominal pain?', synonyms: ['belly pain', 'stomach pain'] },
    { topic: 'cough', category: 'symptom', question: 'Do you have a cough?', synonyms: [] },
    { topic: 'travel', category: 'social', question: 'Have you travelled recently?', synonyms: ['trip'] },
  ]);
}

const finding = (id: string, how: Finding['how'], background: number): Finding => ({ id, label: id, how, background });
const disease = (id: string, prior: number, findings: Record<string, number>): Disease => ({
  id,
  name: id.toUpperCase(),
  icd10: 'R69',
  specialty: 'test',
  synonyms: [],
  prior,
  findings,
  confirm_with: [],
});

/**
 * Two diseases, A (prior 3) and B (prior 1), so priors are 0.75 / 0.25.
 * fever: P(f|A)=0.9, P(f|B)=0.2. rebound (abdomen exam): A lists 0.8, B
 * falls back to background 0.1. coin (a test): 0.5 for both, worthless.
 */
export function twoDiseaseKb(): KnowledgeBase {
  return buildKnowledgeBase(
    {
      findings: [
        finding('fever', { ask: 'fever' }, 0.15),
        finding('rebound', { examine: 'abdomen', match: ['rebound'] }, 0.1),
        finding('coin', { order: 'crp', flag: ['high'] }, 0.5),
      ],
      diseases: [disease('a', 3, { fever: 0.9, rebound: 0.8 }), disease('b', 1, { fever: 0.2 })],
    },
    tinyVocabulary(),
  );
}

/** A knowledge base exercising every discovery kind, for the evidence tests. */
export function evidenceKb(): KnowledgeBase {
  return buildKnowledgeBase(
    {
      findings: [
        finding('fever', { ask: 'chills' }, 0.15),
        finding('radiates-back', { ask: 'pain radiation', match: ['back', 'shoulder blades'] }, 0.05),
        finding('radiates-arm', { ask: 'pain radiation', match: ['arm', 'jaw'] }, 0.05),
        finding('rebound', { examine: 'abdomen', match: ['rebound', 'guarding'] }, 0.1),
        finding('wheeze', { examine: 'respiratory', match: ['wheeze'] }, 0.1),
        finding('wbc-high', { order: 'cbc', component: 'WBC', flag: ['high'] }, 0.2),
        finding('wbc-low', { order: 'cbc', component: 'wbc', flag: ['low'] }, 0.05),
        finding('eos-high', { order: 'cbc', component: 'Eosinophils', flag: ['high'] }, 0.05),
        finding('ua-abnormal', { order: 'urinalysis', flag: ['abnormal'] }, 0.2),
        finding('culture-positive', { order: 'blood-culture', flag: ['positive'] }, 0.05),
        finding('cxr-consolidation', { order: 'chest-xray', match: ['consolidation', 'air bronchograms'] }, 0.05),
        finding('abdominal-pain', { ask: 'abdominal pain' }, 0.1),
        finding('cough', { ask: 'cough' }, 0.1),
        finding('travel-tropics', { ask: 'travel', match: ['africa'] }, 0.02),
      ],
      diseases: [disease('x', 1, { fever: 0.5 }), disease('y', 1, { fever: 0.3 })],
    },
    tinyVocabulary(),
  );
}

/**
 * Two diseases with one finding per kind of move, for choosing tests:
 * A (prior 3) has fever 0.9, cough 0.6, rebound 0.8, crp-high 0.8;
 * B (prior 1) has fever 0.2, cough 0.4 and the backgrounds (0.1) otherwise.
 */
export function choiceKb(): KnowledgeBase {
  return buildKnowledgeBase(
    {
      findings: [
        finding('fever', { ask: 'fever' }, 0.15),
        finding('cough', { ask: 'cough' }, 0.1),
        finding('rebound', { examine: 'abdomen', match: ['rebound'] }, 0.1),
        finding('crp-high', { order: 'crp', flag: ['high'] }, 0.1),
      ],
      diseases: [disease('a', 3, { fever: 0.9, cough: 0.6, rebound: 0.8, 'crp-high': 0.8 }), disease('b', 1, { fever: 0.2, cough: 0.4 })],
    },
    tinyVocabulary(),
  );
}
