import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { INIT_FIELDS, MESSAGE, SHORT_FIELDS, TRANSACTION_STATUS, checksum, checksumHolds, platformTime } from '../../src/services/payments/payment-platform.js';

type Transaction = { reference: string; amount: number; status: 'paid' | 'pending' | 'failed'; returnUrl: string; transactionId: string; message: Record<string, unknown> };

/** A one-page PDF, enough for a receipt a browser opens. */
export const RECEIPT_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * Plays the national payment platform over real HTTP on 127.0.0.1: checks every message's checksum with the shared
 * secret, answers signed messages, and serves the page the payer is sent to, whose buttons pay or cancel and send
 * the browser back to the return URL the partner gave. Tests may also settle a transaction directly, hold it
 * pending, or make the peer sign its answers with the wrong secret.
 */
export class PaymentPeer {
  readonly partnerCode = 'CONGSO-TEST';
  readonly secret = 'payment-peer-secret-0123456789';
  readonly transactions = new Map<string, Transaction>();
  /** Every message received, with whether its checksum held. */
  readonly received: { type: string; checksumOk: boolean }[] = [];
  /** Sign answers with another secret: congso must refuse them. */
  tamper = false;
  /** Sends payers back to this origin instead of the one congso asked for (a browser test's server listens on a port chosen late). */
  returnOrigin: string | null = null;
  url = '';
  private server = http.createServer((req, res) => {
    this.handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** The settings that point congso at this peer. */
  env(): Record<string, string> {
    return { CONGSO_PAYMENT_URL: `${this.url}/api`, CONGSO_PAYMENT_PARTNER_CODE: this.partnerCode, CONGSO_PAYMENT_SECRET: this.secret, CONGSO_PAYMENT_TIMEOUT_SECONDS: '5' };
  }

  settle(reference: string, status: 'paid' | 'failed'): Transaction {
    const t = this.transactions.get(reference);
    if (!t) throw new Error(`no transaction ${reference}`);
    t.status = status;
    return t;
  }

  /** Where the platform sends the payer back after they paid or cancelled on its page. */
  returnUrlOf(reference: string): string {
    const t = this.transactions.get(reference)!;
    const back = new URL(t.returnUrl);
    if (this.returnOrigin) {
      const origin = new URL(this.returnOrigin);
      back.protocol = origin.protocol;
      back.host = origin.host;
    }
    back.searchParams.set('MaThamChieu', t.reference);
    back.searchParams.set('TrangThaiGD', TRANSACTION_STATUS[t.status]);
    return back.href;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const page = /^\/thanh-toan\/([\w-]+)(\/(tra|huy))?$/.exec(url.pathname);
    if (page) {
      const t = this.transactions.get(page[1]!);
      if (!t) return this.send(res, 404, 'text/plain', 'not found');
      if (req.method === 'POST' && page[3]) {
        t.status = page[3] === 'tra' ? 'paid' : 'failed';
        res.writeHead(303, { location: this.returnUrlOf(t.reference) });
        return void res.end();
      }
      return this.send(res, 200, 'text/html; charset=utf-8', this.payPage(t));
    }
    if (req.method !== 'POST' || url.pathname !== '/api') return this.send(res, 404, 'text/plain', 'not found');
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const m = JSON.parse(body) as Record<string, unknown>;
    const type = String(m.LoaiBanTin);
    const ok = checksumHolds(m, type === MESSAGE.init ? INIT_FIELDS : SHORT_FIELDS, this.secret) && m.MaDoiTac === this.partnerCode;
    this.received.push({ type, checksumOk: ok });
    const reference = String(m.MaThamChieu ?? '');
    if (!ok) return this.answer(res, m, { MaLoi: '01', MoTaLoi: 'Sai mã xác thực' });
    const t = this.transactions.get(reference);
    if (type === MESSAGE.init) {
      if (t) return this.answer(res, m, { MaLoi: '02', MoTaLoi: 'Trùng mã tham chiếu' });
      const created: Transaction = { reference, amount: Number(m.SoTien), status: 'pending', returnUrl: String(m.UrlTraVe), transactionId: `GD${randomBytes(5).toString('hex')}`, message: m };
      this.transactions.set(reference, created);
      return this.answer(res, m, { MaLoi: '00', UrlThanhToan: `${this.url}/thanh-toan/${reference}` });
    }
    if (!t) return this.answer(res, m, { MaLoi: '03', MoTaLoi: 'Không tìm thấy giao dịch' });
    if (type === MESSAGE.status) return this.answer(res, m, { MaLoi: '00', TrangThaiGD: TRANSACTION_STATUS[t.status], MaGiaoDich: t.transactionId, SoTien: String(t.amount) });
    if (type === MESSAGE.bill) {
      if (t.status !== 'paid') return this.answer(res, m, { MaLoi: '04', MoTaLoi: 'Giao dịch chưa thanh toán' });
      return this.answer(res, m, { MaLoi: '00', BienLai: RECEIPT_PDF.toString('base64') });
    }
    return this.answer(res, m, { MaLoi: '99', MoTaLoi: 'Loại bản tin không hỗ trợ' });
  }

  /** Echoes the request's identifying fields with the peer's own time, signed over the short field list. */
  private answer(res: http.ServerResponse, m: Record<string, unknown>, fields: Record<string, unknown>) {
    const out: Record<string, unknown> = { LoaiBanTin: m.LoaiBanTin, PhienBan: m.PhienBan, MaDoiTac: m.MaDoiTac, MaThamChieu: m.MaThamChieu, ThoiGianGD: platformTime(new Date()), ...fields };
    out.MaXacThuc = checksum(out, SHORT_FIELDS, this.tamper ? 'not-the-secret' : this.secret);
    this.send(res, 200, 'application/json', JSON.stringify(out));
  }

  private payPage(t: Transaction): string {
    return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Nền tảng thanh toán (thử)</title></head><body><main>
<h1>Thanh toán ${t.amount.toLocaleString('vi-VN')} đồng</h1><p>Mã tham chiếu ${t.reference}</p>
<form method="post" action="/thanh-toan/${t.reference}/tra"><button type="submit">Thanh toán</button></form>
<form method="post" action="/thanh-toan/${t.reference}/huy"><button type="submit">Hủy giao dịch</button></form></main></body></html>`;
  }

  private send(res: http.ServerResponse, status: number, type: string, body: string) {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
