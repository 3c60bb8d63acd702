import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/**
 * An S3-compatible server in this process (the npm package s3rver), on a free port, with its own
 * directory and a bucket created through the S3 API — what the documents' S3 store talks to in
 * tests and in the benchmark. `env` points the app at it.
 */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  client: S3Client;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'jiebang-documents', port = 0): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'jiebang-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory });
  const address = await server.run();
  const s3 = connectTestS3(`http://127.0.0.1:${address.port}`, bucket);
  await s3.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    ...s3,
    async close() {
      await s3.close();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A client of an s3rver already running at `endpoint` (another process's) whose `bucket` exists. */
export function connectTestS3(endpoint: string, bucket: string): TestS3 {
  // s3rver accepts only its own fixed credentials.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    bucket,
    client,
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      client.destroy();
    },
  };
}
