// Imports nothing: `cli/main.ts` uses it on every start, and `rounds --version` must not load the case loader.

/** Escapes control characters (but a final newline) so a quoted flag value cannot break or forge output lines. */
export function escapeControls(text: string): string {
  const end = text.endsWith('\n') ? '\n' : '';
  const body = end ? text.slice(0, -1) : text;
  // Commander joins its error and the help hint with a newline; keep those, escape any other.
  return (
    body
      .split('\n(run with --help')
      .map((part) => part.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n'))
      .join('\n(run with --help') + end
  );
}
