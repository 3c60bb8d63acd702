import { startTestS3 } from '../../test/support/s3-server';

/**
 * bench:documents' S3-compatible store in a process of its own, as a real one would be: with
 * s3rver inside the benchmark's process, that one event loop would serve the api's reads and
 * receive the api's answers, and be measured against raw requests that load it half as much.
 * Ready when GET /<BUCKET> answers (the bucket exists).
 */
void startTestS3(process.env.BUCKET ?? 'jiebang-bench', Number(process.env.PORT ?? 3914));
