import { SimpleGrid, Stack, Title } from '@mantine/core';
import type { MilestoneFigures, MoneyFigures } from '../../api/evaluations';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { Money } from '../format';
import { Figure } from '../portfolio/Figure';
import { ShareBar } from './ShareBar';

const percent = (share: number) => `${(share * 100).toFixed(share === 1 || share === 0 ? 0 : 1)}%`;

/** The programme's totals: figures, then money and milestones as bars. */
export function ProgrammeFigures({
  challenges,
  money,
  milestones,
  onTimeShare,
}: {
  challenges: number;
  money: MoneyFigures;
  milestones: MilestoneFigures;
  onTimeShare: number | null;
}) {
  const { t } = useI18n();
  const yuan = (fen: number) => formatFen(fen, { symbol: true });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" spacing="sm" m={0}>
        <Figure label={t('ev.challenges')} testId="ev-challenges">
          {challenges}
        </Figure>
        <Figure label={t('ev.granted')} testId="ev-granted">
          <Money fen={money.grantedFen} />
        </Figure>
        <Figure label={t('ev.paid')} testId="ev-paid">
          <Money fen={money.paidFen} />
        </Figure>
        <Figure label={t('ev.unspent')} testId="ev-unspent">
          <Money fen={money.unspentFen} />
        </Figure>
        <Figure label={t('ev.onTime')} testId="ev-on-time">
          {onTimeShare === null ? t('ev.onTimeNone') : percent(onTimeShare)}
        </Figure>
      </SimpleGrid>
      <section aria-labelledby="ev-money">
        <Title order={2} size="h4" id="ev-money" mb={4}>
          {t('ev.moneyOfBudget', { budget: yuan(money.budgetFen) })}
        </Title>
        <ShareBar
          label={t('ev.money')}
          format={yuan}
          shares={[
            { label: t('ev.paid'), value: money.paidFen, color: 'red.8' },
            {
              label: t('ev.committed'),
              value: Math.max(0, money.grantedFen - money.paidFen - money.releasedFen),
              color: 'red.3',
            },
            { label: t('ev.released'), value: money.releasedFen, color: 'yellow.6' },
            { label: t('ev.notGranted'), value: Math.max(0, money.unspentFen - money.releasedFen), color: 'gray.3' },
          ]}
        />
      </section>
      <section aria-labelledby="ev-milestones">
        <Title order={2} size="h4" id="ev-milestones" mb={4}>
          {t('ev.milestones')} ({milestones.total})
        </Title>
        <ShareBar
          label={t('ev.milestones')}
          shares={[
            { label: t('ev.m.met'), value: milestones.met, color: 'teal.7' },
            { label: t('ev.m.partiallyMet'), value: milestones.partiallyMet, color: 'yellow.6' },
            { label: t('ev.m.notMet'), value: milestones.notMet, color: 'red.8' },
            { label: t('ev.m.open'), value: milestones.open, color: 'blue.6' },
            { label: t('ev.m.cancelled'), value: milestones.cancelled, color: 'gray.4' },
          ]}
        />
        <ShareBar
          label={`${t('ev.m.onTime')} / ${t('ev.m.late')}`}
          shares={[
            { label: t('ev.m.onTime'), value: milestones.onTime, color: 'teal.7' },
            { label: t('ev.m.late'), value: milestones.late, color: 'red.8' },
          ]}
        />
      </section>
    </Stack>
  );
}
