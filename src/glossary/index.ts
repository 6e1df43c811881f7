/** The glossary room's public face: the entries and their look-ups. */
export { GLOSSARY, KERNEL_VERSIONS, type Term, type TermKind, type Where } from './terms';
export {
  kernelWords,
  modelSource,
  sourcesFor,
  sourceUrl,
  splitTerms,
  termByKey,
  type ModelSource,
  type Piece,
} from './lookup';
