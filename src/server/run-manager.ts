import type { Catalog } from '../case/catalog.js';
import { withEgressPolicy, type EgressPolicy } from '../llm/egress-policy.js';
import { prepareRunYielding, startRun, type RunConfig } from '../run/start-run.js';
import { newRunId } from '../session/ids.js';
import type { Store } from '../store/store.js';
import { ApiError } from './errors.js';
import { redactSecrets } from '../util/redact.js';

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/** Runs started through the API: executed in-process, each with its own abort controller so it can be cancelled. */
export class RunManager {
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    private readonly store: Store,
    /** Models and doctor origins runs started here may reach; none unless the operator allowed them. */
    private readonly egress: EgressPolicy = { models: [], doctorOrigins: [] },
    /** The server's catalog, loaded once: parsing it for every posted run would block the event loop. */
    private readonly catalog?: Catalog,
  ) {}

  /** Validates the config, creates the run and starts it; resolves once the run is stored. */
  async start(config: RunConfig): Promise<string> {
    const runId = newRunId();
    // Fails fast (400) on an unknown doctor, suite or protocol before anything is stored.
    // Every model and doctor URL is checked as it is resolved, so no model-bearing field escapes the allow-list.
    const prepared = await withEgressPolicy(this.egress, () => prepareRunYielding(runId, config, this.catalog));
    const controller = new AbortController();
    let stored!: () => void;
    const created = new Promise<void>((resolve) => (stored = resolve));
    // The policy stays with the run's whole async life: keys and redirects are decided under it too.
    const running = withEgressPolicy(this.egress, () => startRun(this.store, config, { signal: controller.signal, onStart: () => stored() }, runId, prepared));
    const done = running.then(
      () => undefined,
      async (e: unknown) => {
        console.error(redactSecrets(`run ${runId} failed: ${(e as Error)?.stack ?? String(e)}`));
        await this.store.setRunStatus(runId, 'failed').catch(() => undefined);
      },
    );
    this.active.set(runId, { controller, done: done.finally(() => this.active.delete(runId)) });
    await Promise.race([created, running.then(() => undefined)]);
    return runId;
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Stops a run started by this server; its unfinished encounters stay resumable. */
  async cancel(runId: string): Promise<void> {
    const run = this.active.get(runId);
    if (!run) throw new ApiError(409, 'not-running', `Run ${runId} is not running in this server, so it cannot be cancelled here.`);
    run.controller.abort();
    await run.done;
  }

  /** Aborts every active run (server shutdown). */
  async stopAll(): Promise<void> {
    const all = [...this.active.values()];
    for (const r of all) r.controller.abort();
    await Promise.all(all.map((r) => r.done));
  }
}
