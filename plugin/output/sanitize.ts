// Manifests are untrusted input: a name or message may carry terminal escapes or characters that XML forbids.
// C0 controls, DEL and C1 controls, the non-characters U+FFFE/U+FFFF, and lone surrogates.
const UNPRINTABLE = new RegExp([
  '[\\u0000-\\u001f\\u007f-\\u009f\\ufffe\\uffff]',
  '[\\ud800-\\udbff](?![\\udc00-\\udfff])',
  '(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
].join('|'), 'g');

/**
 * `text` with every control character except those in `keep` shown as a visible escape (`\x1b`, `\ud800`),
 * so it can neither drive a terminal nor break an XML document.
 */
export function escapeControls(text: string, keep = ''): string {
  return text.replace(UNPRINTABLE, (ch) => {
    if (keep.includes(ch)) return ch;
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
