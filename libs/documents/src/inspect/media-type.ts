/**
 * The accepted document types, decided by the file's bytes (never by its name or the type the
 * client declares): the first bytes for PDF, PNG and JPEG; for a ZIP, the names of its entries
 * (OFD — GB/T 33190 — has `OFD.xml` at its root; DOCX/XLSX/PPTX have `[Content_Types].xml` and
 * their `word/`, `xl/` or `ppt/` parts).
 */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpeg: 'image/jpeg',
} as const;

export type DocumentMediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

export const ACCEPTED_MEDIA_TYPES: readonly DocumentMediaType[] = Object.values(MEDIA_TYPES);
/** The accepted formats as people name them, in the order a 415 lists them. */
export const ACCEPTED_FORMAT_NAMES: readonly string[] = ['PDF', 'OFD', 'DOCX', 'XLSX', 'PPTX', 'PNG', 'JPEG'];
export const ACCEPTED_TYPE_NAMES = ACCEPTED_FORMAT_NAMES.join(', ');

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PDF = Buffer.from('%PDF-');
/** PDF readers accept the header anywhere in the first 1024 bytes. */
const PDF_WINDOW = 1024;
/** Bytes of a local file header before its name; names longer than MAX_NAME are not looked at. */
const LOCAL_HEADER = 30;
const MAX_NAME = 255;

type Head = 'pdf' | 'png' | 'jpeg' | 'zip' | 'unknown' | 'undecided';

/**
 * Fed the upload chunk by chunk: `early()` can refuse once the first bytes are known (so a
 * refused file is not read to its end); `verdict()` at the end names the type, or null.
 */
export class MediaSniffer {
  private head = Buffer.alloc(0);
  private kind: Head = 'undecided';
  private readonly entries = new Set<string>();
  private carry = Buffer.alloc(0);
  private zipDone = false;

  feed(chunk: Buffer): void {
    let scan = chunk;
    if (this.kind === 'undecided') {
      const before = this.head;
      this.head = Buffer.concat([before, chunk.subarray(0, PDF_WINDOW)]).subarray(0, PDF_WINDOW);
      this.kind = decideHead(this.head, false);
      // The first entry's header began in the bytes held while undecided.
      if (this.kind === 'zip' && before.length) scan = Buffer.concat([before, chunk]);
    }
    if (this.kind === 'zip' && !this.zipDone) this.scanZip(scan);
  }

  /** False once the first bytes rule out every accepted type. */
  early(): boolean {
    return this.kind !== 'unknown';
  }

  verdict(): DocumentMediaType | null {
    const kind = this.kind === 'undecided' ? decideHead(this.head, true) : this.kind;
    if (kind === 'pdf') return MEDIA_TYPES.pdf;
    if (kind === 'png') return MEDIA_TYPES.png;
    if (kind === 'jpeg') return MEDIA_TYPES.jpeg;
    if (kind === 'zip') return zipType(this.entries);
    return null;
  }

  /** Collects entry names from local file headers; a header cut between chunks is read from the carried tail. */
  private scanZip(chunk: Buffer): void {
    const window = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let at = window.indexOf(ZIP_LOCAL);
    while (at !== -1 && at + LOCAL_HEADER <= window.length) {
      const nameLength = window.readUInt16LE(at + 26);
      if (nameLength <= MAX_NAME && at + LOCAL_HEADER + nameLength <= window.length)
        this.entries.add(window.subarray(at + LOCAL_HEADER, at + LOCAL_HEADER + nameLength).toString('utf8'));
      at = window.indexOf(ZIP_LOCAL, at + 1);
    }
    this.carry = Buffer.from(window.subarray(Math.max(0, window.length - (LOCAL_HEADER + MAX_NAME))));
    if (zipType(this.entries)) this.zipDone = true;
  }
}

function decideHead(head: Buffer, atEnd: boolean): Head {
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, ZIP_LOCAL)) return 'zip';
  if (head.indexOf(PDF) !== -1) return 'pdf';
  // Too short to tell yet: a prefix of a signature, or a PDF header may still come.
  const couldStillBe =
    [PNG, JPEG, ZIP_LOCAL].some((sig) => head.length < sig.length && startsWith(sig, head)) || head.length < PDF_WINDOW;
  return couldStillBe && !atEnd ? 'undecided' : 'unknown';
}

const startsWith = (buf: Buffer, prefix: Buffer) => buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);

function zipType(entries: ReadonlySet<string>): DocumentMediaType | null {
  if (entries.has('OFD.xml')) return MEDIA_TYPES.ofd;
  if (!entries.has('[Content_Types].xml')) return null;
  const has = (prefix: string) => [...entries].some((name) => name.startsWith(prefix));
  if (has('word/')) return MEDIA_TYPES.docx;
  if (has('xl/')) return MEDIA_TYPES.xlsx;
  if (has('ppt/')) return MEDIA_TYPES.pptx;
  return null;
}
