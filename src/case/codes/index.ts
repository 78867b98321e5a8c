export { codeTable, type CodeTable, type IndexEntry } from './code-table.js';
export { canonicalCode, categoryOf, describeCode, isBillable, billableUnder, type CodeInfo } from './lookup.js';
export { searchCodes, type CodeHit } from './search.js';
export { inferIcd10, type InferredCode } from './infer.js';
export { matchTerms, warmTermMatcher, type TermMatch } from './term-match.js';
