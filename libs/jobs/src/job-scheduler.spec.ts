import { bullJobId } from './job-scheduler';
import { jobIds } from './job-names';

describe('bullJobId', () => {
  it('keeps ids BullMQ accepts as they are', () => {
    expect(bullJobId('challenge:7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01:close')).toBe(
      'challenge:7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01:close',
    );
    expect(bullJobId('plain-id')).toBe('plain-id');
  });

  it('turns other colons into dots and integers into non-integers, deterministically', () => {
    expect(bullJobId('milestone:1:reminder:P3D')).toBe('milestone.1.reminder.P3D');
    expect(bullJobId('a:b')).toBe('a.b');
    expect(bullJobId('42')).toBe('id.42');
    expect(bullJobId('a:b')).toBe(bullJobId('a:b'));
  });

  it('refuses an empty id', () => {
    expect(() => bullJobId('')).toThrow();
  });

  it('maps every product job id to one BullMQ accepts unchanged', () => {
    const id = '7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01';
    expect(bullJobId(jobIds.challengeClose(id))).toBe(jobIds.challengeClose(id));
  });
});
