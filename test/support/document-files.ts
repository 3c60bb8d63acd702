import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/** Sample files for the documents tests: each carries `marker` in clear, for "the store never holds the plaintext" checks. */
export const PLAINTEXT_MARKER = 'JIEBANG-PLAINTEXT-MARKER-申报书-明文';

/** A PDF-looking file of about `size` bytes: the header, the marker every 4 KiB, random filler. */
export function pdfOf(size: number, marker = PLAINTEXT_MARKER): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-1.7\n% ${marker}\n`)];
  let length = parts[0].length;
  while (length < size) {
    const piece = Buffer.concat([randomBytes(4000), Buffer.from(`\n${marker}\n`)]);
    parts.push(piece);
    length += piece.length;
  }
  return Buffer.concat(parts).subarray(0, size);
}

export const pngOf = (marker = PLAINTEXT_MARKER) =>
  Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from(marker), randomBytes(512)]);

/** A DOCX as far as type detection goes: stored ZIP entries [Content_Types].xml and word/document.xml. */
export function docxOf(marker = PLAINTEXT_MARKER): Buffer {
  const entry = (name: string, data: Buffer) => {
    const n = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(n.length, 26);
    return Buffer.concat([header, n, data]);
  };
  return Buffer.concat([
    entry('[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types/>')),
    entry('word/document.xml', Buffer.from(`<w:document><w:t>${marker}</w:t></w:document>`)),
    Buffer.from([0x50, 0x4b, 0x05, 0x06]),
    Buffer.alloc(18),
  ]);
}

export interface RawAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

const BOUNDARY = '----jiebang-documents-test-boundary';

/**
 * POST /api/v1/documents by hand, so a test can send a body cut short (`cutAt`: the client stops
 * there and closes its socket) or read an early answer (a 413 sent while the file still uploads).
 * Answers null when the connection ended without an answer.
 */
export function rawUpload(
  port: number,
  token: string,
  file: Buffer,
  options: { filename?: string; cutAt?: number; declaredSize?: number } = {},
): Promise<RawAnswer | null> {
  const sizeField =
    options.declaredSize === undefined
      ? ''
      : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="size"\r\n\r\n${options.declaredSize}\r\n`;
  const head = Buffer.from(
    sizeField +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${options.filename ?? 'file.pdf'}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const body = Buffer.concat([head, file, tail]);
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/documents',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(body.length),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : null });
      });
      res.on('error', () => resolve(null));
    });
    req.on('error', () => setTimeout(() => resolve(null), 50));
    if (options.cutAt !== undefined) {
      req.write(body.subarray(0, options.cutAt), () => setTimeout(() => req.destroy(), 100));
    } else {
      req.end(body);
    }
  });
}
