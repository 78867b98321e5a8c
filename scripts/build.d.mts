/** Compiles src/ to dist/ (see build.mjs). */
export function buildCli(): Promise<void>;
