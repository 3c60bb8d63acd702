/** The public receipt check (GET /bid-receipts/{hash}): what the server says of a receipt hash. */
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type ReceiptCheck = Schemas['ReceiptCheckView'];

/** A receipt hash as issued: a SHA-256 in hex (64 characters, either case). */
export const RECEIPT_HASH = /^[0-9a-fA-F]{64}$/;

/** The hash as pasted: spaces, line breaks and a `sha-256:` or `0x` prefix left out. */
export function normaliseReceiptHash(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/^(sha-?256:|0x)/i, '')
    .toLowerCase();
}

/** Asked only for a well-formed hash; a 404 (no revision of any bid carried it) is an answer, not a retry. */
export function useReceiptCheck(hash: string | null) {
  return useQuery({
    queryKey: ['bid-receipts', hash],
    enabled: hash !== null && RECEIPT_HASH.test(hash),
    queryFn: ({ signal }) => call(api.GET('/api/v1/bid-receipts/{hash}', { params: { path: { hash: hash as string } }, signal })),
    retry: false,
  });
}
