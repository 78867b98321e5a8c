import { randomBytes } from 'node:crypto';
import type { Catalog } from '../case/catalog.js';
import type { Actors } from '../encounter/actors.js';
import { Action } from '../encounter/actions.js';
import type { DoctorView } from '../encounter/view.js';
import { renderItems } from '../doctors/llm/prompt.js';
import { MCP_NAME } from '../doctors/http/mcp-doctor.js';
import type { CaseSource } from '../gym/case-source.js';
import { EncounterSession } from '../session/session.js';
import { resolveProtocol } from '../run/resolve-protocol.js';
import type { Store } from '../store/store.js';
import { ConfigError, RoundsError } from '../util/errors.js';

export interface StartCaseInput {
  suite?: string;
  case_id?: string;
  random?: boolean;
  doctor_name: string;
  protocol?: string;
  seed?: string;
}

/**
 * One MCP client's seat: at most one encounter at a time, stored as a
 * one-encounter run for `mcp:<doctor_name>` and scored when it ends. Every
 * method returns the text the client sees.
 */
export class McpSession {
  private current: { rec: EncounterSession; random: boolean; doctor: string } | undefined;

  constructor(
    private readonly deps: { store: Store; catalog: Catalog; actors: Actors; cases: CaseSource },
    /** Told whether the encounter now open has a health record, so the server can show or hide the FHIR tools. */
    private readonly onRecord: (hasRecord: boolean) => void = () => {},
  ) {}

  /** Starts a case; refuses while another encounter of this session is still open. */
  async start(input: StartCaseInput): Promise<string> {
    if (this.current && !this.current.rec.ended) throw new RoundsError('An encounter is already in progress in this session: diagnose to finish it first.');
    if (!MCP_NAME.test(input.doctor_name))
      throw new ConfigError('doctor_name must be 1-40 letters, digits, dots, dashes or underscores, starting with a letter or digit.');
    const seed = input.seed ?? randomBytes(4).toString('hex');
    const picked = this.deps.cases.pick({ suite: input.suite, caseId: input.case_id, random: input.random, seed });
    const protocol = resolveProtocol(input.protocol ?? 'default');
    const doctor = `mcp:${input.doctor_name}`;
    const rec = await EncounterSession.open({
      store: this.deps.store,
      kase: picked.kase,
      protocol,
      catalog: this.deps.catalog,
      actors: this.deps.actors,
      seed,
      doctor,
      suite: input.suite,
      seat: 'mcp',
    });
    this.current = { rec, random: picked.random, doctor };
    const v = rec.encounter.view();
    const p = v.patient;
    this.onRecord(Boolean(v.ehr || v.record));
    return [
      `Case started for ${doctor} (run ${rec.runId}${picked.random ? '' : `, case ${picked.kase.id}`}, protocol ${protocol.name}, seed ${seed}).`,
      `Patient: ${p.age} ${p.ageUnit} old, ${p.sex}${p.speaker === 'self' ? '' : `; the patient's ${p.speaker} answers for them`}.`,
      v.presentation,
      ...(v.ehr
        ? [
            `EHR task ${v.ehr.taskId}: the FHIR server's base URL is ${v.ehr.fhirBase}; it is ${v.ehr.now} now. Use fhir_search, fhir_read, fhir_create and fhir_update, then finish with the answer.`,
          ]
        : []),
      ...(v.record
        ? [
            `The patient's record (patient id ${v.record.patient}) is on the FHIR server at ${v.record.fhirBase}; it is ${v.record.now} now. fhir_search and fhir_read read it.`,
          ]
        : []),
      status(v),
    ].join('\n');
  }

  /** Applies one action and renders what came back; the final action also reports the verdict and scores. */
  async act(action: Action): Promise<string> {
    const cur = this.current;
    if (!cur || cur.rec.ended) throw new RoundsError('No encounter is in progress: call start_case first.');
    const observation = await cur.rec.step(Action.parse(action));
    const lines = [renderItems(observation.items)];
    if (!cur.rec.ended) lines.push(status(cur.rec.encounter.view()));
    else lines.push(this.outcome());
    return lines.join('\n');
  }

  /** Where the encounter stands. */
  status(): string {
    const cur = this.current;
    if (!cur) return 'No case started yet: call start_case.';
    if (cur.rec.ended) return this.outcome();
    const v = cur.rec.encounter.view();
    return `${cur.doctor} on ${cur.random ? 'a randomly picked case' : `case ${cur.rec.kase.id}`}. ${v.presentation}\n${status(v)}`;
  }

  private outcome(): string {
    const cur = this.current!;
    const enc = cur.rec.encounter;
    const r = cur.rec.result!;
    const score = (name: string) => r.scores.find((s) => s.name === name);
    const dx = score('diagnosis');
    const ehr = score('ehr');
    const failed = r.scores.filter((s) => s.name.startsWith('ehr:') && s.value === 0).map((s) => `${s.name.slice(4)}: ${s.detail}`);
    return [
      `The encounter has ended (${enc.endReason}). Verdict: ${r.verdict}${dx?.value !== undefined && dx.value !== null ? ` (diagnosis score ${dx.value})` : ''}${ehr ? ` (EHR task score ${ehr.value})` : ''}.`,
      ...(failed.length ? [`Failed checks: ${failed.join('; ')}`] : []),
      `Case ${cur.rec.kase.id}: ${cur.rec.kase.diagnosis.name}. Cost $${enc.cost.toFixed(2)} in ${enc.turn} turns.`,
      `Stored as run ${cur.rec.runId} (encounter ${cur.rec.encounterId}); see \`rounds runs show ${cur.rec.runId}\`.`,
    ].join('\n');
  }

  /** Ends an unfinished encounter as abandoned (the client went away), so it is counted apart, not lost. */
  async close(): Promise<void> {
    if (this.current && !this.current.rec.ended) await this.current.rec.fail('abandoned', 'The MCP client disconnected before diagnosing.');
  }
}

function status(v: DoctorView): string {
  const budget = v.budgetLeft === null ? '' : `, $${v.budgetLeft.toFixed(2)} of budget left`;
  return `[Turn ${v.turn} of ${v.protocol.maxTurns} used; ${v.turnsLeft} left; spent $${v.cost.toFixed(2)}${budget}.]`;
}
