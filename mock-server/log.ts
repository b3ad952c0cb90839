/**
 * The one place where text enters the sandbox's log. Log messages carry values from requests (a
 * client_id, a claim, a path), so every control character (CR, LF, the rest of C0 and C1, DEL, and
 * the Unicode line and paragraph separators) is written as an escape: one call is one line, and a
 * caller cannot forge lines that look like the sandbox's own (CWE-117).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeLogText(text: string): string {
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Wrap a sink so every message it receives is escaped first. */
export function escapingLog(sink: (line: string) => void): (message: string) => void {
  return (message) => sink(escapeLogText(message));
}
