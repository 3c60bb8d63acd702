import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Challenge } from '../../api/client';
import { missingRoles, requiredRolesOf, type UploadedDocument } from '../../api/documents';
import { useI18n } from '../../i18n/i18n';
import { DocumentList } from '../documents/DocumentList';
import { DocumentUpload } from '../documents/DocumentUpload';
import { roleWord } from '../documents/document-words';
import type { BidSectionProps } from './useBidForm';

/** Each role the challenge requires, marked present (green) or still missing (red). */
function RequiredRoles({ required, documents }: { required: string[]; documents: UploadedDocument[] }) {
  const { t, lang } = useI18n();
  const missing = new Set<string>(missingRoles(requiredRolesOf({ requiredBidDocuments: required }), documents));
  return (
    <Group gap="xs" data-testid="bid-required-documents">
      {required.map((role) => (
        <Badge key={role} variant="light" color={missing.has(role) ? 'red' : 'green'} c="dark.7">
          {missing.has(role) ? '✗' : '✓'} {roleWord(t, lang, role)} · {t('bid.docs.requiredMark')}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * The bid's files: the challenge's required kinds (the form refuses to send while one is missing)
 * and any number of others. Uploaded at once; attached when the bid is sent.
 */
export function BidDocumentsSection({
  challenge,
  values,
  errors,
  set,
  onUploading,
}: BidSectionProps & { challenge: Challenge; onUploading?: (busy: boolean) => void }) {
  const { t } = useI18n();
  const required = requiredRolesOf(challenge);
  const documents = values.documents ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="bid-documents-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="bid-documents-title">
          {t('bid.docs.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('bid.docs.hint')}
        </Text>
        {required.length > 0 && <RequiredRoles required={required} documents={documents} />}
        <DocumentUpload
          roles={[...required, 'other']}
          onBusyChange={onUploading}
          onUploaded={(doc) => set({ documents: [...documents, doc] }, ['documents'])}
        />
        {documents.length > 0 && (
          <DocumentList
            documents={documents}
            testId="bid-documents"
            onRemove={(_, i) => set({ documents: documents.filter((__, j) => j !== i) })}
          />
        )}
        {errors.documents && (
          <Text size="sm" c="red.9" role="alert" data-testid="bid-documents-error">
            {errors.documents}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
