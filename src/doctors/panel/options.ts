import { openModel, type ModelHandle } from '../../llm/call-model.js';
import { settingsFromOptions, type ModelSettings } from '../../llm/settings.js';
import { ConfigError } from '../../util/errors.js';
import { checkOptions, numberOption, type DoctorSpec } from '../spec.js';

export const PANEL_VARIANTS = ['instant', 'questions-only', 'budgeted', 'no-budget', 'ensemble'] as const;
export type PanelVariant = (typeof PANEL_VARIANTS)[number];

export const PANEL_OPTIONS = ['model', 'variant', 'budget', 'n', 'temperature', 'max-tokens', 'seed'];

export interface PanelConfig {
  name: string;
  handle: ModelHandle;
  variant: PanelVariant;
  /** Maximum spend in USD for `budgeted`. */
  budget: number | null;
  /** Independent panels per turn for `ensemble`. */
  n: number;
  settings: ModelSettings;
}

/** Parses `panel:model=<model>,variant=...,budget=...,n=...`; fails on unknown options, bad variants and missing keys. */
export function panelConfig(spec: DoctorSpec, env: NodeJS.ProcessEnv = process.env): PanelConfig {
  checkOptions(spec, PANEL_OPTIONS);
  const model = spec.options.model ?? spec.argument;
  if (!model) throw new ConfigError(`Doctor "${spec.raw}" names no model; write panel:model=openai:gpt-4.1-mini,variant=no-budget.`);
  const variant = (spec.options.variant ?? 'no-budget') as PanelVariant;
  if (!PANEL_VARIANTS.includes(variant))
    throw new ConfigError(`Doctor option variant=${spec.options.variant} in "${spec.raw}" must be one of ${PANEL_VARIANTS.join(', ')}.`);
  if (spec.options.budget !== undefined && variant !== 'budgeted')
    throw new ConfigError(`Doctor option budget= in "${spec.raw}" applies only to variant=budgeted.`);
  if (spec.options.n !== undefined && variant !== 'ensemble') throw new ConfigError(`Doctor option n= in "${spec.raw}" applies only to variant=ensemble.`);
  const budget = variant === 'budgeted' ? numberOption(spec, 'budget', 1000, 0, 1e9) : null;
  const n = numberOption(spec, 'n', 3, 2, 10);
  if (!Number.isInteger(n)) throw new ConfigError(`Doctor option n=${spec.options.n} in "${spec.raw}" must be a whole number from 2 to 10.`);
  return { name: spec.raw, handle: openModel(model, env), variant, budget, n, settings: settingsFromOptions({ options: spec.options, where: spec.raw }) };
}
