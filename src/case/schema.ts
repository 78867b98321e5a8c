import { z } from 'zod';
import { EhrSection } from './ehr-schema.js';

/** Lower-case slug used for case, fact and test ids. */
export const Slug = z.string().regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a lower-case slug such as "chest-pain" (letters, digits, - _ .)');

export const FACT_CATEGORIES = ['history', 'symptom', 'ros', 'pmh', 'medication', 'allergy', 'social', 'family', 'exam', 'other'] as const;
export const FactCategory = z.enum(FACT_CATEGORIES);

/** Examination targets the examiner understands; anything else is an unknown target. */
export const EXAM_TARGETS = [
  'general',
  'vitals',
  'heent',
  'eyes',
  'ears',
  'throat',
  'neck',
  'lymph',
  'cardiovascular',
  'respiratory',
  'breast',
  'abdomen',
  'rectal',
  'genitourinary',
  'pelvic',
  'neuro',
  'mental-status',
  'skin',
  'msk',
  'extremities',
] as const;
export const ExamTarget = z.enum(EXAM_TARGETS);

export const Fact = z
  .object({
    id: Slug,
    category: FactCategory,
    topic: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    answer: z.string().min(1),
  })
  .strict();
export type Fact = z.infer<typeof Fact>;

export const ResultFlag = z.enum(['normal', 'low', 'high', 'critical-low', 'critical-high', 'abnormal', 'positive', 'negative']);
export type ResultFlag = z.infer<typeof ResultFlag>;

export const ResultComponent = z
  .object({
    value: z.union([z.number(), z.string()]),
    unit: z.string().optional(),
    flag: ResultFlag.optional(),
    range: z.string().optional(),
  })
  .strict();
export type ResultComponent = z.infer<typeof ResultComponent>;

/** A test result: a report text, a single value, or named components (e.g. a CBC). */
export const Result = z
  .object({
    text: z.string().min(1).optional(),
    value: z.union([z.number(), z.string()]).optional(),
    unit: z.string().optional(),
    flag: ResultFlag.optional(),
    range: z.string().optional(),
    components: z.record(z.string(), ResultComponent).optional(),
  })
  .strict()
  .refine((r) => r.text !== undefined || r.value !== undefined || r.components !== undefined, {
    message: 'a result needs a text, a value or components',
  });
export type Result = z.infer<typeof Result>;

