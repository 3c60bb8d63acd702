import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { renderPage } from '../test/render';
import { ErrorState } from './states';

describe('ErrorState', () => {
  it('shows a validation problem’s field errors with the fields’ names, never the raw path (zh)', () => {
    const error = new ApiError({
      status: 400,
      code: 'validation_failed',
      detail: '输入有误：bidDeadline：须在发布后至少 7 天；stages[0].endsAt：必须晚于揭榜截止时间',
      errors: [
        { field: 'bidDeadline', message: '须在发布后至少 7 天' },
        { field: 'stages[0].endsAt', message: '必须晚于揭榜截止时间' },
      ],
    });
    renderPage(<ErrorState error={error} />, { lang: 'zh' });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('输入有误。');
    expect(screen.getByText('揭榜截止时间：须在发布后至少 7 天')).toBeInTheDocument();
    expect(screen.getByText('第 1 阶段的关口时间：必须晚于揭榜截止时间')).toBeInTheDocument();
    expect(alert.textContent).not.toMatch(/bidDeadline|stages\[|endsAt/);
  });
});
