import { Badge, Table, Text } from '@mantine/core';
import type { DisbursementPage } from '../../api/projects';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { DateTime, Money } from '../format';
import { WideTable } from '../WideTable';

const COLOR: Record<DisbursementPage['items'][number]['status'], string> = {
  scheduled: 'blue',
  paid: 'green',
  cancelled: 'gray',
  blocked: 'red',
};

/** The project's disbursements: which milestone, how much, scheduled for when, paid when. */
export function Disbursements({ data }: { data: DisbursementPage }) {
  const { t } = useI18n();
  if (data.items.length === 0) return <Text c="dimmed">{t('projects.disbursements.none')}</Text>;
  return (
    <WideTable minWidth={560}>
      <Table striped withTableBorder data-testid="disbursements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('projects.disb.milestone')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('projects.disb.amount')}
            </Table.Th>
            <Table.Th scope="col">{t('projects.disb.status')}</Table.Th>
            <Table.Th scope="col">{t('projects.disb.scheduledFor')}</Table.Th>
            <Table.Th scope="col">{t('projects.disb.paidAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((d) => (
            <Table.Tr key={d.id} data-status={d.status}>
              <Table.Td>
                {d.milestoneSeq + 1}. {d.milestoneTitle}
              </Table.Td>
              <Table.Td ta="right">
                <Money fen={d.amountFen} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={COLOR[d.status]} c="dark.7">
                  {t(`projects.disb.${d.status}` as MessageKey)}
                </Badge>
                {d.reason && (
                  <Text size="xs" c="dimmed">
                    {d.reason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <DateTime iso={d.scheduledFor} />
              </Table.Td>
              <Table.Td>
                <DateTime iso={d.paidAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