export const Source = z
  .object({
    kind: z.enum(['synthetic', 'adapted', 'imported']),
    author: z.string().min(1),
    license: z.string().default('CC-BY-4.0'),
    url: z.string().optional(),
    dataset: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

export const Persona = z
  .object({
    style: z.string().optional(),
    mood: z.string().optional(),
    literacy: z.enum(['low', 'medium', 'high']).optional(),
    language: z.string().optional(),
  })
  .strict();

export const Patient = z
  .object({
    age: z.number().min(0).max(120),
    /** Age unit for infants; years by default. */
    age_unit: z.enum(['years', 'months', 'weeks', 'days']).default('years'),
    sex: z.enum(['male', 'female', 'other']),
    /** Who answers: the patient, or a caregiver for infants and young children. */
    speaker: z.enum(['self', 'mother', 'father', 'parent', 'caregiver', 'partner', 'relative']).default('self'),
    persona: Persona.default({}),
  })
  .strict();

export const Diagnosis = z
  .object({
    name: z.string().min(1),
    icd10: z.string().regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/, 'must be an ICD-10-CM code such as I21.19'),
    accept: z.array(z.string().min(1)).default([]),
    partial: z.array(z.string().min(1)).default([]),
    /** What a patient would call it ("heart attack", "my appendix"): the LLM patient's leak guard catches these too. */
    lay: z.array(z.string().min(1)).optional(),
    /** `inferred`: the code was assigned from the ICD-10-CM index by an importer, not written by the case's author. */
    icd10_source: z.enum(['inferred']).optional(),
    /** The index path or code title the inferred code came from. */
    icd10_term: z.string().optional(),
  })
  .strict();

/**
 * A rubric criterion (HealthBench): points from −10 to 10 (negative for harmful behaviour), or a GAPS-style level
 * instead (A1/A2/A3 must/should/nice-to-have, S1–S4 safety severity; src/scoring/rubric.ts gives their points).
 */
export const RubricItem = z
  .object({
    criterion: z.string().min(1),
    points: z.number().min(-10).max(10).optional(),
    level: z.enum(['A1', 'A2', 'A3', 'S1', 'S2', 'S3', 'S4']).optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict()
  .refine((i) => i.points !== undefined || i.level !== undefined, { message: 'a rubric item needs points (−10 to 10) or a level (A1–A3, S1–S4)' });

/** One message of a conversation the doctor answers (HealthBench's `prompt`): who spoke and what they said. */
export const ConversationMessage = z
  .object({
    role: z.enum(['system', 'user', 'assistant']),
    content: z.string().min(1, 'a conversation message needs text'),
  })
  .strict();
export type ConversationMessage = z.infer<typeof ConversationMessage>;

/**
 * A conversation to reply to (the `respond` protocol): at least one message, and it ends with the user's turn, which
 * the doctor answers with the next assistant message.
 */
export const Conversation = z
  .array(ConversationMessage)
  .min(1, 'a conversation needs at least one message')
  .refine((m) => m.length === 0 || m[m.length - 1].role === 'user', {
    message: 'a conversation must end with a user message, which the doctor answers',
  });

export const Expected = z
  .object({
    must_ask: z.array(Slug).default([]),
    must_order: z.array(Slug).default([]),
    must_not: z.array(Slug).default([]),
    rubric: z.array(RubricItem).default([]),
    /** Catalog tests that establish this diagnosis: committing before any of them is resulted is "committed without confirmation". */
    confirm_with: z.array(Slug).optional(),
    /** Diagnoses that must appear in the final differential because missing them kills (e.g. aortic dissection beside a suspected MI). */
    cant_miss: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** Optional care-pathway targets; the schema is fixed now, scoring comes later. */
export const Pathway = z
  .object({
    setting: z.string().optional(),
    disposition: z.string().optional(),
    time_critical: z.array(z.object({ action: z.string(), within_minutes: z.number().positive() }).strict()).default([]),
    treatments: z.array(z.string()).default([]),
  })
  .strict();

/** An image attached to a case: a remote http(s) or data: URL, or a file path relative to the case file. */
export const MediaItem = z
  .object({
    id: Slug,
    url: z
      .string()
      .regex(/^(https?:\/\/|data:image\/)/i, 'must be an http(s) URL or a data:image URL')
      .optional(),
    path: z.string().min(1).optional(),
    caption: z.string().default(''),
    /** Shown with the presentation, or only when the doctor asks for images. */
    revealed: z.enum(['start', 'on-request']).default('on-request'),
  })
  .strict()
  .refine((m) => (m.url === undefined) !== (m.path === undefined), { message: 'a media item needs exactly one of url or path' });
export type MediaItem = z.infer<typeof MediaItem>;

export const Case = z
  .object({
    id: Slug,
    title: z.string().min(1),
    specialty: z.string().min(1),
    tags: z.array(z.string()).default([]),
    difficulty: z.enum(['easy', 'medium', 'hard']).default('medium'),
    source: Source,
    patient: Patient,
    presentation: z.string().min(1),
    facts: z.array(Fact).default([]),
    results: z.record(z.string(), Result).default({}),
    diagnosis: Diagnosis,
    differential: z.array(z.string()).default([]),
    expected: Expected.default({ must_ask: [], must_order: [], must_not: [], rubric: [] }),
    pathway: Pathway.optional(),
    /** A conversation the doctor answers with the next assistant message (the `respond` protocol; HealthBench). */
    conversation: Conversation.optional(),
    /** Images of the case, sent to vision-capable doctors at the start or on request. */
    media: z.array(MediaItem).optional(),
    /** Free-form extra data kept from imports (e.g. an image URL). */
    extra: z.record(z.string(), z.unknown()).optional(),
    /** An EHR task over FHIR R4: the task and the records seeded into the encounter's store (see ehr-schema.ts). */
    ehr: EhrSection.optional(),
  })
  .strict();
/** A case after parsing: defaults filled in. */
export type Case = z.infer<typeof Case>;
export type CaseInput = z.input<typeof Case>;
