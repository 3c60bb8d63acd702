import { Button, Card, Group, NativeSelect, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { AuditFilter } from '../../api/audit';
import { useI18n } from '../../i18n/i18n';
import { fromShanghaiInput } from '../../lib/time';

/** The kinds of action the ledger records (the part before the dot). */
const KINDS = [
  'challenge',
  'question',
  'bid',
  'bids',
  'review',
  'award',
  'gate',
  'gate_objection',
  'objection',
  'project',
  'milestone',
  'disbursement',
  'user',
  'organization',
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Draft {
  challengeId: string;
  kind: string;
  action: string;
  actorId: string;
  from: string;
  to: string;
}
const EMPTY: Draft = { challengeId: '', kind: '', action: '', actorId: '', from: '', to: '' };

/** What the draft asks the API for; times typed in Shanghai time become instants. */
function filterOf(d: Draft): AuditFilter {
  return {
    challengeId: d.challengeId.trim(),
    kind: d.kind,
    action: d.action.trim(),
    actorId: d.actorId.trim(),
    from: d.from ? (fromShanghaiInput(d.from) ?? undefined) : undefined,
    to: d.to ? (fromShanghaiInput(d.to) ?? undefined) : undefined,
  };
}

/** The ledger's filters; applied when the form is sent (a UUID field that is not one says so and is not sent). */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (key: keyof Draft) => (e: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [key]: e.currentTarget.value });
  const bad = (v: string) => (v.trim() && !UUID.test(v.trim()) ? t('audit.uuidHint') : undefined);
  const invalid = Boolean(bad(draft.challengeId) || bad(draft.actorId));
  return (
    <Card withBorder component="section" aria-labelledby="audit-filters">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid) onApply(filterOf(draft));
        }}
      >
        <Title order={2} size="h4" id="audit-filters" mb="xs">
          {t('audit.filters')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('audit.challengeId')}
            value={draft.challengeId}
            onChange={set('challengeId')}
            error={bad(draft.challengeId)}
          />
          <NativeSelect
            label={t('audit.kind')}
            value={draft.kind}
            onChange={set('kind')}
            data={[{ value: '', label: t('common.any') }, ...KINDS.map((k) => ({ value: k, label: t(`audit.kinds.${k}`) }))]}
          />
          <TextInput label={t('audit.action')} placeholder="bid.submitted" value={draft.action} onChange={set('action')} />
          <TextInput label={t('audit.actorId')} value={draft.actorId} onChange={set('actorId')} error={bad(draft.actorId)} />
          <TextInput type="datetime-local" label={t('audit.from')} value={draft.from} onChange={set('from')} />
          <TextInput type="datetime-local" label={t('audit.to')} value={draft.to} onChange={set('to')} />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit">{t('audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              onApply({});
            }}
          >
            {t('audit.clear')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
