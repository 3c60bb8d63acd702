import { Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import {
  CHALLENGE_DOCUMENT_ROLES,
  REQUIRABLE_BID_DOCUMENT_ROLES,
  type DocumentRef,
  type RequirableBidDocumentRole,
  type UploadedDocument,
} from '../../api/documents';
import type { Challenge } from '../../api/client';
import { documentsOf, requiredRolesOf } from '../../api/documents';
import { useI18n } from '../../i18n/i18n';
import { DocumentList } from '../documents/DocumentList';
import { DocumentUpload } from '../documents/DocumentUpload';
import { roleWord } from '../documents/document-words';

/** The challenge's own files (notice, technical annex) and the kinds of document every bid must include. */
export interface ChallengeDocsValues {
  documents: UploadedDocument[];
  requiredBidDocuments: RequirableBidDocumentRole[];
}

export const emptyChallengeDocs = (): ChallengeDocsValues => ({ documents: [], requiredBidDocuments: [] });

/** A draft's documents and requirements, to edit them. */
export const docsOfChallenge = (c: Challenge): ChallengeDocsValues => ({
  documents: documentsOf(c).map((d) => ({ ...d, documentId: d.id })),
  requiredBidDocuments: requiredRolesOf(c),
});

/**
 * The part of the create/update body these make. Left out while empty (and never set before), so a
 * challenge without documents is sent exactly as before documents existed.
 */
export function challengeDocsBody(docs: ChallengeDocsValues, hadAny: boolean) {
  if (!hadAny && docs.documents.length === 0 && docs.requiredBidDocuments.length === 0) return {};
  return {
    requiredBidDocuments: docs.requiredBidDocuments,
    documents: docs.documents.map((d): DocumentRef<'notice' | 'technical_annex'> => ({
      documentId: d.documentId,
      role: d.role as 'notice' | 'technical_annex',
    })),
  };
}

/** On the wizard's review step: upload the notice and annex, and pick what bids must include. */
export function ChallengeDocumentsPanel({
  value,
  onChange,
  onUploading,
}: {
  value: ChallengeDocsValues;
  onChange: (next: ChallengeDocsValues) => void;
  /** Told when files start or stop being sent: the wizard waits for them before it creates. */
  onUploading?: (busy: boolean) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="new-docs-title" data-testid="challenge-docs-panel">
      <Stack gap="sm">
        <Title order={3} size="h4" id="new-docs-title">
          {t('new.docs.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('new.docs.hint')}
        </Text>
        <DocumentUpload
          roles={CHALLENGE_DOCUMENT_ROLES}
          onBusyChange={onUploading}
          onUploaded={(doc) => onChange({ ...value, documents: [...value.documents, doc] })}
        />
        {value.documents.length > 0 && (
          <DocumentList
            documents={value.documents}
            onRemove={(_, i) => onChange({ ...value, documents: value.documents.filter((__, j) => j !== i) })}
          />
        )}
        <Checkbox.Group
          label={t('new.docs.required')}
          description={t('new.docs.requiredHint')}
          value={value.requiredBidDocuments}
          onChange={(picked) =>
            onChange({ ...value, requiredBidDocuments: REQUIRABLE_BID_DOCUMENT_ROLES.filter((r) => picked.includes(r)) })
          }
        >
          <Group mt="xs">
            {REQUIRABLE_BID_DOCUMENT_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={roleWord(t, lang, r)} />
            ))}
          </Group>
        </Checkbox.Group>
      </Stack>
    </Card>
  );
}
