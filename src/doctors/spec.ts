// The doctor spec is the shared plug-in spec (src/util/spec.ts); these names stay for the doctors' imports.
export { parseSpec as parseDoctorSpec, numberOption, checkOptions, type Spec as DoctorSpec } from '../util/spec.js';
