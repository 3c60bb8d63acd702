import fc from 'fast-check';
import { MEDIA_TYPES, MediaSniffer } from './media-type';

/** A ZIP's local file headers (stored, no data): enough for the sniffer, which reads only names. */
function zipOf(names: string[], filler = 0): Buffer {
  const parts: Buffer[] = [];
  for (const name of names) {
    const n = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(n.length, 26);
    parts.push(header, n, Buffer.alloc(filler, 0x41));
  }
  parts.push(Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18));
  return Buffer.concat(parts);
}

function sniff(bytes: Buffer, pieces: number[] = []): { early: boolean; type: string | null } {
  const s = new MediaSniffer();
  let at = 0;
  let early = true;
  for (const n of [...pieces, bytes.length]) {
    if (at >= bytes.length) break;
    s.feed(bytes.subarray(at, at + n));
    at += n;
    early = early && s.early();
  }
  return { early, type: s.verdict() };
}

const OOXML = (dir: string) => zipOf(['[Content_Types].xml', '_rels/.rels', `${dir}/document.xml`], 300);

describe('MediaSniffer: the type is decided by the bytes', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), MEDIA_TYPES.pdf],
    ['PDF after junk', Buffer.concat([Buffer.alloc(200, 0x20), Buffer.from('%PDF-1.4')]), MEDIA_TYPES.pdf],
    ['PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), MEDIA_TYPES.png],
    ['JPEG', Buffer.from('ffd8ffe000104a464946', 'hex'), MEDIA_TYPES.jpeg],
    ['OFD', zipOf(['OFD.xml', 'Doc_0/Document.xml'], 100), MEDIA_TYPES.ofd],
    ['DOCX', OOXML('word'), MEDIA_TYPES.docx],
    ['XLSX', OOXML('xl'), MEDIA_TYPES.xlsx],
    ['PPTX', OOXML('ppt'), MEDIA_TYPES.pptx],
  ])('%s', (_label, bytes, type) => {
    expect(sniff(bytes)).toEqual({ early: true, type });
  });

  it.each([
    ['an executable', Buffer.from('4d5a90000300000004000000ffff', 'hex')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>'.padEnd(2000, ' '))],
    ['a plain ZIP', zipOf(['readme.txt', 'a/b.bin'])],
    ['a ZIP with [Content_Types].xml only', zipOf(['[Content_Types].xml', 'other/x.xml'])],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated PNG signature', Buffer.from('89504e47', 'hex')],
  ])('refuses %s', (_label, bytes) => {
    expect(sniff(bytes).type).toBeNull();
  });

  it('refuses early, within the first KiB, when no accepted type can start so', () => {
    const s = new MediaSniffer();
    s.feed(Buffer.alloc(1024, 0x41));
    expect(s.early()).toBe(false);
  });

  it('finds entry names whatever the chunking (headers cut anywhere)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('word', 'xl', 'ppt'),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 60 }),
        (dir, pieces) => {
          const type = { word: MEDIA_TYPES.docx, xl: MEDIA_TYPES.xlsx, ppt: MEDIA_TYPES.pptx }[dir];
          expect(sniff(OOXML(dir), pieces).type).toBe(type);
        },
      ),
    );
  });
});
