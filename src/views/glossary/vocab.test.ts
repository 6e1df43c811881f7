/** Every word the views print as a glossary term has an entry. */
import { describe, expect, it } from 'vitest';
import { termByKey } from '../../glossary';
import {
  HMM_WORD_TERM,
  MEMORY_TYPE_TERM,
  MIRROR_TAG_TERM,
  PAGE_FIELDS,
  PAGE_FLAG_TERM,
  PTE_BIT_TERM,
  PTE_KIND_TERM,
  RESIDENCE_TERM,
  SWAP_TYPES,
  pageFieldTerm,
} from './vocab';

describe("the views' vocabularies", () => {
  it('all have glossary entries', () => {
    const keys = [
      ...Object.values(PTE_KIND_TERM),
      ...Object.values(PTE_BIT_TERM),
      ...SWAP_TYPES,
      ...Object.values(PAGE_FLAG_TERM),
      ...PAGE_FIELDS.map(pageFieldTerm),
      ...Object.values(MEMORY_TYPE_TERM).flatMap((m) => Object.values(m)),
      ...Object.values(RESIDENCE_TERM),
      ...Object.values(MIRROR_TAG_TERM),
      ...Object.values(HMM_WORD_TERM),
      'mirror:encoding',
    ];
    expect(keys.filter((k) => !termByKey(k))).toEqual([]);
  });
});
