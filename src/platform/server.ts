import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import { type Database, openDatabase } from './db/client.js';
import { buildApp } from './http/app.js';
import { LocalFileStorage } from './storage/local-storage.js';
import { type Secrets, loadSecrets } from './secrets.js';
import { platformJobs, platformSchedules } from './jobs/platform-jobs.js';
import { articleJobs } from '../portal/articles/publish-scheduled.js';
import { type Worker, startWorker } from './jobs/worker.js';
import { mailJob } from './mail/mail-job.js';
import { createMailer } from './mail/mailer.js';
import { smsJob } from './sms/sms-job.js';
import { createSmsSender } from './sms/sms.js';
import { paymentJobs } from '../services/payments/poll-pending-payments.js';
import { paymentDeps } from '../services/payments/payment-rules.js';
import { isEmpty, seedDemo, DEMO_PASSWORD } from '../demo/seed-demo.js';
import { dossierJobs } from '../services/dossiers/deadline-jobs.js';

export type Running = { app: FastifyInstance; database: Database; url: string; stop(): Promise<void> };

export function systemCtx(database: Database, log: Logger): Ctx {
  return { db: database.db, actor: null, now: () => new Date(), ip: null, requestId: null, locale: 'vi', log: log as never };
}

/** The banner is for the person starting congso; stdout stays pure JSON log lines for log shippers. */
const toStderr = (line: string) => process.stderr.write(`${line}\n`);

/** The jobs this process knows, whether it runs them or only files them. */
function jobSet(config: Config, log: Logger, secrets: Secrets, storage: LocalFileStorage) {
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }, log);
  const sms = createSmsSender({ gateway: config.sms, dataDir: config.dataDir }, log);
  const payments = paymentJobs(paymentDeps(config, storage));
  return {
    handlers: [...platformJobs, ...articleJobs, mailJob({ secrets, mailer }), smsJob({ secrets, sender: sms }), ...payments.jobs, ...dossierJobs({ baseUrl: config.baseUrl, secrets })],
    schedules: [...platformSchedules, ...payments.schedules],
  };
}

/**
 * What a process does: everything (one process), or, with several web processes, the primary (database set-up,
 * demo data, background jobs, no HTTP) and the web workers (HTTP only; they file jobs but never run them).
 */
export type Role = 'all' | 'primary' | 'web';

export type Started = { database: Database; app: FastifyInstance | null; url: string | null; stop(): Promise<void> };

/** Opens (and for 'all' and 'primary' migrates) the database, loads the demo province on a first start, and serves. */
export async function startProcess(config: Config, log: Logger, role: Role, print: (line: string) => void = toStderr): Promise<Started> {
  const database = await openDatabase(config);
  let worker: Worker | undefined;
  try {
    if (role !== 'web') await database.migrate();
    const secrets = await loadSecrets(database.db, config.secret);
    if (role !== 'web' && config.demo && (await isEmpty(systemCtx(database, log)))) {
      const { logins } = await seedDemo(systemCtx(database, log));
      print('Đã tạo dữ liệu tỉnh mẫu (demo province loaded).');
      printLogins(print, logins.map((l) => `${l.login.padEnd(22)} ${l.role}`));
    }
    const storage = new LocalFileStorage({ root: config.filesDir, maxBytes: config.maxUploadBytes });
    const jobs = jobSet(config, log, secrets, storage);
    // Background jobs (deadlines, notifications, clean-up) run in one process per server, on the same database.
    worker = await startWorker({ database, log, handlers: jobs.handlers, schedules: jobs.schedules, concurrency: 1, work: role !== 'web' });
    let app: FastifyInstance | null = null;
    let url: string | null = null;
    if (role !== 'primary') {
      app = await buildApp({ config, database, secrets, storage }, log);
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      url = publicUrl(config, typeof address === 'object' && address ? address.port : config.port);
      if (role === 'all') printListening(print, url, database);
    }
    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (app ? app.close() : Promise.resolve())
        .then(() => worker?.stop())
        .then(() => database.close()));
    return { database, app, url, stop };
  } catch (err) {
    await worker?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

/** Only the derived default carries the listening port (PORT=0 picks one now); a configured public URL is printed as given. */
export function publicUrl(config: Config, port: number): string {
  return config.baseUrl.endsWith(`:${config.port}`) ? `${config.baseUrl.slice(0, -String(config.port).length)}${port}` : config.baseUrl;
}

export function printListening(print: (line: string) => void, url: string, database: Pick<Database, 'engine' | 'location'>, processes = 1): void {
  const web = processes > 1 ? `, ${processes} tiến trình web (web processes)` : '';
  print(`congso đang chạy tại ${url} (cơ sở dữ liệu: ${database.engine} ${database.location}${web})`);
  print(`Trang quản trị: ${url}/quan-tri`);
}

export async function startServer(config: Config, log: Logger, print: (line: string) => void = toStderr): Promise<Running> {
  const started = await startProcess(config, log, 'all', print);
  return { app: started.app!, database: started.database, url: started.url!, stop: started.stop };
}

function printLogins(print: (line: string) => void, lines: string[]) {
  print(`Tài khoản mẫu (demo logins), mật khẩu chung / shared password: ${DEMO_PASSWORD}`);
  for (const l of lines) print(`  ${l}`);
  print('  Quản trị viên phải thiết lập xác thực hai bước ở lần đăng nhập đầu (administrators set up 2FA at first sign-in).');
}
