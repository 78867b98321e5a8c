// Vitest global setup: compile src/ to dist/ once per test run, so every
// test that spawns bin/rounds.js runs the compiled CLI (fast to start, as
// users get it) built from the code under test.
import { buildCli } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
