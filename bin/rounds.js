#!/usr/bin/env node
// The CLI runs from TypeScript source through tsx, so there is no build step
// between `npm install` and `npx rounds`.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
