import { Button, TextInput } from '@mantine/core';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render';
import { useConfirm } from './ConfirmDialog';
import { ErrorSummary } from './ErrorSummary';
import { notify, NoticesHost } from './notify';

function Asker({ onAnswer }: { onAnswer: (ok: boolean) => void }) {
  const { confirm, dialog } = useConfirm();
  return (
    <>
      <Button
        onClick={() =>
          void confirm({ title: '确认发布榜单？', body: '将立即公开。', amount: '¥1.00', confirmLabel: '发布榜单' }).then(
            onAnswer,
          )
        }
      >
        发布
      </Button>
      {dialog}
    </>
  );
}

describe('useConfirm', () => {
  it('resolves false on cancel and true on confirm, showing the amount', async () => {
    const answers: boolean[] = [];
    const u = userEvent.setup();
    renderPage(<Asker onAnswer={(ok) => answers.push(ok)} />);
    await u.click(await screen.findByRole('button', { name: '发布' }));
    const dialog = await screen.findByRole('dialog', { name: '确认发布榜单？' });
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('¥1.00');
    await u.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(answers).toEqual([false]));
    await u.click(screen.getByRole('button', { name: '发布' }));
    await u.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '发布榜单' }));
    await waitFor(() => expect(answers).toEqual([false, true]));
  });
});

function LongForm() {
  const ref = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({ title: '必填', email: '请输入有效的电子邮箱地址' });
        setAttempt((n) => n + 1);
      }}
    >
      <ErrorSummary formRef={ref} attempt={attempt} />
      <TextInput label="榜单名称" required error={errors.title} />
      <TextInput label="电子邮箱" error={errors.email} />
      <Button type="submit">提交</Button>
    </form>
  );
}

describe('ErrorSummary', () => {
  it('lists each field error as a link, takes focus, and a link focuses its field', async () => {
    const u = userEvent.setup();
    renderPage(<LongForm />);
    expect(screen.queryByTestId('error-summary')).not.toBeInTheDocument();
    await u.click(await screen.findByRole('button', { name: '提交' }));
    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['榜单名称：必填', '电子邮箱：请输入有效的电子邮箱地址']);
    await u.click(links[1]);
    expect(screen.getByLabelText('电子邮箱')).toHaveFocus();
  });
});

describe('notices', () => {
  it('shows a notice until it is closed', async () => {
    const u = userEvent.setup();
    renderPage(<NoticesHost />, { lang: 'en' });
    act(() => notify({ title: 'Draft saved' }));
    const notice = await screen.findByTestId('notice');
    expect(notice).toHaveTextContent('Draft saved');
    await u.click(within(notice).getByRole('button', { name: 'Close notice' }));
    await waitFor(() => expect(screen.queryByTestId('notice')).not.toBeInTheDocument());
  });
});
