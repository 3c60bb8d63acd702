import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { gateQuery, type GateView } from '../../api/awards';
import type { UploadedDocument } from '../../api/documents';
import { useGateObjections, useLodgeGateObjection, type GateObjection } from '../../api/gate-objections';
import { mapProblem, problemOf } from '../../api/problem';
import type { ProjectView } from '../../api/projects';
import { useChallenge } from '../../api/queries';
import { mayObject, nextGateStage } from '../../forms/gate-objection';
import { useI18n } from '../../i18n/i18n';
import { GateObjectionBody } from '../awards/GateObjections';
import { useProblemText } from '../awards/useProblemText';
import { DocumentList } from '../documents/DocumentList';
import { DocumentUpload } from '../documents/DocumentUpload';
import { DateTime } from '../format';
import { ErrorState } from '../states';

/** The reason and optional documents of an objection to the gate that would stop this project. */
function LodgeForm({ gate, projectId }: { gate: GateView; projectId: string }) {
  const { t, lang } = useI18n();
  const lodge = useLodgeGateObjection(gate.challengeId, gate.stage);
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<UploadedDocument[]>([]);
  const [uploading, setUploading] = useState(false);
  const [touched, setTouched] = useState(false);
  const describe = useProblemText();
  const mapped = lodge.isError
    ? mapProblem(problemOf(lodge.error), { lang, hasField: (p) => p === 'reason', generic: describe(lodge.error) })
    : null;
  const reasonError = touched && !reason.trim() ? t('gates.form.reasonRequired') : mapped?.fields.reason;
  return (
    <form
      noValidate
      aria-label={t('gates.form.label', { n: gate.stage })}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!reason.trim() || uploading) return;
        const documents = files.map((f) => ({ documentId: f.documentId }));
        lodge.mutate({ projectId, reason: reason.trim(), ...(documents.length ? { documents } : {}) });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('gates.reason')}
          description={t('gates.form.reasonHint')}
          required
          autosize
          minRows={3}
          value={reason}
          error={reasonError}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <DocumentUpload
          label={t('gates.form.docs')}
          roles={['attachment']}
          onBusyChange={setUploading}
          onUploaded={(doc) => setFiles((fs) => [...fs, doc])}
        />
        {files.length > 0 && (
          <DocumentList documents={files} showRole={false} onRemove={(_, i) => setFiles((fs) => fs.filter((__, j) => j !== i))} />
        )}
        {mapped && mapped.general.length > 0 && <ErrorState error={lodge.error} messages={mapped.general} />}
        <Group>
          <Button type="submit" loading={lodge.isPending} disabled={uploading}>
            {t('gates.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The team's own objection: its status, and the agency's answer once given. */
function MyObjection({ objection }: { objection: GateObjection }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="xs" data-testid="my-gate-objection">
      <Stack gap={6}>
        <GateObjectionBody objection={objection} />
        {objection.status === 'open' && <Text size="sm">{t('gates.form.lodged')}</Text>}
        {objection.status !== 'open' && <Text size="sm">{t(`gates.mine.${objection.status}`)}</Text>}
      </Stack>
    </Card>
  );
}

function GateNotice({ gate, project }: { gate: GateView; project: ProjectView }) {
  const { t } = useI18n();
  const objections = useGateObjections(gate.challengeId, gate.stage);
  const mine = (objections.data?.items ?? []).filter((o) => o.projectId === project.id);
  const open = mine.some((o) => o.status === 'open');
  const stopping = gate.phase !== 'final' && gate.eliminated.includes(project.id);
  if (!stopping && mine.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="gate-notice-title" data-testid="gate-notice">
      <Title order={2} size="h3" id="gate-notice-title">
        {stopping ? t('gates.notice.title', { n: gate.stage }) : t('gates.mine.title', { n: gate.stage })}
      </Title>
      {stopping && (
        <Alert color="orange" variant="light" styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}>
          {gate.phase === 'held' ? (
            t('gates.notice.held')
          ) : (
            <>
              {t('gates.notice.body')} <DateTime iso={gate.publicityEndsAt} /> ({t('common.tz')})
            </>
          )}
        </Alert>
      )}
      {objections.isError && <ErrorState error={objections.error} onRetry={() => void objections.refetch()} />}
      {mine.map((o) => (
        <MyObjection key={o.id} objection={o} />
      ))}
      {objections.isSuccess && !open && mayObject(gate, project.id) && <LodgeForm gate={gate} projectId={project.id} />}
    </Stack>
  );
}

/**
 * On a horse-race project's page, for its team: the gate it meets next, when that gate (published,
 * not final) would stop it — the notice, the objection form while the period runs, then the answer.
 */
export function GateObjectionNotice({ project }: { project: ProjectView }) {
  const challenge = useChallenge(project.challengeId);
  const stages = challenge.data?.mechanism === 'horse_race' ? challenge.data.stages.length : 0;
  const n = nextGateStage(project.stageReached, stages);
  const gate = useQuery({ ...gateQuery(project.challengeId, n ?? 1), enabled: n !== null });
  if (n === null || !gate.data) return null;
  return <GateNotice gate={gate.data} project={project} />;
}
