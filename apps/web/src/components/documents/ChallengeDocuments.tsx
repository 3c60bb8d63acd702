import { Card, Stack, Text, Title } from '@mantine/core';
import { documentsOf, requiredRolesOf } from '../../api/documents';
import type { Challenge } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { DocumentList } from './DocumentList';
import { roleList } from './document-words';

/** The challenge's notice and technical annex with downloads, and the documents every bid must include. */
export function ChallengeDocuments({ challenge }: { challenge: Challenge }) {
  const { t, lang } = useI18n();
  const documents = documentsOf(challenge);
  const required = requiredRolesOf(challenge);
  if (documents.length === 0 && required.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="challenge-documents" data-testid="challenge-documents">
      <Stack gap="sm">
        <Title order={2} size="h3" id="challenge-documents">
          {t('challenge.docs.title')}
        </Title>
        {documents.length > 0 && <DocumentList documents={documents} testId="challenge-document-list" />}
        {required.length > 0 && (
          <Text size="sm" data-testid="challenge-required-documents">
            {t('challenge.docs.requiredForBids', { roles: roleList(t, lang, required) })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
