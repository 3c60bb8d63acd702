import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ChallengeFormValues } from '../../forms/challenge-form';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { parseYuan } from '../../lib/money';
import { FIELDS, INDUSTRIES, MECHANISMS, TRACKS, ZONES } from '../../lib/taxonomy';
import { formatDateTime, fromShanghaiInput } from '../../lib/time';
import { Money } from '../format';

/** A typed Shanghai time, shown as the app shows every instant ("2026-12-11 14:49", Beijing time), never raw ISO. */
function useBeijing() {
  const { t, lang } = useI18n();
  return (typed: string) => {
    const iso = fromShanghaiInput(typed);
    if (!iso) return '—';
    return lang === 'zh' ? `${formatDateTime(iso)}（${t('common.tz')}）` : `${formatDateTime(iso)} (${t('common.tz')})`;
  };
}

/** Who may bid and the horse race's stages, as rows of the review. */
function useEligibilityAndStages(values: ChallengeFormValues): [string, ReactNode][] {
  const { t, lang } = useI18n();
  const beijing = useBeijing();
  const sep = lang === 'zh' ? '、' : ', ';
  const rows: [string, ReactNode][] = [
    [t('new.orgKinds'), values.orgKinds.map((k) => t(`orgKind.${k}` as MessageKey)).join(sep) || '—'],
    [
      t('challenge.consortium'),
      values.consortiumAllowed ? t('challenge.consortiumAllowed', { n: values.maxMembers }) : t('challenge.consortiumNotAllowed'),
    ],
  ];
  if (values.mechanism === 'horse_race')
    rows.push([
      t('new.stages'),
      values.stages.length === 0
        ? '—'
        : values.stages.map((s, i) => (
            <div key={i}>{`${i + 1}. ${s.name} · ${beijing(s.endsAt)} · ${t('new.stageAdvancing')} ${s.advancingSlots}`}</div>
          )),
    ]);
  return rows;
}

/** The last step: the challenge as it will be sent, to read over before creating it. */
export function ReviewStep({ values }: { values: ChallengeFormValues }) {
  const { t, pick } = useI18n();
  const beijing = useBeijing();
  const fen = (text: string) => {
    const parsed = parseYuan(text);
    return parsed.ok ? <Money fen={parsed.fen} /> : '—';
  };
  const rows: [string, ReactNode][] = [
    [t('new.title.label'), values.title],
    [t('new.summary'), <span style={{ whiteSpace: 'pre-wrap' }}>{values.summary}</span>],
    [t('challenge.industry'), values.industry ? pick(INDUSTRIES[values.industry]) : '—'],
    [t('challenge.field'), values.field ? pick(FIELDS[values.field]) : '—'],
    [t('challenge.zone'), values.zone ? pick(ZONES[values.zone]) : t('common.none')],
    [t('new.track'), pick(TRACKS[values.track])],
    [t('new.mechanism'), pick(MECHANISMS[values.mechanism])],
    [t('new.budget'), fen(values.budget)],
    [t('new.maxAward'), values.maxAward ? fen(values.maxAward) : t('challenge.noMaxAward')],
    [t('new.parallelSlots'), values.parallelSlots],
    [t('new.bidDeadline'), beijing(values.bidDeadline)],
    [t('new.projectEndsAt'), beijing(values.projectEndsAt)],
    [t('new.objectives'), values.objectives.map((o) => `${o.metric} ${o.target} ${o.unit}`).join('；')],
    ...useEligibilityAndStages(values),
  ];
  return (
    <Table withTableBorder data-testid="wizard-review">
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
