/**
 * How a public ledger entry becomes an OCDS release. One small builder per release kind; each
 * says which ledger actions it handles, may fetch what it needs for a whole batch of events in one
 * query (`prefetch`), and builds the kind-specific part of the release. `assembleRelease` adds what
 * every release has (ocid, id, date, tag, initiationType, buyer).
 *
 * A release describes the process as it was at its event: builders read the entry's own
 * before/after (the ledger is immutable) and the challenge's fields that cannot change once
 * published, never "current" state that later events change — so a release's content is the
 * same every time it is served. Sealed bid contents are never read: the only bid data used
 * anywhere is a count.
 */
import type { EntityManager } from 'typeorm';
import type { OpenDataConfig } from '../open-data.config';
import { Party, Release, ReleaseTag, ocidOf, partyOf, referenceOf } from '../ocds';
import type { EventRow } from '../repositories/open-data-events.repository';

export type { EventRow } from '../repositories/open-data-events.repository';

/** The kind-specific part of a release. */
export type ReleaseBody = Omit<Release, 'ocid' | 'id' | 'date' | 'initiationType' | 'tag'> & { tag: ReleaseTag[]; date?: string };

export interface ReleaseBuilder<Extra = unknown> {
  /** A stable name (the key of its prefetched data). */
  readonly name: string;
  /** The ledger actions it turns into releases. */
  readonly actions: readonly string[];
  /** Everything the batch's events of this builder need, in as few queries as possible (through the owners' read functions). */
  prefetch?(db: EntityManager, rows: EventRow[]): Promise<Extra>;
  /** The release body, or null when this event publishes nothing (e.g. an entry it does not understand). */
  build(row: EventRow, extra: Extra, config: OpenDataConfig): ReleaseBody | null;
}

/**
 * Roles are the same in every release (the compiled record replaces a party's `roles` with the
 * latest release's): the agency buys, runs the call and pays the tranches; a project's lead
 * organisation is its supplier and the payee of its tranches; consortium members are suppliers.
 */
export const BUYER_ROLES = ['buyer', 'procuringEntity', 'payer'];

/**
 * The buyer (and payer): the agency organisation that owns the challenge, identified by its unified
 * social credit code (`CN-USCI-<code>`, the same id in every process). An agency moved over from a
 * user account and not yet verified has no code on record: it is named, under a stable id of the
 * platform's, without an `identifier` rather than with an invented one.
 */
export function buyerParty(row: EventRow): Party {
  if (row.buyer_credit_code) return partyOf({ name: row.buyer_name, creditCode: row.buyer_credit_code }, BUYER_ROLES);
  return { id: `jiebang-agency-${row.agency_organization_id}`, name: row.buyer_name, roles: BUYER_ROLES };
}

export function assembleRelease(row: EventRow, body: ReleaseBody, config: OpenDataConfig): Release {
  const buyer = buyerParty(row);
  const { tag, date, parties, ...rest } = body;
  const others = (parties ?? []).filter((p) => p.id !== buyer.id);
  return {
    ocid: ocidOf(config.ocidPrefix, row.challenge_id),
    id: row.entry_id,
    date: date ?? row.recorded_at,
    tag,
    initiationType: 'tender',
    language: 'zh',
    parties: [buyer, ...others],
    buyer: referenceOf(buyer),
    ...rest,
  };
}

/** Builds the releases of a batch of events, in order; events no builder publishes are skipped. */
export class ReleaseAssembler {
  private readonly byAction = new Map<string, ReleaseBuilder>();

  constructor(
    private readonly builders: readonly ReleaseBuilder<any>[],
    private readonly config: OpenDataConfig,
  ) {
    for (const b of builders) {
      for (const action of b.actions) {
        if (this.byAction.has(action)) throw new Error(`two release builders claim ${action}`);
        this.byAction.set(action, b);
      }
    }
  }

  /** The ledger actions that produce releases. */
  get actions(): string[] {
    return [...this.byAction.keys()];
  }

  async build(db: EntityManager, rows: EventRow[]): Promise<Release[]> {
    const groups = new Map<ReleaseBuilder, EventRow[]>();
    for (const row of rows) {
      const b = this.byAction.get(row.action);
      if (!b) continue;
      const list = groups.get(b);
      if (list) list.push(row);
      else groups.set(b, [row]);
    }
    const extras = new Map<ReleaseBuilder, unknown>();
    for (const [b, list] of groups) if (b.prefetch) extras.set(b, await b.prefetch(db, list));
    const out: Release[] = [];
    for (const row of rows) {
      const b = this.byAction.get(row.action);
      if (!b) continue;
      const body = b.build(row, extras.get(b), this.config);
      if (body) out.push(assembleRelease(row, body, this.config));
    }
    return out;
  }
}
