// One thread of the submissions bench: its own connection pool and event loop, as one server process of a
// deployment with several would have. It files the drafts it is given when the main thread says go.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../../src/platform/context.js';
import { openPostgres } from '../../src/platform/db/client.js';
import { platformJobs } from '../../src/platform/jobs/platform-jobs.js';
import { startWorker } from '../../src/platform/jobs/worker.js';
import { createLogger } from '../../src/platform/logger.js';
import { mailJob } from '../../src/platform/mail/mail-job.js';
import { makeSecrets } from '../../src/platform/secrets.js';
import { smsJob } from '../../src/platform/sms/sms-job.js';
import { dossierJobs } from '../../src/services/dossiers/deadline-jobs.js';
import { submitDossier } from '../../src/services/dossiers/submit-dossier.js';

export type SubmitDraft = { id: string; actor: Actor; form: Record<string, string> };
export type SubmitWork = { url: string; concurrency: number; secret: string; drafts: SubmitDraft[] };

const work = workerData as SubmitWork;
const log = createLogger('silent');
const database = await openPostgres(work.url, { max: work.concurrency });
const secrets = makeSecrets(work.secret);
// The queue knows the jobs a submission files (the applicant's mail, step reminders); nothing runs them here.
const queue = await startWorker({ database, log, handlers: [...platformJobs, mailJob({ secrets, mailer: { mode: 'outbox', send: async () => {} } }), smsJob({ secrets, sender: { mode: 'outbox', send: async () => {} } }), ...dossierJobs({ baseUrl: 'http://bench', secrets })], work: false });
// A round trip first, so connecting is not timed.
await Promise.all(Array.from({ length: work.concurrency }, () => database.db.execute(sql`select 1`)));
parentPort!.once('message', async () => {
  let next = 0;
  await Promise.all(
    Array.from({ length: work.concurrency }, async () => {
      while (next < work.drafts.length) {
        const d = work.drafts[next++]!;
        const ctx: Ctx = { db: database.db, actor: d.actor, now: () => new Date(), ip: null, requestId: null, locale: 'vi', log: log as never };
        await submitDossier(ctx, { baseUrl: 'http://bench', secrets }, d.id, { ...d.form, applicantName: 'Nguyễn Văn Bình', applicantIdNumber: '001090001234', applicantEmail: 'binh@example.vn', submissionKey: randomUUID() });
      }
    }),
  );
  await queue.stop();
  await database.close();
  parentPort!.postMessage('done');
});
parentPort!.postMessage('ready');
