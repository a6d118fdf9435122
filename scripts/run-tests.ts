// Runs the given test files in the given order, `concurrency` at a time, with the spec reporter. `node --test`
// sorts its files by name; the order matters here because the slow files should start first (scripts/test.ts).
// Each file runs in its own process with this process's flags (`--import tsx`).
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const [concurrency, ...files] = process.argv.slice(2);
let failed = false;
const stream = run({ files, concurrency: Number(concurrency) });
stream.on('test:fail', () => {
  failed = true;
});
stream.on('end', () => {
  process.exitCode = failed ? 1 : 0;
});
stream.compose(new spec()).pipe(process.stdout);
