import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '@app/common/config';
import { JobName, QueueName } from '@app/jobs';

/**
 * Leaves one maintenance job failed for good (a worker of the test's own that throws: the api runs
 * none), for tests of what the admin sees of failed jobs and of retrying them.
 */
export async function failMaintenanceJob(
  queue: Queue,
  config: AppConfig,
  jobId: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await queue.add(JobName.DocumentsOrphanSweep, data, { jobId, attempts: 1 });
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(
    QueueName.Maintenance,
    async () => {
      throw new Error('the store refused the sweep');
    },
    { connection, prefix: config.redisPrefix, autorun: false },
  );
  const failed = new Promise<void>((resolve) => worker.on('failed', (job) => job?.id === jobId && resolve()));
  void worker.run();
  await failed;
  await worker.close();
  await connection.quit();
}
