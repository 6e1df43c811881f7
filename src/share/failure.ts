/**
 * The ways a link can fail to open, and the sentence each one shows. Readers throw a
 * LinkFailure (or the byte reader's ReadError); decodeLink turns either into a LinkError.
 */

export type LinkErrorKind =
  | 'truncated'
  | 'corrupt'
  | 'future-version'
  | 'unknown-format'
  | 'too-large'
  | 'invalid-scenario'
  | 'absurd-machine';

export interface LinkError {
  kind: LinkErrorKind;
  /** A sentence for whoever clicked the link: what is wrong with it. */
  message: string;
}

export class LinkFailure extends Error {
  constructor(
    readonly kind: LinkErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const AGAIN = 'Copy the whole link again from where it was shared.';

export function truncated(detail: string): LinkFailure {
  return new LinkFailure(
    'truncated',
    `This link is incomplete: its end was cut off when it was copied (${detail}). ${AGAIN}`,
  );
}

export function corrupt(detail: string): LinkFailure {
  return new LinkFailure(
    'corrupt',
    `This link is damaged: some of its characters were changed after it was made (${detail}), ` +
      `so the scenario in it cannot be trusted. ${AGAIN}`,
  );
}
