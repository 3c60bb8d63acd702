import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useAnswerMerge, useMerges, type Merge } from '../../api/merges';
import type { ProjectView } from '../../api/projects';
import { problemOf, problemWording } from '../../api/problem';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { consentColor, mergeStatusColor } from '../awards/MergeProposals';
import { useConfirm } from '../feedback/ConfirmDialog';
import { ConsortiumMembers } from '../ConsortiumMembers';
import { DateTime, Money } from '../format';
import { ErrorState } from '../states';
import { WideTable } from '../WideTable';

const problemKey = (code: string) => (code.startsWith('awards.merge_') ? `merges.code.${code}` : `awards.code.${code}`);

/** The proposed terms: the merged project's lead and shares, its grant and re-planned milestones. */
function MergeTerms({ merge }: { merge: Merge }) {
  const { t } = useI18n();
  return (
    <Stack gap={6}>
      <Text size="sm">
        {t('merges.grant')}: <Money fen={merge.grantFen} /> · {t('merges.totalInvestment')}:{' '}
        <Money fen={merge.totalInvestmentFen} />
      </Text>
      <ConsortiumMembers
        label={t('merges.terms.consortium')}
        members={merge.members}
        roleLabel={(role) => t(role === 'lead' ? 'merges.terms.lead' : 'merges.terms.member')}
      />
      <WideTable label={t('merges.milestones')} minWidth={480}>
        <Table withTableBorder striped>
          <Table.Caption>{t('merges.milestones')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('merges.terms.milestone')}</Table.Th>
              <Table.Th scope="col">{t('merges.terms.dueAt')}</Table.Th>
              <Table.Th scope="col">{t('merges.terms.deliverable')}</Table.Th>
              <Table.Th scope="col">{t('merges.terms.tranche')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {merge.milestones.map((m, i) => (
              <Table.Tr key={`${i}-${m.title}`}>
                <Table.Td>{m.title}</Table.Td>
                <Table.Td>
                  <DateTime iso={m.dueAt} />
                </Table.Td>
                <Table.Td>{m.deliverable}</Table.Td>
                <Table.Td>
                  <Money fen={m.trancheFen} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Stack>
  );
}

/** Accept or decline, each confirmed first; declining ends the whole proposal, so it may say why. */
function AnswerForm({ merge }: { merge: Merge }) {
  const { t, lang } = useI18n();
  const answer = useAnswerMerge(merge.challengeId);
  const { confirm, dialog } = useConfirm();
  const [comment, setComment] = useState('');
  const send = (accept: boolean) =>
    void confirm({
      title: t(accept ? 'merges.answer.acceptTitle' : 'merges.answer.declineTitle', { title: merge.title }),
      body: t(accept ? 'merges.answer.acceptBody' : 'merges.answer.declineBody'),
      amount: accept ? formatFen(merge.grantFen) : undefined,
      amountLabel: accept ? t('merges.grant') : undefined,
      confirmLabel: t(accept ? 'merges.answer.accept' : 'merges.answer.decline'),
      danger: !accept,
    }).then((ok) => {
      const trimmed = comment.trim();
      if (ok) answer.mutate({ mid: merge.id, body: { accept, ...(trimmed ? { comment: trimmed } : {}) } });
    });
  return (
    <Stack gap="xs">
      <Textarea
        label={t('merges.answer.comment')}
        autosize
        minRows={2}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      {answer.isError && (
        <ErrorState error={answer.error} messages={[problemWording(problemOf(answer.error), lang, problemKey)]} />
      )}
      <Group>
        <Button onClick={() => send(true)} loading={answer.isPending && answer.variables?.body.accept === true}>
          {t('merges.answer.accept')}
        </Button>
        <Button
          variant="default"
          onClick={() => send(false)}
          loading={answer.isPending && answer.variables?.body.accept === false}
        >
          {t('merges.answer.decline')}
        </Button>
      </Group>
      {dialog}
    </Stack>
  );
}

function MergeCard({ merge, projectId, organizationId }: { merge: Merge; projectId: string; organizationId: string | null }) {
  const { t } = useI18n();
  const consent = merge.consents.find((c) => c.projectId === projectId);
  const mayAnswer = merge.status === 'proposed' && consent?.decision === 'pending' && consent.organizationId === organizationId;
  return (
    <Card withBorder padding="sm" component="li" data-testid={`merge-${merge.id}`}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{merge.title}</Text>
          <Badge variant="light" color={mergeStatusColor[merge.status]} c="dark.7">
            {t(`merges.status.${merge.status}`)}
          </Badge>
          {consent && (
            <Badge variant="light" size="sm" color={consentColor[consent.decision]} c="dark.7">
              {t('merges.yourAnswer', { answer: t(`merges.consent.${consent.decision}`) })}
            </Badge>
          )}
        </Group>
        {merge.status === 'proposed' && <MergeTerms merge={merge} />}
        {merge.status === 'merged' && <Text size="sm">{t('merges.mine.merged')}</Text>}
        {merge.status === 'declined' && <Text size="sm">{t('merges.mine.declined')}</Text>}
        {mayAnswer && <AnswerForm merge={merge} />}
      </Stack>
    </Card>
  );
}

/** The merge proposals that involve this project, for its team: the terms, and its answer while one is awaited. */
export function MergeConsent({ project }: { project: ProjectView }) {
  const { t } = useI18n();
  const { user } = useSession();
  const merges = useMerges(project.challengeId);
  const mine = (merges.data?.items ?? []).filter((m) => m.projectIds.includes(project.id));
  if (mine.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="merge-consent-title">
      <Title order={2} size="h3" id="merge-consent-title">
        {t('merges.mine.title')}
      </Title>
      <Text size="sm">{t('merges.mine.intro')}</Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {mine.map((m) => (
          <MergeCard key={m.id} merge={m} projectId={project.id} organizationId={user?.organizationId ?? null} />
        ))}
      </Stack>
    </Stack>
  );
}
