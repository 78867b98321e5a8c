/**
 * Secrets never leave the process in text: every error message that is
 * stored (error events, judge details), printed (stderr, logs) or served
 * (API errors) passes through `redactSecrets` first. A provider may echo the
 * request's key in an error body, and a store or queue URL may carry a
 * password, so redaction works on what the text holds, not on where it came from.
 */

/** Environment variables whose values are secrets wherever they appear. */
export const SECRET_ENV_VARS = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'OPENAI_COMPATIBLE_API_KEY',
  'ROUNDS_TOKEN',
  'ROUNDS_DOCTOR_TOKEN',
  'PGPASSWORD',
  'REDIS_PASSWORD',
] as const;

const MASK = '***';
// Shorter values (a test's "x", a PIN) would mask ordinary words; the shape patterns below still catch real keys.
const MIN_SECRET_LENGTH = 6;

const registered = new Set<string>();

/** Adds a secret met at runtime (a store or queue URL's password) to those every redaction removes. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_SECRET_LENGTH) return;
  registered.add(value);
  // A password may also appear percent-encoded (in a URL) or decoded.
  try {
    const decoded = decodeURIComponent(value);
    if (decoded.length >= MIN_SECRET_LENGTH) registered.add(decoded);
  } catch {
    /* not percent-encoded */
  }
  registered.add(encodeURIComponent(value));
}

/** Every configured secret value: the known env vars, any env var named like a key/token/password, and registered ones. */
export function configuredSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const out = new Set<string>(registered);
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < MIN_SECRET_LENGTH) continue;
    if ((SECRET_ENV_VARS as readonly string[]).includes(name) || /(_API_KEY|_TOKEN|_SECRET|PASSWORD)$/i.test(name)) out.add(value);
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...out].sort((a, b) => b.length - a.length);
}

const SHAPES: Array<[RegExp, string]> = [
  // Anthropic, OpenAI and OpenAI-style keys.
  [/\bsk-ant-[A-Za-z0-9_-]{6,}/g, `sk-ant-${MASK}`],
  [/\bsk-[A-Za-z0-9_-]{6,}/g, `sk-${MASK}`],
  // Google API keys.
  [/\bAIza[0-9A-Za-z_-]{10,}/g, `AIza${MASK}`],
  // Authorization header values, wherever they were echoed.
  // (Only Bearer: "Basic" and "Token" are ordinary words in clinical text.)
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${MASK}`],
  [
    /(["']?\b(?:x-api-key|api[_-]?key|apikey|x-goog-api-key|access[_-]?token|client[_-]?secret|password)["']?\s*[:=]\s*["']?)(?!Bearer\b)[^"'\s,}&]{4,}/gi,
    `$1${MASK}`,
  ],
  // Query parameters and key=value pairs that carry credentials.
  [/\b((?:api[_-]?key|key|access[_-]?token|token|password|passwd|pwd|secret)=)[^&\s"'#,;]+/gi, `$1${MASK}`],
  // scheme://user:password@host — up to the LAST @ before the host, so an unencoded @ in the password leaks nothing.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s?#]*@/gi, `$1:${MASK}@`],
];

/** The text with every configured secret and anything shaped like a key, token or URL password replaced by `***`. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const secret of configuredSecrets(env)) if (out.includes(secret)) out = out.split(secret).join(MASK);
  for (const [re, by] of SHAPES) out = out.replace(re, by);
  return out;
}
