import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, type Lang } from '../i18n/i18n';
import { WideTable } from './WideTable';

/** jsdom lays nothing out: the scroll container reports the widths a phone would. */
function widths(scrollWidth: number, clientWidth: number) {
  vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(scrollWidth);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(clientWidth);
}

const show = (lang: Lang, label?: string) =>
  render(
    <MantineProvider>
      <I18nProvider lang={lang}>
        <WideTable minWidth={720} label={label}>
          <table />
        </WideTable>
      </I18nProvider>
    </MantineProvider>,
  );

afterEach(() => vi.restoreAllMocks());

describe('WideTable', () => {
  it.each<[Lang, string]>([
    ['zh', '← 左右滑动查看 →'],
    ['en', '← scroll sideways →'],
  ])('says it scrolls sideways when it does not fit (%s), and can be scrolled by keyboard', (lang, hint) => {
    widths(720, 360);
    const { container } = show(lang);
    expect(screen.getByTestId('scroll-hint')).toHaveTextContent(hint);
    expect(container.querySelector('[data-overflows]')).toHaveAttribute('tabindex', '0');
  });

  it('says nothing when the table fits', () => {
    widths(720, 720);
    const { container } = show('zh');
    expect(screen.queryByTestId('scroll-hint')).toBeNull();
    expect(container.querySelector('[tabindex]')).toBeNull();
  });

  it('with a label, is a named region in the tab order either way', () => {
    widths(720, 720);
    show('en', 'Ranking');
    expect(screen.getByRole('region', { name: 'Ranking' })).toHaveAttribute('tabindex', '0');
  });
});
