import { isUtf8 } from 'node:buffer';
import { iconv } from './lazy.js';

/** Text decoded from bytes, and a warning when some of the bytes could not be decoded. */
export interface Decoded {
  readonly text: string;
  readonly warning: string | null;
}

/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or the legacy
 * encoding a page declares (windows-1256 is common for Arabic sites, and is
 * assumed when the bytes are not UTF-8 and nothing is declared). Bytes that are
 * UTF-8 but for a few stray ones are UTF-8 with those replaced (U+FFFD), and
 * say so: read whole as windows-1256 they would be garbled beyond use.
 */
export function decodeText(bytes: Uint8Array, declared: string | null = null): Decoded {
  const bom = byteOrderMark(bytes);
  if (bom?.encoding === 'utf8') return strayWarning(utf8(bytes.subarray(bom.length)));
  if (bom !== null)
    return {
      text: iconv().decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding),
      warning: null,
    };
  const charset = declared?.toLowerCase().trim() ?? null;
  if (
    charset !== null &&
    charset !== 'utf-8' &&
    charset !== 'utf8' &&
    iconv().encodingExists(charset)
  ) {
    return { text: iconv().decode(Buffer.from(bytes), charset), warning: null };
  }
  return utf8OrLegacy(bytes);
}

/** The text of some bytes, as `decodeText` reads them. */
export function decodeBytes(bytes: Uint8Array, declared: string | null = null): string {
  return decodeText(bytes, declared).text;
}

const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf8' },
  { bytes: [0xff, 0xfe], encoding: 'utf16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf16be' },
] as const;

/** The byte order mark the bytes start with, if any: it says their encoding. */
export function byteOrderMark(bytes: Uint8Array): { length: number; encoding: string } | null {
  const bom = BOMS.find((b) => b.bytes.every((x, k) => bytes[k] === x));
  return bom === undefined ? null : { length: bom.bytes.length, encoding: bom.encoding };
}

/**
 * Up to one replaced sequence for ten decoded letters, and the bytes are UTF-8
 * with a few stray ones: legacy Arabic bytes (windows-1256) read as UTF-8 decode
 * next to no letter and replace nearly all of them.
 */
const STRAY_SHARE = 0.1;

/** UTF-8 with replacement: the text, how many sequences were replaced and how many decoded beyond ASCII. */
function utf8(bytes: Uint8Array): { text: string; replaced: number; decoded: number } {
  const text = UTF8.decode(bytes);
  let replaced = 0;
  let decoded = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 0xfffd) replaced++;
    else if (code >= 0x80) {
      decoded++;
      // A character beyond the BMP is two code units and one character.
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = text.charCodeAt(k + 1);
        if (low >= 0xdc00 && low <= 0xdfff) k++;
      }
    }
  }
  return { text, replaced, decoded };
}

const UTF8 = new TextDecoder('utf-8');

const STRAY_BYTES = 'byte sequence(s) that are not UTF-8 replaced by U+FFFD';

function strayWarning({ text, replaced }: { text: string; replaced: number }): Decoded {
  return {
    text,
    warning: replaced === 0 ? null : `${String(replaced)} ${STRAY_BYTES}; the rest is UTF-8`,
  };
}

/**
 * Whether a report's warning came from reading its bytes, not from extraction:
 * a report read again from its stored text keeps these, and only these.
 */
export function isReadingWarning(warning: string): boolean {
  return warning.includes(STRAY_BYTES);
}

function utf8OrLegacy(bytes: Uint8Array): Decoded {
  // Bytes that are all UTF-8 (nearly every report) and hold no U+FFFD of their own are
  // their text, with nothing replaced: no need to count the characters.
  if (isUtf8(bytes)) {
    const text = UTF8.decode(bytes);
    if (!text.includes('\ufffd')) return { text, warning: null };
  }
  const decoded = utf8(bytes);
  if (decoded.replaced <= Math.max(1, decoded.decoded * STRAY_SHARE)) return strayWarning(decoded);
  return { text: iconv().decode(Buffer.from(bytes), 'windows-1256'), warning: null };
}

/** The charset an HTML page declares in its first bytes («<meta charset=…>»). */
export function declaredCharset(bytes: Uint8Array): string | null {
  // No «<» in the first bytes, no «<meta»: a plain text report is not read as Latin-1 to say so.
  if (!bytes.subarray(0, 4096).includes(0x3c)) return null;
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=["'\s]*([\w-]+)/i.exec(head);
  return m?.[1] ?? null;
}

/** Share of bytes that no text file contains (NUL and most C0 controls): a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  // UTF-16 has a NUL in every ASCII character; its byte order mark says it is text.
  if (byteOrderMark(bytes) !== null) return false;
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return false;
  let odd = 0;
  for (let k = 0; k < sample.length; k++) {
    const b = sample[k] ?? 0;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) odd++;
  }
  return odd / sample.length > 0.05;
}
