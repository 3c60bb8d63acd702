import { Table } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';

/** A table's header row: one column header (scope col) per message key, in the reader's language. */
export function TableHead({ keys }: { keys: readonly MessageKey[] }) {
  const { t } = useI18n();
  return (
    <Table.Thead>
      <Table.Tr>
        {keys.map((key) => (
          <Table.Th key={key} scope="col">
            {t(key)}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
