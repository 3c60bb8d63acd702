import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Challenge } from '../../api/client';
import { renderPage } from '../../test/render';
import { AwardSummary } from './AwardSummary';

// 10 million yuan, 3 of it awarded: 7 million left.
const challenge = {
  budgetFen: 1_000_000_000,
  awardedFen: 300_000_000,
  mechanism: 'horse_race',
  parallelSlots: 4,
  awardedCount: 1,
} as Challenge;

const filled = (bar: HTMLElement) => Number(bar.querySelectorAll('rect')[1].getAttribute('width'));

describe('AwardSummary', () => {
  it('fills the remaining-budget bar with what is left, not what is used (zh)', () => {
    renderPage(<AwardSummary challenge={challenge} />, { lang: 'zh' });
    expect(screen.getByText('剩余预算')).toBeInTheDocument();
    const bar = screen.getByRole('img', { name: /^剩余 .* \/ 总预算 / });
    expect(filled(bar)).toBeCloseTo(70);
    // The slots bar still fills with the slots taken: 1 of 4.
    expect(filled(screen.getByRole('img', { name: '1 / 4' }))).toBeCloseTo(25);
  });

  it('in English too, and an exhausted budget leaves the bar empty', () => {
    renderPage(<AwardSummary challenge={{ ...challenge, awardedFen: challenge.budgetFen }} />, { lang: 'en' });
    expect(screen.getByText('Budget left')).toBeInTheDocument();
    expect(filled(screen.getByRole('img', { name: /left of a budget of/ }))).toBe(0);
  });
});
