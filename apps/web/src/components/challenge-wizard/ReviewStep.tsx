import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ChallengeFormValues } from '../../forms/challenge-form';
import { useI18n } from '../../i18n/i18n';
import { parseYuan } from '../../lib/money';
import { FIELDS, INDUSTRIES, MECHANISMS, TRACKS } from '../../lib/taxonomy';
import { fromShanghaiInput } from '../../lib/time';
import { Money } from '../format';

/** The last step: the challenge as it will be sent, to read over before creating it. */
export function ReviewStep({ values }: { values: ChallengeFormValues }) {
  const { t, pick } = useI18n();
  const fen = (text: string) => {
    const parsed = parseYuan(text);
    return parsed.ok ? <Money fen={parsed.fen} /> : '—';
  };
  const rows: [string, ReactNode][] = [
    [t('new.title.label'), values.title],
    [t('challenge.industry'), values.industry ? pick(INDUSTRIES[values.industry]) : '—'],
    [t('challenge.field'), values.field ? pick(FIELDS[values.field]) : '—'],
    [t('new.track'), pick(TRACKS[values.track])],
    [t('new.mechanism'), pick(MECHANISMS[values.mechanism])],
    [t('new.budget'), fen(values.budget)],
    [t('new.maxAward'), values.maxAward ? fen(values.maxAward) : t('challenge.noMaxAward')],
    [t('new.parallelSlots'), values.parallelSlots],
    [t('new.bidDeadline'), fromShanghaiInput(values.bidDeadline) ?? '—'],
    [t('new.projectEndsAt'), fromShanghaiInput(values.projectEndsAt) ?? '—'],
    [t('new.objectives'), values.objectives.map((o) => `${o.metric} ${o.target} ${o.unit}`).join('；')],
  ];
  return (
    <Table withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="35%">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
