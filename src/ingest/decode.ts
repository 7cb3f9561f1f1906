import iconv from 'iconv-lite';

/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or the legacy
 * encoding a page declares (windows-1256 is common for Arabic sites, and is
 * assumed when the bytes are not UTF-8 and nothing is declared).
 */
export function decodeBytes(bytes: Uint8Array, declared: string | null = null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return utf8(bytes.subarray(3)) ?? '';
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be');
  const charset = declared?.toLowerCase().trim() ?? null;
  if (
    charset !== null &&
    charset !== 'utf-8' &&
    charset !== 'utf8' &&
    iconv.encodingExists(charset)
  ) {
    return iconv.decode(Buffer.from(bytes), charset);
  }
  return utf8(bytes) ?? iconv.decode(Buffer.from(bytes), 'windows-1256');
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The charset an HTML page declares in its first bytes («<meta charset=…>»). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=["'\s]*([\w-]+)/i.exec(head);
  return m?.[1] ?? null;
}

/** Share of bytes that no text file contains (NUL and most C0 controls): a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return false;
  let odd = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) odd++;
  }
  return odd / sample.length > 0.05;
}
