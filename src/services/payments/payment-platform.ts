import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The national payment platform's messages (Nền tảng thanh toán of the national public service portal), as the
 * research records them (vn-publicservice.md §6.3): JSON posted to one address, the kind of message in LoaiBanTin,
 * each message signed with MaXacThuc, the SHA-256 of its fields joined by "|" and followed by the partner's secret.
 * The platform's answers are signed the same way over the short field list, and an answer whose checksum does not
 * hold is refused: it did not come from someone holding the secret.
 */

export const PROTOCOL_VERSION = '1.0.6';

/** The message kinds. The research names INIT and GET_BILL; the status check's name is not in the public record. */
export const MESSAGE = { init: 'INIT', status: 'CHECK_TRANS', bill: 'GET_BILL' } as const;

/** Fields INIT's checksum covers, in order. */
export const INIT_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'LoaiHinhThanhToan', 'MaKenhThanhToan', 'MaThietBi', 'NgonNgu', 'MaTienTe', 'MaNganHang', 'ThongTinGiaoDich', 'ThoiGianGD', 'Ip'] as const;
/** Fields the checksum of the status check, GET_BILL and every answer covers. */
export const SHORT_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;

/** TrangThaiGD of a status answer. */
export const TRANSACTION_STATUS = { paid: '1', pending: '3', failed: '4' } as const;

type Fields = Record<string, unknown>;

export function checksum(message: Fields, fields: readonly string[], secret: string): string {
  const joined = [...fields.map((f) => String(message[f] ?? '')), secret].join('|');
  return createHash('sha256').update(joined, 'utf8').digest('hex');
}

