import { Action } from './actions.js';
import { parseCommonAction } from './action-fast-path.js';
import type { Actors, DialogueTurn, EhrSession } from './actors.js';
import type { EncounterEvent, EndReason, EventBody, ShownMedia } from './events.js';
import type { Protocol } from './protocol.js';
import type { DoctorView, Observation, RevealedItem } from './view.js';
import type { Case, MediaItem } from '../case/schema.js';
import type { Catalog } from '../case/catalog.js';
import { createRng, type Rng } from '../util/rng.js';
import { RoundsError } from '../util/errors.js';
import { canonicalTargets } from '../case/exam-targets.js';
import { localTestName } from '../case/import/local-tests.js';
import { askSpecificText, isVagueOrder } from './vague-order.js';
import { redactSecrets } from '../util/redact.js';
import { orderResultNow } from './order-result.js';
import { orderRequestSteps, type PlannedTest } from './order-request.js';

export interface EncounterInit {
  kase: Case;
  actors: Actors;
  protocol: Protocol;
  catalog: Catalog;
  seed: string;
  /** Clock for event timestamps; injectable so tests can compare events exactly. */
  now?: () => Date;
}

/**
 * One doctor on one case: a state machine driven by `step`. It *is* its
 * append-only event list; the view, cost and turn are kept alongside only so
 * each step need not replay the log.
 */
export class Encounter {
  readonly kase: Case;
  readonly protocol: Protocol;
  readonly rng: Rng;
  /** The seed the encounter was started with. */
  readonly seed: string;
  private readonly actors: Actors;
  private readonly catalog: Catalog;
  /** The injected clock, if any; the system clock (read as Date.now, no Date per event) otherwise. */
  private readonly now: (() => Date) | undefined;
  private readonly log: EncounterEvent[] = [];
  private drained = 0;
  private history: DoctorView['history'] = [];
  private readonly shownMedia = new Set<string>();
  private startMedia: ShownMedia[] = [];
  private dialogue: DialogueTurn[] = [];
  private _turn = 0;
  private _cost = 0;
  private _inVisit = false;
  private _endReason: EndReason | undefined;
  private ehrSession: EhrSession | undefined;

  constructor(init: EncounterInit) {
    this.kase = init.kase;
    this.protocol = init.protocol;
    this.actors = init.actors;
    this.catalog = init.catalog;
    this.now = init.now;
    this.rng = createRng(init.seed);
    this.seed = init.seed;
    const p = init.kase.patient;
    this.emit({
      type: 'start',
      caseId: init.kase.id,
      protocol: init.protocol,
      seed: init.seed,
      presentation: init.kase.presentation,
      patient: { age: p.age, ageUnit: p.age_unit, sex: p.sex, speaker: p.speaker },
    });
    const atStart = (init.kase.media ?? []).filter((m) => m.revealed === 'start').map(shown);
    if (atStart.length) {
      for (const m of atStart) this.shownMedia.add(m.id);
      this.startMedia = atStart;
      this.emit({ type: 'image', turn: 0, media: atStart, text: mediaText(atStart) });
    }
  }

  get ended(): boolean {
    return this._endReason !== undefined;
  }
  get endReason(): EndReason | undefined {
    return this._endReason;
  }
  get turn(): number {
    return this._turn;
  }
  get cost(): number {
    return this._cost;
  }
  get events(): readonly EncounterEvent[] {
    return this.log;
  }

  /** Events appended since the last drain, for persistence before the next step. */
  drainEvents(): EncounterEvent[] {
    const out = this.log.slice(this.drained);
    this.drained = this.log.length;
    return out;
  }

  /** What the doctor may see: the presentation and everything revealed so far. */
  view(): DoctorView {
    const p = this.kase.patient;
    return {
      presentation: this.kase.presentation,
      patient: { age: p.age, ageUnit: p.age_unit, sex: p.sex, speaker: p.speaker },
      protocol: this.protocol,
      turn: this._turn,
      turnsLeft: Math.max(0, this.protocol.maxTurns - this._turn),
      cost: this._cost,
      budgetLeft: this.protocol.budget === null ? null : Math.max(0, this.protocol.budget - this._cost),
      inVisit: this._inVisit,
      history: this.history,
      ...(this.startMedia.length ? { media: this.startMedia } : {}),
      ...(this.kase.ehr?.task ? { ehr: { taskId: this.kase.ehr.task.id, now: this.kase.ehr.task.now, fhirBase: this.actors.ehr?.base ?? '' } } : {}),
      ...(this.kase.ehr && !this.kase.ehr.task && this.actors.ehr ? { record: this.recordView(this.kase.ehr) } : {}),
      ...(this.kase.conversation ? { conversation: this.kase.conversation.map((m) => ({ ...m })) } : {}),
      ...(this.kase.media?.length ? { imagesOnRequest: this.kase.media.filter((m) => !this.shownMedia.has(m.id)).length } : {}),
    };
  }

