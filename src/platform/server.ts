import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import { type Database, openDatabase } from './db/client.js';
import { buildApp } from './http/app.js';
import { LocalFileStorage } from './storage/local-storage.js';
import { loadSecrets } from './secrets.js';
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

/** Opens and migrates the database, loads the demo province on a first start, and listens. */
/** The banner is for the person starting congso; stdout stays pure JSON log lines for log shippers. */
const toStderr = (line: string) => process.stderr.write(`${line}\n`);

export async function startServer(config: Config, log: Logger, print: (line: string) => void = toStderr): Promise<Running> {
  const database = await openDatabase(config);
  let worker: Worker | undefined;
  try {
    await database.migrate();
    const secrets = await loadSecrets(database.db, config.secret);
    const ctx = systemCtx(database, log);
    if (config.demo && (await isEmpty(ctx))) {
      const { logins } = await seedDemo(ctx);
      print('Đã tạo dữ liệu tỉnh mẫu (demo province loaded).');
      printLogins(print, logins.map((l) => `${l.login.padEnd(22)} ${l.role}`));
    }
    // Background jobs (deadlines, notifications, clean-up) run in this process, on the same database.
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }, log);
    const sms = createSmsSender({ gateway: config.sms, dataDir: config.dataDir }, log);
    const storage = new LocalFileStorage({ root: config.filesDir, maxBytes: config.maxUploadBytes });
    const payments = paymentJobs(paymentDeps(config, storage));
    worker = await startWorker({
      database,
      log,
      handlers: [...platformJobs, ...articleJobs, mailJob({ secrets, mailer }), smsJob({ secrets, sender: sms }), ...payments.jobs, ...dossierJobs({ baseUrl: config.baseUrl, secrets })],
      schedules: [...platformSchedules, ...payments.schedules],
      concurrency: 1,
    });
    const app = await buildApp({ config, database, secrets, storage }, log);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // Only the derived default carries the listening port (PORT=0 picks one now); a configured public URL
    // (behind a proxy, another port) is printed as given.
    const url = config.baseUrl.endsWith(`:${config.port}`) ? `${config.baseUrl.slice(0, -String(config.port).length)}${port}` : config.baseUrl;
    print(`congso đang chạy tại ${url} (cơ sở dữ liệu: ${database.engine} ${database.location})`);
    print(`Trang quản trị: ${url}/quan-tri`);
    let stopping: Promise<void> | null = null;
    return {
      app,
      database,
      url,
      stop: () =>
        (stopping ??= app
          .close()
          .then(() => worker?.stop())
          .then(() => database.close())),
    };
  } catch (err) {
    await worker?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

function printLogins(print: (line: string) => void, lines: string[]) {
  print(`Tài khoản mẫu (demo logins), mật khẩu chung / shared password: ${DEMO_PASSWORD}`);
  for (const l of lines) print(`  ${l}`);
  print('  Quản trị viên phải thiết lập xác thực hai bước ở lần đăng nhập đầu (administrators set up 2FA at first sign-in).');
}
