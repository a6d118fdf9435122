import path from 'node:path';
import { z } from 'zod';

/** One line per bad variable, so an operator sees exactly what to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// (must start with postgres://)')
    .optional(),
  CONGSO_DATA_DIR: z.string().min(1).default('./data'),
  CONGSO_FILES_DIR: z.string().min(1).optional(),
  CONGSO_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  CONGSO_WEB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  CONGSO_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  CONGSO_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CONGSO_SECRET: z.string().min(32, 'cần ít nhất 32 ký tự (at least 32 characters)').optional(),
  CONGSO_DEMO: bool.default(true),
  CONGSO_TRUST_PROXY: bool.default(false),
  CONGSO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  CONGSO_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  CONGSO_PROVINCE_NAME: z.string().min(1).default('Tỉnh Cao Bằng'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'phải bắt đầu bằng smtp:// hoặc smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('congso <no-reply@congso.local>'),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).default('VNeID'),
  OIDC_SCOPES: z.string().min(1).default('openid email profile phone'),
  CONGSO_PAYMENT_URL: z.url({ protocol: /^https?$/ }).optional(),
  CONGSO_PAYMENT_PARTNER_CODE: z.string().min(1).max(50).optional(),
  CONGSO_PAYMENT_SECRET: z.string().min(8, 'cần ít nhất 8 ký tự (at least 8 characters)').optional(),
  CONGSO_PAYMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  CONGSO_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  CONGSO_SMS_TOKEN: z.string().min(1).optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  /** The largest single uploaded file, in bytes. */
  maxUploadBytes: number;
  /** Memory for whole anonymous pages, per web process; 0 turns the page cache off. */
  pageCacheBytes: number;
  /** Processes answering HTTP on the one port; above 1 a primary process runs the jobs and starts them. */
  webProcesses: number;
  baseUrl: string;
  secret: string | undefined;
  demo: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  provinceName: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  smtpUrl: string | undefined;
  mailFrom: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; displayName: string; scopes: string } | undefined;
  /** The national payment platform; unset, fees are paid at the desk only. */
  payment: { url: string; partnerCode: string; secret: string; timeoutMs: number } | undefined;
  /** A generic SMS gateway; unset, text messages are written to <data>/sms-outbox. */
  sms: { url: string; token: string | undefined } | undefined;
};

const secretVars = new Set(['CONGSO_SECRET', 'OIDC_CLIENT_SECRET', 'CONGSO_PAYMENT_SECRET', 'CONGSO_SMS_TOKEN']);

/** A bad value is echoed so the operator sees the typo, but never a secret or a URL's credentials. */
function shownValue(name: string, value: string): string {
  if (secretVars.has(name)) return '(ẩn / hidden)';
  return JSON.stringify(name.endsWith('_URL') ? value.replace(/\/\/[^/?#]*@/, '//***@') : value);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '?');
      return `${name}: ${i.message} (giá trị / value: ${shownValue(name, cleaned[name] ?? '')})`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const oidcVars = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcVars.some(Boolean) && !oidcVars.every(Boolean)) {
    throw new ConfigError([
      'OIDC_ISSUER: OIDC_ISSUER, OIDC_CLIENT_ID và OIDC_CLIENT_SECRET phải đặt cùng nhau (must be set together)',
    ]);
  }
  if (e.CONGSO_WEB_PROCESSES > 1 && !e.DATABASE_URL) {
    throw new ConfigError([
      `CONGSO_WEB_PROCESSES: nhiều tiến trình web cần PostgreSQL (DATABASE_URL); cơ sở dữ liệu nhúng chỉ mở được trong một tiến trình (several web processes need PostgreSQL: the embedded database opens in one process only) (giá trị / value: "${e.CONGSO_WEB_PROCESSES}")`,
    ]);
  }
  const paymentVars = [e.CONGSO_PAYMENT_URL, e.CONGSO_PAYMENT_PARTNER_CODE, e.CONGSO_PAYMENT_SECRET];
  if (paymentVars.some(Boolean) && !paymentVars.every(Boolean)) {
    throw new ConfigError([
      'CONGSO_PAYMENT_URL: CONGSO_PAYMENT_URL, CONGSO_PAYMENT_PARTNER_CODE và CONGSO_PAYMENT_SECRET phải đặt cùng nhau (must be set together)',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CONGSO_DATA_DIR),
    filesDir: path.resolve(e.CONGSO_FILES_DIR ?? path.join(e.CONGSO_DATA_DIR, 'files')),
    maxUploadBytes: e.CONGSO_MAX_UPLOAD_MB * 1024 * 1024,
    pageCacheBytes: e.CONGSO_PAGE_CACHE_MB * 1024 * 1024,
    webProcesses: e.CONGSO_WEB_PROCESSES,
    baseUrl: (e.CONGSO_BASE_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    secret: e.CONGSO_SECRET,
    demo: e.CONGSO_DEMO,
    trustProxy: e.CONGSO_TRUST_PROXY,
    sessionIdleMinutes: e.CONGSO_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.CONGSO_SESSION_MAX_HOURS,
    provinceName: e.CONGSO_PROVINCE_NAME,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            displayName: e.OIDC_DISPLAY_NAME,
            scopes: e.OIDC_SCOPES,
          }
        : undefined,
    payment:
      e.CONGSO_PAYMENT_URL && e.CONGSO_PAYMENT_PARTNER_CODE && e.CONGSO_PAYMENT_SECRET
        ? { url: e.CONGSO_PAYMENT_URL, partnerCode: e.CONGSO_PAYMENT_PARTNER_CODE, secret: e.CONGSO_PAYMENT_SECRET, timeoutMs: e.CONGSO_PAYMENT_TIMEOUT_SECONDS * 1000 }
        : undefined,
    sms: e.CONGSO_SMS_URL ? { url: e.CONGSO_SMS_URL, token: e.CONGSO_SMS_TOKEN } : undefined,
  };
}
