/** npm run sim -- FILE [--json] [--invariants] [--quiet]: see main.ts. */
import { simMain } from './main';

process.exitCode = simMain(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
