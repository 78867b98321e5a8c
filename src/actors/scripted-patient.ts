// The deterministic patient lives in ./patient/; this path stays for existing imports.
export { ScriptedPatient } from './patient/scripted-patient.js';
