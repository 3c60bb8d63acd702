import { Button, Card, FileInput, Grid, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { UploadedDocument } from '../../api/documents';
import { useSubmitEvidence } from '../../api/projects';
import {
  emptyAttachment,
  emptyEvidence,
  evidenceFieldOf,
  normalizeSha256,
  REPORT_MAX,
  sha256Hex,
  toSubmissionBody,
  validateEvidence,
  type EvidenceValues,
  type Objective,
} from '../../forms/evidence';
import { useI18n } from '../../i18n/i18n';
import { DocumentList } from '../documents/DocumentList';
import { DocumentUpload } from '../documents/DocumentUpload';
import { formProblem } from './problems';
import { ProjectFormShell, useProjectForm } from './useProjectForm';

/** Hashes a chosen file in the browser (it is never uploaded) and reports its SHA-256; `hashing` while it runs. */
function useFileHash(onHashed: (sha256: string, file: File) => void) {
  const [hashing, setHashing] = useState(false);
  const hashFile = async (file: File | null) => {
    if (!file) return;
    setHashing(true);
    try {
      onHashed(await sha256Hex(await file.arrayBuffer()), file);
    } finally {
      setHashing(false);
    }
  };
  return { hashing, hashFile };
}

function AttachmentRow({
  index,
  value,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  value: EvidenceValues['attachments'][number];
  errors: Record<string, string>;
  onChange: (patch: Partial<EvidenceValues['attachments'][number]>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const { hashing, hashFile } = useFileHash((sha256, file) =>
    onChange({ sha256, ...(value.name.trim() ? {} : { name: file.name }) }),
  );
  const n = index + 1;
  const path = `attachments.${index}`;
  return (
    <Card withBorder padding="sm" component="fieldset" aria-label={t('projects.evidence.attachmentN', { n })}>
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput
            label={t('projects.evidence.name', { n })}
            required
            maxLength={300}
            value={value.name}
            error={errors[`${path}.name`]}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <TextInput
            label={t('projects.evidence.url', { n })}
            required
            type="url"
            inputMode="url"
            placeholder="https://"
            maxLength={2000}
            value={value.url}
            error={errors[`${path}.url`]}
            onChange={(e) => onChange({ url: e.currentTarget.value })}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput
            label={t('projects.evidence.sha256', { n })}
            required
            spellCheck={false}
            autoComplete="off"
            maxLength={80}
            value={value.sha256}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            error={errors[`${path}.sha256`]}
            onChange={(e) => onChange({ sha256: e.currentTarget.value })}
            onBlur={() => onChange({ sha256: normalizeSha256(value.sha256) })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <FileInput
            label={t('projects.evidence.file', { n })}
            description={hashing ? t('projects.evidence.computing') : t('projects.evidence.fileHint')}
            value={null}
            onChange={(file) => void hashFile(file)}
            disabled={hashing}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }} pt={{ base: 0, sm: 44 }}>
          <Button variant="default" onClick={onRemove}>
            {t('projects.evidence.remove', { n })}
          </Button>
        </Grid.Col>
      </Grid>
    </Card>
  );
}

/** Files uploaded as evidence (kept by the platform), beside the outside links below. */
function EvidenceFiles({
  files,
  setFiles,
  onUploading,
}: {
  files: UploadedDocument[];
  setFiles: (next: UploadedDocument[]) => void;
  onUploading: (busy: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <DocumentUpload
        label={t('evidence.docs.title')}
        roles={['evidence']}
        onBusyChange={onUploading}
        onUploaded={(doc) => setFiles([...files, doc])}
      />
      <Text size="xs" c="dimmed">
        {t('evidence.docs.hint')}
      </Text>
      {files.length > 0 && (
        <DocumentList
          documents={files}
          showRole={false}
          testId="evidence-documents"
          onRemove={(_, i) => setFiles(files.filter((__, j) => j !== i))}
        />
      )}
    </>
  );
}

/** The evidence being written, its errors and the submit, the server's refusals mapped back to their fields. */
function useEvidenceForm(projectId: string, milestoneId: string, objectives: readonly Objective[], onDone: () => void) {
  const { t, lang } = useI18n();
  const form = useProjectForm<EvidenceValues>(() => emptyEvidence(objectives));
  const { values, update } = form;
  const submit = useSubmitEvidence(projectId, milestoneId);
  const [files, setFiles] = useState<UploadedDocument[]>([]);

  const setAttachment = (i: number, patch: Partial<EvidenceValues['attachments'][number]>) =>
    update(
      (v) => ({ ...v, attachments: v.attachments.map((a, j) => (j === i ? { ...a, ...patch } : a)) }),
      ...Object.keys(patch).map((k) => `attachments.${i}.${k}`),
    );

  const send = () => {
    if (!form.check(validateEvidence(values, objectives, t))) return;
    const { body, achievedIndex } = toSubmissionBody(values, objectives);
    if (files.length) body.documents = files.map((f) => ({ documentId: f.documentId }));
    const known = new Set(['report', ...objectives.map((_, i) => `achieved.${i}.value`)]);
    submit.mutate(body, {
      onSuccess: onDone,
      onError: (error) =>
        form.failed(
          formProblem(error, lang, {
            fieldOf: (p) => evidenceFieldOf(p, achievedIndex),
            hasField: (p) => known.has(p) || /^attachments\.\d+\.(name|url|sha256)$/.test(p),
          }),
        ),
    });
  };
  const setAchieved = (i: number, text: string) =>
    update((v) => ({ ...v, achieved: v.achieved.map((a, j) => (j === i ? text : a)) }), `achieved.${i}.value`);
  const addAttachment = () => update((v) => ({ ...v, attachments: [...v.attachments, emptyAttachment()] }));
  const removeAttachment = (i: number) => update((v) => ({ ...v, attachments: v.attachments.filter((_, j) => j !== i) }));
  return { form, submit, send, setAchieved, setAttachment, addAttachment, removeAttachment, files, setFiles };
}

/** The team's evidence for one milestone: report, achieved value per objective, attachments with their SHA-256. */
export function EvidenceForm({
  projectId,
  milestoneId,
  objectives,
  onDone,
  onCancel,
}: {
  projectId: string;
  milestoneId: string;
  objectives: readonly Objective[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const evidence = useEvidenceForm(projectId, milestoneId, objectives, onDone);
  const { form, submit, send, setAchieved, setAttachment, addAttachment, removeAttachment } = evidence;
  const { values, errors } = form;
  const titleId = `evidence-${milestoneId}`;
  const [uploading, setUploading] = useState(false);

  return (
    <ProjectFormShell
      title={t('projects.evidence.title')}
      titleId={titleId}
      problem={form.problem}
      alertTestId="evidence-errors"
      onSubmit={send}
      submitLabel={t('projects.evidence.submit')}
      pending={submit.isPending}
      uploading={uploading}
      onCancel={onCancel}
    >
      <Textarea
        label={t('projects.evidence.report')}
        required
        autosize
        minRows={3}
        maxLength={REPORT_MAX}
        value={values.report}
        error={errors.report}
        onChange={(e) => form.set({ report: e.currentTarget.value }, 'report')}
      />
      {objectives.map((o, i) => (
        <TextInput
          key={o.metric}
          label={t('projects.evidence.achievedLabel', { metric: o.metric, target: o.target, unit: o.unit })}
          inputMode="decimal"
          maw={360}
          value={values.achieved[i] ?? ''}
          error={errors[`achieved.${i}.value`]}
          onChange={(e) => setAchieved(i, e.currentTarget.value)}
        />
      ))}
      <EvidenceFiles files={evidence.files} setFiles={evidence.setFiles} onUploading={setUploading} />
      <Text fw={600} size="sm">
        {t('projects.attachments')}
      </Text>
      {values.attachments.map((a, i) => (
        <AttachmentRow
          key={i}
          index={i}
          value={a}
          errors={errors}
          onChange={(patch) => setAttachment(i, patch)}
          onRemove={() => removeAttachment(i)}
        />
      ))}
      {errors.attachments && (
        <Text size="sm" c="red.9" role="alert">
          {errors.attachments}
        </Text>
      )}
      <Group>
        <Button variant="light" disabled={values.attachments.length >= 100} onClick={addAttachment}>
          {t('projects.evidence.add')}
        </Button>
      </Group>
    </ProjectFormShell>
  );
}
