import { z } from 'zod';
import { Slug, ExamTarget } from '../case/schema.js';

/**
 * How a finding is discovered: by asking about a topic, examining a target
 * and seeing a keyword, or ordering a test and getting an abnormal flag or a
 * keyword in the report.
 */
export const Discovery = z.union([
  /** Present when the answer on this topic is affirmative (and, if given, mentions one of the keywords). */
  z.object({ ask: z.string().min(1), match: z.array(z.string().min(1)).optional() }).strict(),
  z.object({ examine: ExamTarget, match: z.array(z.string().min(1)).min(1) }).strict(),
  z
    .object({
      order: Slug,
      /** Component name inside a panel (e.g. "WBC" in a CBC); absent means the whole test. */
      component: z.string().optional(),
      flag: z.array(z.enum(['low', 'high', 'abnormal', 'positive'])).optional(),
      match: z.array(z.string().min(1)).optional(),
    })
    .strict()
    .refine((o) => (o.flag && o.flag.length > 0) || (o.match && o.match.length > 0), {
      message: 'a test finding needs a flag list or match keywords',
    }),
]);
export type Discovery = z.infer<typeof Discovery>;

const hasBound = (b: { min?: number; max?: number }) => b.min !== undefined || b.max !== undefined;

/** Ages (years, both ends inclusive) where a finding can exist at all, e.g. a bulging fontanelle only in infants. */
export const FindingAges = z
  .object({ min: z.number().min(0).optional(), max: z.number().positive().optional() })
  .strict()
  .refine(hasBound, { message: 'an age range needs min or max' });

/** A background rate for the patients whose age (years, both ends inclusive) falls in the band. */
export const BackgroundBand = z
  .object({ min: z.number().min(0).optional(), max: z.number().positive().optional(), rate: z.number().gt(0).lt(1) })
  .strict()
  .refine(hasBound, { message: 'a background band needs min or max' });

export const Finding = z
  .object({
    id: Slug,
    label: z.string().min(1),
    how: Discovery,
    /** P(finding | none of the diseases that list it). */
    background: z.number().gt(0).lt(1),
    /** The only sex the finding can occur in (vaginal bleeding, testicular pain): never asked or scored for the other. */
    sex: z.enum(['female', 'male']).optional(),
    /** Ages where the finding can occur; outside them it is never asked or scored. */
    age: FindingAges.optional(),
    /** Background by age: the first band holding the patient's age replaces `background` (e.g. fever in toddlers). */
    background_by_age: z.array(BackgroundBand).min(1).optional(),
  })
  .strict();
export type Finding = z.infer<typeof Finding>;

export const AgeBand = z
  .object({
    min: z.number().min(0).optional(),
    max: z.number().positive().optional(),
    /** Prior multiplier outside the band: 0 excludes the disease, a small number down-weights it. */
    outside: z.number().min(0).lt(1),
  })
  .strict()
  .refine((b) => b.min !== undefined || b.max !== undefined, { message: 'an age band needs min or max' });
export type AgeBand = z.infer<typeof AgeBand>;

export const Disease = z
  .object({
    id: Slug,
    name: z.string().min(1),
    icd10: z.string().regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/, 'must be an ICD-10-CM code'),
    specialty: z.string().min(1),
    synonyms: z.array(z.string()).default([]),
    /** Relative prevalence among patients presenting to a general hospital; normalised at load. */
    prior: z.number().positive(),
    /** P(finding | disease) keyed by finding id. */
    findings: z.record(Slug, z.number().gt(0).lt(1)),
    /** Catalog tests that establish the diagnosis; a careful doctor has their results before committing. */
    confirm_with: z.array(Slug).default([]),
    /** The only sex the disease can occur in (anatomy or pregnancy); absent means either. */
    sex: z.enum(['female', 'male']).optional(),
    /** Ages (in years) where the disease is seen; outside them the prior is multiplied by `outside` (0 = impossible). */
    age: AgeBand.optional(),
  })
  .strict();
export type Disease = z.infer<typeof Disease>;
/** A disease as written, before defaults are filled in (tests build knowledge bases from these). */
export type DiseaseInput = z.input<typeof Disease>;

export const KbFile = z
  .object({
    findings: z.array(Finding).default([]),
    diseases: z.array(Disease).default([]),
  })
  .strict();
