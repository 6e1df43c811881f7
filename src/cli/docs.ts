/** npm run docs: regenerate the command reference in src/scenario/README.md from the table. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withReference } from '../scenario/reference';

const file = new URL('../scenario/README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = withReference(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(`${after === before ? 'unchanged' : 'updated'}: src/scenario/README.md\n`);
