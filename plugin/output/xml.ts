import { escapeControls } from './sanitize';

const TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
// In attributes a parser turns raw tabs and newlines into spaces, so they travel as character references.
const ATTRIBUTE_ENTITIES: Record<string, string> = {
  ...TEXT_ENTITIES, '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\t': '&#9;',
};

/** Character data for an element: markup escaped, characters XML 1.0 forbids shown as visible escapes. */
export function xmlText(text: string): string {
  return escapeControls(text, '\t\n\r').replace(/[&<>\r]/g, (ch) => TEXT_ENTITIES[ch]);
}

/** A quoted attribute value. */
export function xmlAttribute(value: string | number): string {
  return `"${escapeControls(String(value), '\t\n\r').replace(/[&<>"'\r\n\t]/g, (ch) => ATTRIBUTE_ENTITIES[ch])}"`;
}

/** ` name="value"` pairs in the given order; undefined values are left out. */
export function xmlAttributes(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}=${xmlAttribute(value!)}`)
    .join('');
}
