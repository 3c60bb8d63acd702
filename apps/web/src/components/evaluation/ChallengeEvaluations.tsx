import { Anchor, Button, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ChallengeEvaluation } from '../../api/evaluations';
import { useI18n } from '../../i18n/i18n';
import { useIndustryName } from '../../lib/useIndustryName';
import { Money } from '../format';
import { ScrollRegion } from '../portfolio/ScrollRegion';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function Objectives({ evaluation }: { evaluation: ChallengeEvaluation }) {
  const { t } = useI18n();
  return (
    <Table withTableBorder aria-label={t('ev.objectivesOf', { title: evaluation.title })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('ev.objectives')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('ev.target')}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            {t('ev.best')}
          </Table.Th>
          <Table.Th scope="col">{t('ev.reached')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {evaluation.objectives.map((o) => (
          <Table.Tr key={o.metric}>
            <Table.Th scope="row" fw={500}>
              {o.metric}
            </Table.Th>
            <Table.Td ta="right" style={num}>
              {o.target} {o.unit}
            </Table.Td>
            <Table.Td ta="right" style={num}>
              {o.best === null ? t('ev.notReported') : `${o.best} ${o.unit}`}
            </Table.Td>
            <Table.Td miw={160}>
              {o.reached === null ? (
                '—'
              ) : (
                <>
                  <Progress value={Math.min(100, o.reached * 100)} color={o.reached >= 1 ? 'teal.7' : 'yellow.6'} aria-hidden />
                  <Text size="xs" style={num}>
                    {(o.reached * 100).toFixed(0)}% · {t('ev.reporting', { n: o.projectsReporting })}
                  </Text>
                </>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Stopped({ evaluation }: { evaluation: ChallengeEvaluation }) {
  const { t } = useI18n();
  if (evaluation.stopped.length === 0) return null;
  return (
    <div>
      <Title order={4} size="h5" mb={4}>
        {t('ev.stopped')}
      </Title>
      <Stack gap={4} component="ul" style={{ paddingInlineStart: 18, margin: 0 }}>
        {evaluation.stopped.map((s) => (
          <Text component="li" size="sm" key={s.projectId}>
            {s.title}（{s.organizationName}）— {t(`ev.status.${s.status}`)} · {t('ev.stage')} {s.stageReached} · {t('ev.reason')}
            ：{s.reason ?? t('ev.noReason')}
          </Text>
        ))}
      </Stack>
    </div>
  );
}

function HeaderRow() {
  const { t } = useI18n();
  const right = (label: string) => (
    <Table.Th scope="col" ta="right">
      {label}
    </Table.Th>
  );
  return (
    <Table.Tr>
      <Table.Th scope="col">{t('ev.challenge')}</Table.Th>
      <Table.Th scope="col">{t('ev.industry')}</Table.Th>
      {right(t('ev.projects'))}
      {right(t('ev.granted'))}
      {right(t('ev.paid'))}
      {right(`${t('ev.m.onTime')} / ${t('ev.m.late')}`)}
      <Table.Th scope="col" />
    </Table.Tr>
  );
}

/** A challenge's line, and under it, when open, its objectives and stopped projects. */
function ChallengeRows({ c, open, onToggle }: { c: ChallengeEvaluation; open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  const industry = useIndustryName()(c.industry);
  return (
    <>
      <Table.Tr data-challenge-id={c.challengeId}>
        <Table.Th scope="row" fw={500}>
          <Anchor component={Link} to={`/challenges/${c.challengeId}`} size="sm" c="red.9">
            {c.title}
          </Anchor>
        </Table.Th>
        <Table.Td>{industry}</Table.Td>
        <Table.Td ta="right" style={num}>
          {c.projects.awarded}
        </Table.Td>
        <Table.Td ta="right" style={num}>
          <Money fen={c.money.grantedFen} />
        </Table.Td>
        <Table.Td ta="right" style={num}>
          <Money fen={c.money.paidFen} />
        </Table.Td>
        <Table.Td ta="right" style={num}>
          {c.milestones.onTime} / {c.milestones.late}
        </Table.Td>
        <Table.Td>
          <Button
            size="compact-sm"
            variant="default"
            aria-expanded={open}
            aria-controls={`ev-detail-${c.challengeId}`}
            onClick={onToggle}
          >
            {open ? t('ev.hide') : t('ev.show')}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={`ev-detail-${c.challengeId}`}>
          <Table.Td colSpan={7}>
            <Stack gap="sm">
              <Objectives evaluation={c} />
              <Stopped evaluation={c} />
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

/** One line per challenge, each opening to its objectives and its stopped projects. */
export function ChallengeEvaluations({ challenges }: { challenges: ChallengeEvaluation[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="ev-by-challenge">
      <Title order={2} size="h3" id="ev-by-challenge" mb="xs">
        {t('ev.byChallenge')}
      </Title>
      <ScrollRegion label={t('ev.byChallenge')} minWidth={760}>
        <Table striped withTableBorder data-testid="ev-by-challenge">
          <Table.Thead>
            <HeaderRow />
          </Table.Thead>
          <Table.Tbody>
            {challenges.map((c) => (
              <ChallengeRows
                key={c.challengeId}
                c={c}
                open={open === c.challengeId}
                onToggle={() => setOpen(open === c.challengeId ? null : c.challengeId)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </section>
  );
}
