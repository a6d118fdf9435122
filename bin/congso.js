#!/usr/bin/env node
// The congso command: runs the TypeScript sources through tsx so it always matches the checkout.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