  /** The prior record's entry for the doctor's view: the patient's id in the store and the encounter's clock. */
  private recordView(ehr: NonNullable<Case['ehr']>): NonNullable<DoctorView['record']> {
    const patient = ehr.records[0]?.mrn ?? String(ehr.resources.find((r) => r.resourceType === 'Patient')?.id ?? '');
    return { patient, now: ehr.now ?? '', fhirBase: this.actors.ehr?.base ?? '' };
  }

  /** Records a doctor-side note (deliberation) in the log without taking a turn. */
  note(author: string, kind: string, data: unknown): void {
    if (!this.ended) this.emit({ type: 'note', turn: this._turn, author, kind, data });
  }

  /** Ends the encounter with reason error, recording why; used when the doctor or a model fails. */
  fail(code: string, message: string): void {
    if (this.ended) return;
    // The message may quote a provider's or a remote doctor's error body; secrets never reach the log.
    this.emit({ type: 'error', turn: this._turn, code, message: redactSecrets(message) });
    this.finish('error');
  }

  /** Applies one doctor action and returns what the doctor observes. */
  async step(input: unknown): Promise<Observation> {
    if (this.ended) throw new RoundsError(`Encounter on case ${this.kase.id} has already ended (${this._endReason}).`);
    // Built-in doctors' everyday actions are checked without zod (same result); anything else goes through the schema.
    const fast = parseCommonAction(input);
    const parsed = fast ? { success: true as const, data: fast } : Action.safeParse(input);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'action'}: ${i.message}`).join('; ');
      this.fail('invalid-action', `The doctor returned an invalid action (${why}).`);
      return { turn: this._turn, items: [], cost: this._cost, ended: true };
    }
    const action = parsed.data;
    const turn = this._turn + 1;
    const items: RevealedItem[] = [];

    if (action.type === 'diagnose') {
      this._turn = turn;
      this.emit({ type: 'action', turn, action });
      this.emit({ type: 'diagnosis', turn, differential: action.differential, rationale: action.rationale });
      this.history.push({ turn, action, items });
      this.finish('diagnosed');
      return { turn, items, cost: this._cost, ended: true };
    }

    if (action.type === 'fhir' || action.type === 'finish') return this.stepEhr(action, turn);

    if (action.type === 'respond') {
      this._turn = turn;
      this.emit({ type: 'action', turn, action });
      if (this.kase.conversation) {
        // The reply is the encounter's product: the rubric scorer grades the conversation with it.
        this.emit({ type: 'reply', turn, text: action.message });
        this.history.push({ turn, action, items });
        this.finish('finished');
        return { turn, items, cost: this._cost, ended: true };
      }
      const text = 'This case has no conversation to reply to; a respond action is for conversation cases.';
      this.emit({ type: 'refused', turn, reason: 'no-conversation', text });
      items.push({ kind: 'notice', text });
      this.history.push({ turn, action, items });
      if (this._turn >= this.protocol.maxTurns) this.finish('turn-limit');
      return { turn, items, cost: this._cost, ended: this.ended };
    }

    if (action.type === 'image') {
      // Looking at the case's images is free and keeps the visit open, like reading the chart.
      this._turn = turn;
      this.emit({ type: 'action', turn, action });
      const want = (this.kase.media ?? []).filter((m) => !this.shownMedia.has(m.id) && (!action.ids?.length || action.ids.includes(m.id)));
      const media = want.map(shown);
      for (const m of media) this.shownMedia.add(m.id);
      const text = media.length
        ? mediaText(media)
        : (this.kase.media ?? []).length
          ? 'No further images are available for this patient.'
          : 'There are no images for this patient.';
      this.emit({ type: 'image', turn, media, text });
      if (media.length) for (const m of media) items.push({ kind: 'image', media: m, text: m.caption || `Image ${m.id}` });
      else items.push({ kind: 'notice', text });
      this.history.push({ turn, action, items });
      if (this._turn >= this.protocol.maxTurns) this.finish('turn-limit');
      return { turn, items, cost: this._cost, ended: this.ended };
    }

    const plan = this.plan(action);
    const budget = this.protocol.budget;
    if (budget !== null && this._cost + plan.charge > budget + 1e-9) {
      this._turn = turn;
      this.emit({ type: 'action', turn, action });
      const text = `This would cost $${plan.charge.toFixed(2)} and exceed the budget of $${budget.toFixed(2)} ($${(budget - this._cost).toFixed(2)} left).`;
      this.emit({ type: 'refused', turn, reason: 'budget', text });
      items.push({ kind: 'notice', text });
      this.history.push({ turn, action, items });
      this.finish('budget');
      return { turn, items, cost: this._cost, ended: true };
    }

    this._turn = turn;
    this.emit({ type: 'action', turn, action });
    for (const r of plan.refusals) {
      this.emit({ type: 'refused', turn, reason: r.reason, text: r.text });
      items.push({ kind: 'notice', text: r.text });
    }
    if (plan.visitFee > 0) {
      this.emit({ type: 'visit', turn, fee: plan.visitFee });
      this._cost += plan.visitFee;
    }
    if (action.type === 'ask') {
      this._inVisit = true;
      for (const question of plan.questions) {
        // The deterministic actors answer synchronously: an await of a plain value would still cost a promise and a tick.
        const answered = this.actors.patient.answer({ kase: this.kase, question, dialogue: this.dialogue, rng: this.rng, seed: this.seed });
        const reply = isPromiseLike(answered) ? await answered : answered;
        for (const leak of reply.leaks ?? []) this.emit({ type: 'leak', turn, text: leak.text, matched: leak.matched, withheld: leak.withheld });
        this.emit({
          type: 'answer',
          turn,
          question,
          factIds: reply.factIds,
          matched: reply.matched,
          text: reply.text,
          ...(reply.rule !== undefined ? { rule: reply.rule } : {}),
          ...(reply.confidence !== undefined ? { confidence: reply.confidence } : {}),
        });
        this.dialogue.push({ turn, question, text: reply.text, factIds: reply.factIds, matched: reply.matched });
        items.push({ kind: 'answer', question, text: reply.text });
      }
    } else if (action.type === 'examine') {
      this._inVisit = true;
      for (const target of plan.targets) {
        const examined = this.actors.examiner.examine({ kase: this.kase, target, rng: this.rng });
        const reply = isPromiseLike(examined) ? await examined : examined;
        this.emit({ type: 'exam', turn, target: reply.target, factIds: reply.factIds, normal: reply.normal, text: reply.text });
        items.push({ kind: 'exam', target: reply.target, text: reply.text });
      }
    } else {
      for (const u of plan.unrecognised) {
        // SDBench's gatekeeper answers a class of test ("some blood work") with a free request to be specific.
        if (this.protocol.vagueOrders === 'ask-specific' && isVagueOrder(u)) {
          const text = askSpecificText(u);
          this.emit({ type: 'refused', turn, reason: 'vague', text });
          items.push({ kind: 'notice', text });
          continue;
        }
        const text = `Order not recognised: "${u}". Please name a specific test.`;
        this.emit({ type: 'unrecognised', turn, request: u, text });
        items.push({ kind: 'notice', text });
      }
      for (const target of plan.examsFromOrder) {
        const examined = this.actors.examiner.examine({ kase: this.kase, target, rng: this.rng });
        const reply = isPromiseLike(examined) ? await examined : examined;
        this.emit({ type: 'exam', turn, target: reply.target, factIds: reply.factIds, normal: reply.normal, text: reply.text });
        items.push({ kind: 'exam', target: reply.target, text: reply.text });
      }
      if (plan.tests.length > 0) this._inVisit = false;
      for (const t of plan.tests) {
        if (t.local) {
          // A case-local test has no catalog entry and no public price: the case's own result, free.
          const result = this.kase.results[t.id];
          const name = localTestName(t.id);
          this.emit({
            type: 'result',
            turn,
            request: t.request,
            testId: t.id,
            name,
            price: 0,
            result,
            synthetic: false,
            local: true,
            decision: 'case',
            resolvedFrom: [t.id],
          });
          items.push({ kind: 'result', request: t.request, testId: t.id, name, price: 0, result });
          continue;
        }
        if (t.held) {
          // An analyte the catalog does not sell alone, read from the case result that holds it; billed as that result's test.
          const price = this.catalog.has(t.id) ? this.catalog.price(t.id, this.protocol.prices) : 0;
          const h = t.held;
          this._cost += price;
          this.emit({
            type: 'result',
            turn,
            request: t.request,
            testId: t.id,
            name: h.name,
            price,
            result: h.result,
            synthetic: false,
            decision: h.decision,
            resolvedFrom: h.resolvedFrom,
            reason: h.reason,
          });
          items.push({ kind: 'result', request: t.request, testId: t.id, name: h.name, price, result: h.result });
          continue;
        }
        const test = this.catalog.get(t.id)!;
        const ordered = orderResultNow({
          kase: this.kase,
          catalog: this.catalog,
          test,
          price: this.catalog.price(t.id, this.protocol.prices),
          lab: this.actors.lab,
          rng: this.rng,
        });
        const o = isPromiseLike(ordered) ? await ordered : ordered;
        this._cost += o.price;
        this.emit({
          type: 'result',
          turn,
          request: t.request,
          testId: t.id,
          name: o.name,
          price: o.price,
          result: o.result,
          synthetic: o.synthetic,
          decision: o.decision,
          resolvedFrom: o.resolvedFrom,
          reason: o.reason,
        });
        items.push({ kind: 'result', request: t.request, testId: t.id, name: o.name, price: o.price, result: o.result });
      }
    }
    this.history.push({ turn, action, items });
    if (this._turn >= this.protocol.maxTurns) this.finish('turn-limit');
    return { turn, items, cost: this._cost, ended: this.ended };
  }

  /**
   * An EHR task's step: a FHIR call against the encounter's record (free, like
   * reading the chart), or the final answer. The store is opened on the first
   * call, so encounters that never touch the record never seed one.
   */
  private async stepEhr(action: Extract<Action, { type: 'fhir' | 'finish' }>, turn: number): Promise<Observation> {
    this._turn = turn;
    this.emit({ type: 'action', turn, action });
    const items: RevealedItem[] = [];
    if (action.type === 'finish') {
      this.emit({ type: 'finish', turn, answer: action.answer });
      this.history.push({ turn, action, items });
      this.finish('finished');
      return { turn, items, cost: this._cost, ended: true };
    }
    if (!this.kase.ehr || !this.actors.ehr) {
      const text = 'This encounter has no health record to query; FHIR calls are for EHR tasks.';
      this.emit({ type: 'refused', turn, reason: 'no-record', text });
      items.push({ kind: 'notice', text });
    } else {
      this.ehrSession ??= await this.actors.ehr.open({ kase: this.kase });
      const reply = await this.ehrSession.request({ method: action.method, url: action.url, body: action.body });
      const write = (action.method === 'POST' || action.method === 'PUT') && reply.status >= 200 && reply.status < 300;
      const body = reply.body as { resourceType?: string; issue?: Array<{ diagnostics?: string; details?: { text?: string } }> };
      const diagnostics =
        body?.resourceType === 'OperationOutcome' && reply.status >= 400 ? body.issue?.map((i) => i.diagnostics ?? i.details?.text).join(' ') : undefined;
      this.emit({
        type: 'fhir',
        turn,
        method: action.method,
        url: action.url,
        status: reply.status,
        ...(action.body !== undefined ? { request: capped(action.body).value } : {}),
        ...cappedResponse(reply.body),
        ...(write ? { stored: reply.body as Record<string, unknown> } : {}),
        ...(diagnostics ? { diagnostics } : {}),
      });
      items.push({ kind: 'fhir', method: action.method, url: action.url, status: reply.status, body: reply.body });
    }
    this.history.push({ turn, action, items });
    if (this._turn >= this.protocol.maxTurns) this.finish('turn-limit');
    return { turn, items, cost: this._cost, ended: this.ended };
  }

  /** Works out what an action will do and cost before anything is revealed. */
  private plan(action: Exclude<Action, { type: 'diagnose' | 'image' | 'fhir' | 'finish' | 'respond' }>) {
    const p = this.protocol;
    const refusals: Array<{ reason: string; text: string }> = [];
    const out = {
      questions: [] as Extract<Action, { type: 'ask' }>['questions'],
      targets: [] as string[],
      tests: [] as PlannedTest[],
      unrecognised: [] as string[],
      examsFromOrder: [] as string[],
      refusals,
      visitFee: 0,
      charge: 0,
    };
    if (action.type === 'ask' || action.type === 'examine') {
      const list: unknown[] = action.type === 'ask' ? action.questions : action.targets;
      const cap = action.type === 'ask' ? p.maxQuestionsPerTurn : p.maxExamsPerTurn;
      if (list.length > cap) {
        refusals.push({
          reason: 'per-turn-limit',
          text: `Only ${cap} ${action.type === 'ask' ? 'question' : 'examination'}${cap === 1 ? '' : 's'} per turn; the first ${cap} were taken.`,
        });
      }
      if (action.type === 'ask') out.questions = action.questions.slice(0, cap);
      else {
        for (const target of action.targets.slice(0, cap)) {
          // A free-text request may name several regions ("heart and lungs"): each is examined.
          const named = canonicalTargets(target);
          if (named.length > 1) out.targets.push(...named.filter((t) => !out.targets.includes(t)));
          else if (named.length === 1 || this.kase.facts.some((f) => f.category === 'exam' && f.topic === target)) out.targets.push(target);
          else
            refusals.push({
              reason: 'unknown-target',
              text: `"${target}" is not an examination target. Try general, vitals, heent, neck, cardiovascular, respiratory, abdomen, neuro, skin, msk or extremities.`,
            });
        }
      }
      out.visitFee = this._inVisit ? 0 : p.visitFee;
      out.charge = out.visitFee;
      return out;
    }
    for (const request of action.tests) {
      for (const step of orderRequestSteps(this.kase, this.catalog, request)) {
        if ('test' in step) {
          const t = step.test;
          if (!step.once || !out.tests.some((x) => x.id === t.id)) out.tests.push(t);
        } else if ('exam' in step) {
          if (!out.examsFromOrder.includes(step.exam)) out.examsFromOrder.push(step.exam);
        } else out.unrecognised.push(step.unrecognised);
      }
    }
    if (out.tests.length > p.maxTestsPerTurn) {
      const dropped = out.tests.splice(p.maxTestsPerTurn);
      refusals.push({
        reason: 'per-turn-limit',
        text: `Only ${p.maxTestsPerTurn} test${p.maxTestsPerTurn === 1 ? '' : 's'} per turn; not ordered: ${dropped.map((d) => d.request).join(', ')}.`,
      });
    }
    out.charge = out.tests.reduce((sum, t) => sum + this.catalog.price(t.id, p.prices), 0);
    return out;
  }

  private finish(reason: EndReason): void {
    this._endReason = reason;
    this.emit({ type: 'end', turn: this._turn, reason, cost: round2(this._cost), turns: this._turn });
  }

  private emit(body: EventBody): void {
    // Every body is a fresh literal of this class, so it becomes the event itself (no copy): seq and at are added
    // last, as a spread would add them, so the stored keys keep their order.
    const event = body as EncounterEvent;
    event.seq = this.log.length;
    event.at = this.iso();
    this.log.push(event);
  }

  private lastMs = NaN;
  private lastIso = '';

  /** The clock as an ISO string; events of one millisecond share one string instead of formatting it again. */
  private iso(): string {
    const d = this.now?.();
    const ms = d ? d.getTime() : Date.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.lastIso = (d ?? new Date(ms)).toISOString();
    }
    return this.lastIso;
  }
}

/** A case image as the doctor may see it. */
function shown(m: MediaItem): ShownMedia {
  return { id: m.id, ...(m.url ? { url: m.url } : {}), ...(m.path ? { path: m.path } : {}), caption: m.caption };
}

function mediaText(media: ShownMedia[]): string {
  return media.map((m) => `Image ${m.id}${m.caption ? `: ${m.caption}` : ''}`).join('\n');
}

/** Event bodies stay small: a FHIR body over 64 KB is kept as its first 64 KB of JSON text. */
const EVENT_BODY_CHARS = 64_000;
function capped(value: unknown): { value: unknown; truncated: boolean } {
  const text = JSON.stringify(value) ?? 'null';
  return text.length <= EVENT_BODY_CHARS ? { value, truncated: false } : { value: text.slice(0, EVENT_BODY_CHARS), truncated: true };
}
function cappedResponse(body: unknown): { response: unknown; truncated?: true } {
  const c = capped(body);
  return c.truncated ? { response: c.value, truncated: true } : { response: c.value };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Starts an encounter: emits `start` with the presentation. */
export function startEncounter(init: EncounterInit): Encounter {
  return new Encounter(init);
}
