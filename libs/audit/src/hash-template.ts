/**
 * An entry's canonical text (hash-chain.ts) with holes for the two fields only the chain's head
 * knows: `prevHash` and `seq`. The database fills them while it holds the head, so taking the head,
 * hashing and appending are one statement (one round trip under the chain's lock instead of two).
 *
 * RFC 8785 sorts keys by UTF-16 code units, so the hashed fields always come in this order:
 *   action, actorId, after, before, chain, challengeId, id, │prevHash│, public, recordedAt, │seq│,
 *   subjectId, subjectType, v
 * A 64-digit lowercase hex hash and a safe integer are written the same by every canonicaliser, so
 * `text = beforePrevHash + prevHash + beforeSeq + seq + afterSeq` (`fillTemplate`, which the property
 * test holds equal to `canonicalEntry` for any entry).
 */
import canonicalize from 'canonicalize';
import { HASH_VERSION, HashedEntry, chainOf } from './hash-chain';

/** The fields an entry's hash covers, less the two its chain's head decides (and its chain, which its challenge decides). */
export type UnchainedEntry = Omit<HashedEntry, 'seq' | 'prevHash' | 'chain'>;

export interface CanonicalTemplate {
  /** `{"action":…,…,"id":"…","prevHash":"` */
  beforePrevHash: string;
  /** `","public":…,"recordedAt":"…","seq":` */
  beforeSeq: string;
  /** `,"subjectId":…,"subjectType":…,"v":1}` */
  afterSeq: string;
}

export function canonicalTemplate(entry: UnchainedEntry): CanonicalTemplate {
  const leading = canonical({
    action: entry.action,
    actorId: entry.actorId,
    after: entry.after,
    before: entry.before,
    chain: chainOf(entry.challengeId),
    challengeId: entry.challengeId,
    id: entry.id,
  });
  return {
    beforePrevHash: `${leading.slice(0, -1)},"prevHash":"`,
    beforeSeq: `","public":${canonical(entry.public)},"recordedAt":${canonical(entry.recordedAt)},"seq":`,
    afterSeq: `,"subjectId":${canonical(entry.subjectId)},"subjectType":${canonical(entry.subjectType)},"v":${HASH_VERSION}}`,
  };
}

/** The canonical text of the entry appended after a head at (`seq`, `hash`): what the SQL builds. */
export function fillTemplate(template: CanonicalTemplate, prevHash: string, seq: number): string {
  return `${template.beforePrevHash}${prevHash}${template.beforeSeq}${seq}${template.afterSeq}`;
}

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('entry cannot be canonicalised');
  return text;
}
