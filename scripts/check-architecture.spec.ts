import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOwners, violationsIn } from './check-architecture';

const owners = readOwners(readFileSync(resolve(__dirname, '../libs/README.md'), 'utf8'));

describe('table ownership check', () => {
  it('reads every table of libs/README.md with its owner', () => {
    expect(owners.get('bids')).toBe('bids');
    expect(owners.get('audit_chain_heads')).toBe('audit');
    expect(owners.get('open_data_events')).toBe('open-data');
  });

  it('allows SQL on a table only in its owner’s repositories folder', () => {
    const source = "export const q = `UPDATE bids b SET status = 'awarded' FROM x`;";
    expect(violationsIn('libs/bids/src/repositories/bids.repository.ts', source, owners)).toEqual([]);
    expect(violationsIn('libs/bids/src/bids.service.ts', source, owners)).toHaveLength(1);
    expect(violationsIn('libs/awards/src/repositories/awards.repository.ts', source, owners)[0]).toMatch(
      /libs\/awards\/src\/repositories\/awards.repository.ts:1: SQL names "bids", owned by bids/,
    );
  });

  it('ignores comments, prose and names that are not tables', () => {
    const source = [
      '/** Reads FROM bids under the lock. */',
      '// JOIN challenges here',
      "const s = 'SELECT 1 FROM pg_database'; // a lower-case from bids in prose",
    ].join('\n');
    expect(violationsIn('libs/awards/src/a.ts', source, owners)).toEqual([]);
  });

  it('keeps TypeORM repositories inside repositories folders', () => {
    const source = 'constructor(@InjectRepository(User) private readonly users: Repository<User>) {}';
    expect(violationsIn('libs/identity/src/users/users.service.ts', source, owners)).toHaveLength(1);
    expect(violationsIn('libs/identity/src/repositories/users.repository.ts', source, owners)).toEqual([]);
  });
});
