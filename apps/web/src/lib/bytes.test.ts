import { describe, expect, it } from 'vitest';
import { formatBytes, shortHash } from './bytes';

describe('formatBytes', () => {
  it('words sizes in binary multiples with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });
  it('refuses nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('shortHash', () => {
  it('keeps the head and the tail of a digest', () => {
    const hex = 'a'.repeat(8) + 'b'.repeat(52) + 'cdef';
    expect(shortHash(hex)).toBe('aaaaaaaa…cdef');
    expect(shortHash('abc')).toBe('abc');
  });
});
