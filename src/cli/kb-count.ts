import { loadKnowledgeBase } from '../kb/load.js';
import { loadCatalog } from '../case/catalog.js';

/** Number of diseases in the shipped knowledge base. */
export function countDiseases(): number {
  return loadKnowledgeBase(undefined, { catalog: loadCatalog() }).diseases.length;
}
