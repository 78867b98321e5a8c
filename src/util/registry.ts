import { ConfigError } from './errors.js';
import { nearest, parseSpec, type Spec } from './spec.js';

/** One option a plug-in takes, for `rounds <kind> list` and for checking specs. */
export interface OptionDoc {
  name: string;
  description: string;
  default?: string;
}

/** What a plug-in kind registers under a name: how to build it from a parsed spec, and how to describe it. */
export interface RegistryEntry<T> {
  name: string;
  /** One line for `rounds <kind> list`. */
  summary: string;
  /** Options it takes; undefined means the builder checks its own options. */
  options?: OptionDoc[];
  /** The builder checks its own options (a URL or model string the generic check would misread); `options` is then documentation only. */
  checksOwnOptions?: boolean;
  /** What goes after the colon when it is not an option, for `rounds <kind> list` (`<file>`, `<model>`). */
  argument?: string;
  build: (spec: Spec) => T;
}

/**
 * One registry per plug-in kind (doctors, actors, protocols, scorers, importers, suite sources), on one pattern:
 * name → builder + options + summary, one spec syntax, and errors that name the kind and suggest the nearest name.
 */
export class Registry<T> {
  private readonly entries = new Map<string, RegistryEntry<T>>();

  /** @param what The kind of thing, capitalised, as messages say it: `Doctor`, `Scorer`... */
  constructor(readonly what: string) {}

  register(entry: RegistryEntry<T>): this {
    this.entries.set(entry.name.toLowerCase(), entry);
    return this;
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Every entry, sorted by name. */
  list(): Array<RegistryEntry<T>> {
    return this.names().map((n) => this.entries.get(n)!);
  }

  /** The entry for a name, or a ConfigError that lists the known names and suggests the nearest. */
  get(name: string): RegistryEntry<T> {
    const entry = this.entries.get(name.toLowerCase());
    if (entry) return entry;
    const near = nearest(name, this.names());
    throw new ConfigError(`Unknown ${this.what.toLowerCase()} "${name}"${near ? ` (did you mean ${near}?)` : ''}; available: ${this.names().join(', ')}.`);
  }

  /** Parses a spec string and builds it, checking documented options first. */
  resolve(raw: string): T {
    const spec = parseSpec(raw, this.what);
    const entry = this.get(spec.kind);
    if (entry.options && !entry.checksOwnOptions) {
      const known = entry.options.map((o) => o.name);
      for (const key of Object.keys(spec.options)) {
        if (!known.includes(key)) {
          const near = nearest(key, known);
          throw new ConfigError(
            `${this.what} "${spec.kind}" has no option "${key}"${near ? ` (did you mean ${near}?)` : ''}; it takes ${known.length ? known.join(', ') : 'no options'}.`,
          );
        }
      }
    }
    return entry.build(spec);
  }
}
