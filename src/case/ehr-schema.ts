import { z } from 'zod';

/**
 * The record a task runs on and the task itself (EHR over FHIR R4). Kept in
 * the case layer because a case may carry an `ehr` section; the store,
 * seeding and grading live in `ehr/`.
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2023-11-13');
const Instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/, 'must be a date-time with zone, e.g. 2023-11-13T10:15:00Z');

export const EhrProblem = z
  .object({
    icd10: z.string().min(3),
    snomed: z
      .string()
      .regex(/^\d{6,18}$/)
      .optional(),
    display: z.string().min(1),
    onset: Day.optional(),
    status: z.enum(['active', 'resolved', 'inactive']).default('active'),
  })
  .strict();

export const EhrMedication = z
  .object({
    /** MedicationRequest id in the store (lets a task ask to update this order). */
    id: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/),
    rxnorm: z.string().regex(/^\d+$/),
    display: z.string().min(1),
    /** Absent when the history names the medicine without its dose (a generated record never guesses one). */
    dose: z
      .object({ value: z.number().positive(), unit: z.string().min(1) })
      .strict()
      .optional(),
    route: z.enum(['oral', 'intravenous', 'subcutaneous', 'inhaled', 'topical']),
    frequency: z.string().min(1).optional(),
    authored: Day,
    status: z.enum(['active', 'stopped', 'completed', 'on-hold']).default('active'),
  })
  .strict();

export const EhrAllergy = z
  .object({
    display: z.string().min(1),
    /** RxNorm ingredient for a drug allergy, SNOMED substance otherwise. */
    rxnorm: z.string().regex(/^\d+$/).optional(),
    snomed: z
      .string()
      .regex(/^\d{6,18}$/)
      .optional(),
    reaction: z.string().min(1),
    criticality: z.enum(['low', 'high', 'unable-to-assess']).default('low'),
  })
  .strict();

export const EhrObservationSeries = z
  .object({
    loinc: z.string().regex(/^\d{1,7}-\d$/, 'must be a LOINC code such as 2823-3'),
    display: z.string().min(1),
    unit: z.string().min(1),
    category: z.enum(['laboratory', 'vital-signs']),
    /** [time, value] pairs. */
    values: z.array(z.tuple([Instant, z.number()])).min(1),
  })
  .strict();

/** One synthetic patient in compact form: demographics, problems, medications, allergies, observation series. */
export const EhrPatientRecord = z
  .object({
    /** The medical record number; also the Patient resource id. */
    mrn: z.string().regex(/^[A-Z][0-9]{7}$/, 'must be an MRN such as S2000001'),
    name: z.object({ given: z.array(z.string().min(1)).min(1), family: z.string().min(1) }).strict(),
    gender: z.enum(['male', 'female', 'other', 'unknown']),
    birthDate: Day,
    phone: z.string().optional(),
    address: z.object({ line: z.string(), city: z.string(), state: z.string(), postalCode: z.string() }).strict().optional(),
    problems: z.array(EhrProblem).default([]),
    medications: z.array(EhrMedication).default([]),
    allergies: z.array(EhrAllergy).default([]),
    observations: z.array(EhrObservationSeries).default([]),
  })
  .strict();
export type EhrPatientRecord = z.infer<typeof EhrPatientRecord>;

const valueShape = {
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  approx: z.number().optional(),
  tolerance: z.number().nonnegative().default(0),
  contains: z.string().optional(),
  prefix: z.string().optional(),
  present: z.boolean().optional(),
  /** Why this is the right value (a dose rule, a reference range): shown beside a failed check. */
  reason: z.string().optional(),
};
const oneKind = (c: { equals?: unknown; approx?: unknown; contains?: unknown; prefix?: unknown; present?: unknown }) =>
  [c.equals, c.approx, c.contains, c.prefix, c.present].filter((x) => x !== undefined).length === 1;
const oneKindMessage = { message: 'a check needs exactly one of equals, approx, contains, prefix or present' };

/** One check on a value: exact, within a tolerance, a substring, a prefix (for times), or mere presence. */
export const ValueCheck = z.object(valueShape).strict().refine(oneKind, oneKindMessage);
export type ValueCheck = z.infer<typeof ValueCheck>;

/** A field of a resource (dot path; arrays are searched element by element), the check on it and its name in the grade. */
export const FieldCheck = z
  .object({ ...valueShape, path: z.string().min(1), name: z.string().min(1) })
  .strict()
  .refine(oneKind, oneKindMessage);
export type FieldCheck = z.infer<typeof FieldCheck>;

/** A resource the episode must have written (`exists`) or must not have written (`absent`). */
export const ResourceAssertion = z
  .object({
    name: z.string().min(1),
    resourceType: z.string().min(1),
    /** Which written resources this is about: field checks that select (e.g. the patient and the code). */
    match: z.array(FieldCheck).default([]),
    /** Checks on the matched resource, each graded on its own. */
    fields: z.array(FieldCheck).default([]),
    absent: z.boolean().default(false),
    /** `written`: only resources the episode created or changed (default); `any`: the whole final store. */
    scope: z.enum(['written', 'any']).default('written'),
    reason: z.string().min(1),
  })
  .strict();
export type ResourceAssertion = z.infer<typeof ResourceAssertion>;

/** One FHIR call of a reference solution. */
export const ReferenceCall = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT']),
    url: z.string().min(1),
    body: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const EHR_TASK_TYPES = [
  'patient-lookup',
  'patient-age',
  'latest-value',
  'window-average',
  'record-vital',
  'potassium-replacement',
  'magnesium-replacement',
  'order-if-old',
  'referral',
  'med-reconciliation',
  'allergy-check',
  'document-problem',
  'medagentbench',
] as const;

export const EhrTask = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/),
    type: z.enum(EHR_TASK_TYPES),
    /** `query`: answer only, nothing may be written; `action`: the store's final state is graded. */
    kind: z.enum(['query', 'action']),
    instruction: z.string().min(1),
    context: z.string().default(''),
    /** The episode's clock: "it is now". */
    now: Instant,
    /** The patient the task is about (its age and sex label the encounter). */
    patient: z.string().min(1),
    /** Which shipped records are seeded (MRNs); the task's patient is always included. */
    seed: z.array(z.string()).default([]),
    expected: z
      .object({
        /** The FINISH answer, element by element; absent: the answer is not graded. */
        answer: z.array(ValueCheck).optional(),
        resources: z.array(ResourceAssertion).default([]),
      })
      .strict(),
    reference: z.object({ calls: z.array(ReferenceCall).default([]), answer: z.array(z.unknown()).default([]) }).strict(),
  })
  .strict();
export type EhrTask = z.infer<typeof EhrTask>;
export type EhrTaskInput = z.input<typeof EhrTask>;

/**
 * A case's `ehr` section: the records (compact, or raw FHIR resources from a
 * Bundle) seeded into its store, and either a task (an EHR task case) or the
 * encounter's clock `now` (a clinical case with the patient's prior record,
 * written by `rounds ehr generate`).
 */
export const EhrSection = z
  .object({
    task: EhrTask.optional(),
    /** The encounter's time for a clinical case: observations at or after it are the encounter's own results and are not seeded. */
    now: Instant.optional(),
    records: z.array(EhrPatientRecord).default([]),
    resources: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .strict()
  .refine((s) => s.task !== undefined || s.now !== undefined, { message: 'an ehr section needs a task, or now (the encounter time) for a clinical case' });
export type EhrSection = z.infer<typeof EhrSection>;
