// JSON text from outside the process (checkpoint files, Redis): refused above a size before parsing, so a huge
// or hostile input never reaches JSON.parse.

/**
 * Parses JSON text of at most `maxChars` UTF-16 code units.
 * @param what what the text should be, for messages (e.g. "batch result")
 * @param fail builds the error to throw from a message
 */
export function parseBoundedJson(
  text: string,
  maxChars: number,
  what: string,
  fail: (message: string) => Error,
): unknown {
  if (text.length > maxChars) throw fail(`${what} of ${text.length} characters exceeds the limit of ${maxChars}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(`${what} is not valid JSON`);
  }
}
