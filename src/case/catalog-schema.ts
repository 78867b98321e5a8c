import { z } from 'zod';
import { Slug, ResultFlag } from './schema.js';

export const TEST_CATEGORIES = ['lab', 'imaging', 'ecg', 'procedure', 'bedside'] as const;

export const Price = z
  .object({
    usd: z.number().nonnegative(),
    /** Where the price comes from, e.g. "CMS CLFS 2025 national limit". */
    source: z.string().min(1),
    /** HCPCS/CPT code the price was read against. */
    code: z.string().optional(),
  })
  .strict();

export const NormalComponent = z
  .object({
    value: z.union([z.number(), z.string()]),
    unit: z.string().optional(),
    range: z.string().optional(),
  })
  .strict();

/** What the lab returns for this test when the case does not list it. */
export const NormalTemplate = z
  .object({
    text: z.string().optional(),
    value: z.union([z.number(), z.string()]).optional(),
    unit: z.string().optional(),
    range: z.string().optional(),
    flag: ResultFlag.optional(),
    components: z.record(z.string(), NormalComponent).optional(),
  })
  .strict()
  .refine((n) => n.text !== undefined || n.value !== undefined || n.components !== undefined, {
    message: 'a normal template needs a text, a value or components',
  });

export const CatalogTest = z
  .object({
    id: Slug,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    category: z.enum(TEST_CATEGORIES),
    price: Price,
    normal: NormalTemplate,
    /** Imaging reads and similar are only released when this exact study is ordered. */
    specific: z.boolean().optional(),
  })
  .strict();
export type CatalogTest = z.infer<typeof CatalogTest>;

/** A catalog file: a list of tests, optionally with a shared price source note. */
export const CatalogFile = z
  .object({
    schedule: z.string().optional(),
    tests: z.array(CatalogTest),
  })
  .strict();
