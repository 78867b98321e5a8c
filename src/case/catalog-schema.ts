import { z } from 'zod';
import { Slug, ResultFlag } from './schema.js';

export const TEST_CATEGORIES = ['lab', 'imaging', 'ecg', 'procedure', 'bedside'] as const;

/**
 * How a test's price is read from the CMS 2025 schedules in `data/fees`:
 * - `clfs`: one laboratory code, the Clinical Laboratory Fee Schedule national limit;
 * - `pfs-global`: one code, the Physician Fee Schedule global non-facility amount;
 * - `pfs-professional+technical`: one code with no global row, its -26 and -TC amounts added;
 * - `bundled`: the sum of two or more codes, each from its own schedule (CLFS when the code is
 *   a laboratory code, else PFS global, else PFS -26 + -TC), with a `note` saying what each code
 *   pays for; with no codes at all it is a check included in the visit (no separate payment, $0)
 *   and `note` says why.
 */
export const PRICE_BASES = ['clfs', 'pfs-global', 'pfs-professional+technical', 'bundled'] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

/** A HCPCS/CPT code, optionally with a modifier and a unit count: `85025`, `88305-26`, `87040 x2`. */
export const FEE_CODE = /^([0-9A-Z]{5})(?:-([0-9A-Z]{2}))?(?:\s*x\s*([1-9]))?$/;

/** The price as a catalog file states it: the basis and the codes, never the amount. */
export const PriceSpec = z
  .object({
    basis: z.enum(PRICE_BASES, { error: `a price needs a basis: one of ${PRICE_BASES.join(', ')}` }),
    codes: z.array(z.string().regex(FEE_CODE, 'a code looks like "85025", "88305-26" or "87040 x2"')),
    /** Why these codes, or why there is no code. */
    note: z.string().min(1).optional(),
  })
  .strict();
export type PriceSpec = z.infer<typeof PriceSpec>;

/** One code's share of a computed price. */
export interface PricePart {
  code: string;
  /** Which schedule row priced it, e.g. "CLFS", "PFS global", "PFS 26+TC". */
  schedule: string;
  usd: number;
}

/** A test's price once computed from the schedules (tests and fixtures may give just usd and source). */
export interface Price {
  usd: number;
  /** Where the amount comes from, in words. */
  source: string;
  basis?: PriceBasis;
  codes?: string[];
  note?: string;
  parts?: PricePart[];
}

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

/** A test as a catalog file writes it. */
export const CatalogTestSpec = z
  .object({
    id: Slug,
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    category: z.enum(TEST_CATEGORIES),
    price: PriceSpec,
    normal: NormalTemplate,
    /** Imaging reads and similar are only released when this exact study is ordered. */
    specific: z.boolean().optional(),
  })
  .strict();
export type CatalogTestSpec = z.infer<typeof CatalogTestSpec>;

/** An orderable test, its price computed from the fee schedules. */
export type CatalogTest = Omit<CatalogTestSpec, 'price'> & { price: Price };

/** A catalog file: a list of tests, optionally with a note on how its tests are priced. */
export const CatalogFile = z
  .object({
    schedule: z.string().optional(),
    tests: z.array(CatalogTestSpec),
  })
  .strict();
