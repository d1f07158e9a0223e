// Child process of the crash-safety test: saves the two files given, alternately and without end, to
// one path, through the same atomic write as saveModel, and says 'saving' once the first save is done.
// The test kills it (SIGKILL) at a random moment.
import { readFileSync } from 'node:fs';
import { writeFileAtomically } from '../../src/saving/sources/write-bytes.js';

const [target, a, b] = process.argv.slice(2);
const versions = [readFileSync(a), readFileSync(b)].map((buffer) => new Uint8Array(buffer));
let i = 0;
for (;;) {
  await writeFileAtomically(target, versions[i % 2], 'saveModel');
  if (i === 0) process.stdout.write('saving\n');
  i++;
}
