import { ehrActor } from '../ehr/ehr-actor.js';
import type { Actors } from '../encounter/actors.js';
import { loadVocabulary, type Vocabulary } from '../case/vocabulary.js';
import { ScriptedPatient } from './scripted-patient.js';
import { ScriptedExaminer } from './scripted-examiner.js';
import { ScriptedLab } from './scripted-lab.js';

/** The deterministic hospital: patient, examiner and lab with no model behind them. */
export function deterministicActors(vocabulary: Vocabulary = loadVocabulary()): Actors {
  const patient = new ScriptedPatient(vocabulary);
  const examiner = new ScriptedExaminer();
  const lab = new ScriptedLab();
  return {
    patient: { answer: (i) => patient.answer(i) },
    examiner: { examine: (i) => examiner.examine(i) },
    lab: { result: (i) => lab.result(i) },
    replayable: true,
    // EHR tasks get a fresh embedded FHIR store per encounter; cases without a record never open one.
    ehr: ehrActor(),
  };
}

/** Builds what the deterministic patient reads every question through (its topic index) now; `rounds serve` calls it at start. */
export function warmDeterministicActors(vocabulary: Vocabulary = loadVocabulary()): void {
  new ScriptedPatient(vocabulary).warm();
}
