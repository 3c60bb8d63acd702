import { Button, Card, Group, Modal, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCancelChallenge, useExtendDeadline } from '../../api/awards';
import type { Challenge } from '../../api/client';
import { mapProblem, problemOf } from '../../api/problem';
import { useSession } from '../../auth/session';
import { validateExtend, type ExtendValues } from '../../forms/award-form';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { toShanghaiInput } from '../../lib/time';
import { useNow } from '../format';
import { ErrorState, Success } from '../states';
import { useProblemText } from './useProblemText';

function ExtendDeadline({ challenge }: { challenge: Challenge }) {
  const { t, lang } = useI18n();
  const extend = useExtendDeadline(challenge.id);
  const [values, setValues] = useState<ExtendValues>({ deadline: toShanghaiInput(challenge.bidDeadline), reason: '' });
  const [touched, setTouched] = useState(false);
  const now = useNow(30_000);
  const checked = validateExtend(values, challenge.bidDeadline, now);
  const describe = useProblemText();
  const mapped = extend.isError
    ? mapProblem(problemOf(extend.error), {
        lang,
        hasField: (p) => p === 'bidDeadline' || p === 'reason',
        generic: describe(extend.error),
      })
    : null;
  const err = (field: keyof ExtendValues) => {
    const key = touched ? checked.errors[field] : undefined;
    return key ? t(`awards.err.${key}` as MessageKey) : mapped?.fields[field === 'deadline' ? 'bidDeadline' : field];
  };
  return (
    <form
      noValidate
      aria-labelledby="extend-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!checked.iso || Object.keys(checked.errors).length) return;
        extend.mutate({ bidDeadline: checked.iso, reason: values.reason.trim() }, { onSuccess: () => setTouched(false) });
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id="extend-title">
          {t('manage.extend')}
        </Title>
        <Group align="flex-start" grow wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('manage.newDeadline')}
            description={t('common.tz')}
            required
            value={values.deadline}
            error={err('deadline')}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, deadline: value }));
            }}
            miw={220}
          />
          <TextInput
            label={t('manage.reason')}
            required
            value={values.reason}
            error={err('reason')}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, reason: value }));
            }}
            miw={220}
          />
        </Group>
        {mapped && mapped.general.length > 0 && <ErrorState error={extend.error} messages={mapped.general} />}
        {extend.isSuccess && <Success title={t('manage.extended')} />}
        <Group>
          <Button type="submit" variant="light" loading={extend.isPending}>
            {t('manage.extend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelChallenge({ challenge }: { challenge: Challenge }) {
  const { t, lang } = useI18n();
  const cancel = useCancelChallenge(challenge.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const describe = useProblemText();
  const mapped = cancel.isError
    ? mapProblem(problemOf(cancel.error), { lang, hasField: (p) => p === 'reason', generic: describe(cancel.error) })
    : null;
  const reasonError = touched && !reason.trim() ? t('awards.err.reasonRequired') : mapped?.fields.reason;
  return (
    <>
      <Group>
        <Button color="red" variant="outline" onClick={() => setOpen(true)}>
          {t('manage.cancel')}
        </Button>
      </Group>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('manage.cancelTitle')}
        closeButtonProps={{ 'aria-label': t('common.back') }}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!reason.trim()) return;
            cancel.mutate({ reason: reason.trim() }, { onSuccess: () => setOpen(false) });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('manage.cancelHint')}</Text>
            <Textarea
              label={t('manage.reason')}
              required
              autosize
              minRows={2}
              value={reason}
              error={reasonError}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            {mapped && mapped.general.length > 0 && <ErrorState error={cancel.error} messages={mapped.general} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.back')}
              </Button>
              <Button type="submit" color="red" loading={cancel.isPending}>
                {t('manage.cancelConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/**
 * The owning agency's actions on a challenge page: edit the draft, extend the deadline (published,
 * with a reason for the ledger), cancel (draft, published or closed, with a reason), and the way to
 * the awards (the page's own button leads to the review panel). Renders nothing for anyone else.
 */
export function ChallengeManagement({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (user?.role !== 'agency' || user.id !== challenge.agencyId || challenge.status === 'cancelled') return null;
  const s = challenge.status;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="manage-title" data-testid="challenge-management">
      <Stack gap="sm">
        <Title order={2} size="h4" id="manage-title">
          {t('manage.title')}
        </Title>
        <Group gap="xs" wrap="wrap">
          {s === 'draft' && (
            <Button component={Link} to={`/agency/challenges/${challenge.id}/edit`} variant="light">
              {t('manage.edit')}
            </Button>
          )}
          {(s === 'closed' || s === 'awarded' || s === 'completed') && (
            <Button component={Link} to={`/agency/challenges/${challenge.id}/awards`}>
              {t('awards.title')}
            </Button>
          )}
        </Group>
        {s === 'published' && <ExtendDeadline challenge={challenge} />}
        {(s === 'draft' || s === 'published' || s === 'closed') && <CancelChallenge challenge={challenge} />}
      </Stack>
    </Card>
  );
}
