import { runServe } from './cli/serve.js';

await runServe();
