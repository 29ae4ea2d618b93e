/**
 * Bytes to text for the manifest reader (parse.ts): UTF-8, or BOM-marked UTF-16 as kubectl reads it, and nothing
 * else. Archives, images, executables, NUL bytes, invalid UTF-8 and the control characters YAML forbids are problems
 * with the line they are on, so a binary file is named as such instead of failing later as malformed YAML.
 */
import { isUtf8 } from 'node:buffer';

const MAGIC: Array<[string, number[]]> = [
  ['gzip-compressed data', [0x1f, 0x8b]],
  ['xz-compressed data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd-compressed data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];
const NOT_A_MANIFEST = 'not a YAML or JSON manifest';
// Characters YAML does not allow in a stream (outside c-printable): C0 controls but tab, LF and CR, DEL, C1 but NEL.
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** The text of a file: a UTF-8 (or, as kubectl reads it, BOM-marked UTF-16) manifest, CRLF turned into LF. */
export function decode(data: string | Uint8Array): { text: string } | { line: number; problem: string } {
  let text: string;
  if (typeof data === 'string') {
    text = data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
  } else {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : undefined;
    if (utf16) {
      const body = Buffer.from(bytes.subarray(2));
      try {
        if (utf16 === 'be') body.swap16(); // throws on an odd length
        text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
      } catch {
        return { line: 1, problem: `invalid UTF-16 after a UTF-16 byte-order mark; ${NOT_A_MANIFEST}` };
      }
    } else {
      const magic = MAGIC.find(([, prefix]) => prefix.every((byte, i) => bytes[i] === byte));
      if (magic) return { line: 1, problem: `${magic[0]}, ${NOT_A_MANIFEST}` };
      const nul = bytes.indexOf(0);
      if (nul >= 0) return { line: lineAtByte(bytes, nul), problem: `binary content (a NUL byte), ${NOT_A_MANIFEST}` };
      if (!isUtf8(bytes)) {
        const at = firstInvalidUtf8(bytes);
        return {
          line: lineAtByte(bytes, at),
          problem: `invalid UTF-8 (byte 0x${bytes[at].toString(16).padStart(2, '0')}); manifests must be UTF-8 text`,
        };
      }
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      text = bytes.toString('utf8', bom ? 3 : 0);
    }
  }
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const line = lineAtOffset(text, control.index);
    if (code === 0) return { line, problem: `binary content (a NUL byte), ${NOT_A_MANIFEST}` };
    return { line, problem: `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) that YAML does not allow; is it a binary file?` };
  }
  return { text: text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text };
}

function lineAtByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset of the first byte that is not part of well-formed UTF-8 (the text is known to have one). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const more = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (more < 0 || i + more >= bytes.length) return i;
    for (let k = 1; k <= more; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const next = bytes[i + 1];
    if ((b === 0xe0 && next < 0xa0) || (b === 0xed && next > 0x9f) || (b === 0xf0 && next < 0x90) || (b === 0xf4 && next > 0x8f)) {
      return i;
    }
    i += more + 1;
  }
  return Math.max(bytes.length - 1, 0);
}
