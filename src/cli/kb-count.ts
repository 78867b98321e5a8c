/** Number of diseases in the shipped knowledge base; filled in once the KB loader exists. */
export function countDiseases(): number | undefined {
  return undefined;
}