export function checksumHolds(message: Fields, fields: readonly string[], secret: string): boolean {
  const given = typeof message.MaXacThuc === 'string' ? message.MaXacThuc.toLowerCase() : '';
  const expected = checksum(message, fields, secret);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** yyyyMMddHHmmss in Vietnam time (UTC+7 all year), as the platform stamps messages. */
export function platformTime(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** The attempt number takes three digits in a reference: a dossier can open this many payments. */
export const MAX_PAYMENT_ATTEMPTS = 999;

/**
 * "dvc" + the dossier code without non-word characters + the time, readable in the platform's reports, + the
 * number of this attempt on the dossier in three digits. The time alone is only to the second, and a dossier may
 * open two payments within one (a fee and an obligation, a retry after INIT failed): the attempt number, counted
 * under the dossier's lock, makes the reference unique whatever the clock says. Letters and digits only.
 */
export function paymentReference(dossierCode: string, at: Date, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_PAYMENT_ATTEMPTS) throw new RangeError(`payment attempt ${attempt}`);
  return `dvc${dossierCode.replace(/\W/g, '')}${platformTime(at)}${String(attempt).padStart(3, '0')}`;
}

export type PaymentPlatformConfig = { url: string; partnerCode: string; secret: string; timeoutMs: number };

export type PlatformFailure = 'timeout' | 'unreachable' | 'http' | 'malformed' | 'checksum' | 'refused';

/**
 * The platform could not be asked or gave no usable answer. `kind` says which, for the person and the log; the
 * platform's own error code and text (MaLoi, MoTaLoi) are kept when it gave them.
 */
export class PaymentPlatformError extends Error {
  constructor(
    readonly kind: PlatformFailure,
    readonly platformCode: string | null = null,
    detail = '',
  ) {
    super(`Payment platform: ${kind}${platformCode ? ` (MaLoi ${platformCode})` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'PaymentPlatformError';
  }
}

export type InitRequest = { reference: string; amount: number; description: string; ip: string; returnUrl: string; receipt: Fields; at: Date };
export type TransactionStatus = { status: 'paid' | 'pending' | 'failed'; transactionId: string | null; amount: number | null; raw: Fields };

export type PaymentPlatform = {
  /** Opens a transaction; the answer is where to send the payer. */
  init(req: InitRequest): Promise<{ paymentUrl: string; raw: Fields }>;
  status(reference: string, at: Date): Promise<TransactionStatus>;
  /** The receipt (biên lai) as PDF bytes. */
  bill(reference: string, at: Date): Promise<Buffer>;
};

/** An answer is usable when it is JSON, signed with the secret, and says MaLoi "00". */
async function answer(res: Response, secret: string): Promise<Fields> {
  if (!res.ok) throw new PaymentPlatformError('http', null, `HTTP ${res.status}`);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new PaymentPlatformError('malformed', null, 'not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new PaymentPlatformError('malformed', null, 'not an object');
  const fields = body as Fields;
  if (!checksumHolds(fields, SHORT_FIELDS, secret)) throw new PaymentPlatformError('checksum');
  const code = String(fields.MaLoi ?? '');
  if (code !== '00') throw new PaymentPlatformError('refused', code || null, typeof fields.MoTaLoi === 'string' ? fields.MoTaLoi.slice(0, 200) : '');
  return fields;
}

export function paymentPlatform(config: PaymentPlatformConfig, fetcher: typeof fetch = fetch): PaymentPlatform {
  const base = { PhienBan: PROTOCOL_VERSION, MaDoiTac: config.partnerCode };

  async function post(message: Fields, fields: readonly string[]): Promise<Fields> {
    const signed = { ...message, MaXacThuc: checksum(message, fields, config.secret) };
    let res: Response;
    try {
      res = await fetcher(config.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(signed),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (err) {
      throw new PaymentPlatformError((err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
    const fieldsBack = await answer(res, config.secret);
    if (fieldsBack.MaThamChieu !== message.MaThamChieu) throw new PaymentPlatformError('malformed', null, 'answer for another reference');
    return fieldsBack;
  }

  return {
    async init(req) {
      const message = {
        LoaiBanTin: MESSAGE.init,
        ...base,
        MaThamChieu: req.reference,
        SoTien: String(req.amount),
        LoaiHinhThanhToan: 'PAY',
        MaKenhThanhToan: '1',
        MaThietBi: '1',
        NgonNgu: 'vi-VN',
        MaTienTe: 'VND',
        MaNganHang: 'PAYMENT',
        ThongTinGiaoDich: req.description,
        ThoiGianGD: platformTime(req.at),
        Ip: req.ip,
        // Where the platform sends the payer back; outside the checksum, and never trusted when they come back.
        UrlTraVe: req.returnUrl,
        ThongTinBienLai: req.receipt,
      };
      const raw = await post(message, INIT_FIELDS);
      const url = typeof raw.UrlThanhToan === 'string' ? raw.UrlThanhToan : '';
      if (!/^https?:\/\//.test(url)) throw new PaymentPlatformError('malformed', null, 'no UrlThanhToan');
      return { paymentUrl: url, raw };
    },

    async status(reference, at) {
      const raw = await post({ LoaiBanTin: MESSAGE.status, ...base, MaThamChieu: reference, ThoiGianGD: platformTime(at) }, SHORT_FIELDS);
      const code = String(raw.TrangThaiGD ?? '');
      const status = code === TRANSACTION_STATUS.paid ? 'paid' : code === TRANSACTION_STATUS.pending ? 'pending' : code === TRANSACTION_STATUS.failed ? 'failed' : null;
      if (!status) throw new PaymentPlatformError('malformed', null, `TrangThaiGD ${code.slice(0, 10)}`);
      const amount = raw.SoTien === undefined ? null : Number(raw.SoTien);
      return { status, transactionId: typeof raw.MaGiaoDich === 'string' ? raw.MaGiaoDich : null, amount: Number.isFinite(amount) ? amount : null, raw };
    },

    async bill(reference, at) {
      const raw = await post({ LoaiBanTin: MESSAGE.bill, ...base, MaThamChieu: reference, ThoiGianGD: platformTime(at) }, SHORT_FIELDS);
      const pdf = typeof raw.BienLai === 'string' ? Buffer.from(raw.BienLai, 'base64') : Buffer.alloc(0);
      if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new PaymentPlatformError('malformed', null, 'BienLai is not a PDF');
      return pdf;
    },
  };
}
