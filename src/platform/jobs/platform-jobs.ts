import { z } from 'zod';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { defineJob } from './define-job.js';
import type { Schedule } from './worker.js';

/** Expired sessions are useless rows that still hold a token hash and an IP address; drop them. */
export const purgeExpiredSessionsJob = defineJob(
  'platform.purge-expired-sessions',
  z.object({}),
  async (_payload, { ctx }) => {
    await purgeExpiredSessions(ctx.db, ctx.now());
  },
  { retryLimit: 2, retryDelaySeconds: 60, dedupe: true },
);

export const platformJobs = [purgeExpiredSessionsJob];

export const platformSchedules: Schedule[] = [{ job: purgeExpiredSessionsJob, cron: '17 * * * *' }];
