/** npm run rooms [DIR]: the rooms report of a checkout (this one by default); see rooms.ts. */
import { resolve } from 'node:path';
import { report } from './rooms';

process.stdout.write(report(resolve(process.argv[2] ?? '.')));
