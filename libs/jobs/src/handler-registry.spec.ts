import { checkHandlers, handlerCheckError } from './handler-registry';

describe('checkHandlers', () => {
  const names = ['a.one', 'b.two'];

  it('accepts exactly one handler per name', () => {
    const check = checkHandlers(names, [
      { name: 'a.one', className: 'OneJob' },
      { name: 'b.two', className: 'TwoJob' },
    ]);
    expect(check).toEqual({ missing: [], duplicates: [], unknown: [] });
    expect(handlerCheckError(check)).toBeNull();
  });

  it('names every missing and duplicated handler', () => {
    const check = checkHandlers(names, [
      { name: 'a.one', className: 'OneJob' },
      { name: 'a.one', className: 'OtherOneJob' },
    ]);
    expect(check.missing).toEqual(['b.two']);
    expect(check.duplicates).toEqual([{ name: 'a.one', classNames: ['OneJob', 'OtherOneJob'] }]);
    const message = handlerCheckError(check);
    expect(message).toMatch(/"b.two" has no @JobHandler/);
    expect(message).toMatch(/"a.one" has 2 handlers: OneJob, OtherOneJob/);
  });

  it('sets aside handlers of names outside the catalog', () => {
    const check = checkHandlers(
      ['a.one'],
      [
        { name: 'a.one', className: 'OneJob' },
        { name: 'z.other', className: 'OtherJob' },
      ],
    );
    expect(check.unknown).toEqual([{ name: 'z.other', className: 'OtherJob' }]);
    expect(handlerCheckError(check)).toBeNull();
  });
});
