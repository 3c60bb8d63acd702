import { Group, Stack, Text } from '@mantine/core';

export interface NamedMember {
  organizationId: string;
  organizationName: string;
  creditCode: string;
  role: 'lead' | 'member';
  sharePercent: number;
}

/**
 * A consortium as people read it: each organisation by its registered name with its role and share,
 * its credit code beside it, small and secondary (for telling two similar names apart).
 */
export function ConsortiumMembers({
  label,
  members,
  roleLabel,
}: {
  label: string;
  members: readonly NamedMember[];
  roleLabel: (role: 'lead' | 'member') => string;
}) {
  return (
    <Stack gap={2} data-testid="consortium">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
        {members.map((m) => (
          <Group component="li" key={m.organizationId} gap={6} wrap="wrap" align="baseline">
            <Text size="sm" span>
              {m.organizationName || m.creditCode}
            </Text>
            <Text size="sm" span>
              ({roleLabel(m.role)} {m.sharePercent}%)
            </Text>
            {m.organizationName && (
              <Text size="xs" c="dimmed" span ff="monospace">
                {m.creditCode}
              </Text>
            )}
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
