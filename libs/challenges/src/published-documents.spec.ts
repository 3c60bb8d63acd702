import { PublishedDocuments } from './published-documents';

describe('PublishedDocuments', () => {
  it('keeps what was set, and past its capacity drops the least recently listed', () => {
    const cache = new PublishedDocuments(2);
    cache.set('a', '[]');
    cache.set('b', '[{"id":"d"}]');
    expect(cache.get('a')).toBe('[]'); // a is now the most recent
    cache.set('c', '[]');
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('[]');
    expect(cache.get('c')).toBe('[]');
  });

  it('setting an id again replaces it without growing', () => {
    const cache = new PublishedDocuments(2);
    cache.set('a', '[]');
    cache.set('a', '[{"id":"d"}]');
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe('[{"id":"d"}]');
  });
});
