import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { PaymentPeer, RECEIPT_PDF } from '../../../test/support/payment-peer.js';
import { INIT_FIELDS, PaymentPlatformError, SHORT_FIELDS, checksum, paymentPlatform, paymentReference, platformTime } from './payment-platform.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the payment platform messages', () => {
  test('MaXacThuc is the SHA-256 of the documented fields joined by | and then the secret', () => {
    const m = { LoaiBanTin: 'INIT', PhienBan: '1.0.6', MaDoiTac: 'P1', MaThamChieu: 'dvcH56260316000720260316091500', SoTien: '50000', LoaiHinhThanhToan: 'PAY', MaKenhThanhToan: '1', MaThietBi: '1', NgonNgu: 'vi-VN', MaTienTe: 'VND', MaNganHang: 'PAYMENT', ThongTinGiaoDich: 'Nộp phí', ThoiGianGD: '20260316091500', Ip: '10.0.0.1', Extra: 'not covered' };
    assert.equal(checksum(m, INIT_FIELDS, 's3cret'), sha('INIT|1.0.6|P1|dvcH56260316000720260316091500|50000|PAY|1|1|vi-VN|VND|PAYMENT|Nộp phí|20260316091500|10.0.0.1|s3cret'));
    assert.equal(checksum(m, SHORT_FIELDS, 's3cret'), sha('INIT|1.0.6|P1|dvcH56260316000720260316091500|20260316091500|s3cret'));
  });

  test('times are yyyyMMddHHmmss in Vietnam time, 24-hour, and references are "dvc" + the code’s word characters + the time + the attempt in three digits', () => {
    assert.equal(platformTime(new Date('2026-03-16T14:05:09Z')), '20260316210509');
    assert.equal(platformTime(new Date('2026-12-31T17:30:00Z')), '20270101003000');
    const at = new Date('2026-03-16T02:15:00Z');
    assert.equal(paymentReference('000.00.06.H56-231027-0361', at, 1), 'dvc0000006H562310270361' + '20260316091500' + '001');
    assert.equal(paymentReference('000.00.06.H56-231027-0361', at, 999), 'dvc0000006H562310270361' + '20260316091500' + '999');
    assert.throws(() => paymentReference('H56-231027-0361', at, 1000), RangeError);
  });
});

describe('the payment adapter against a local platform', () => {
  const peer = new PaymentPeer();
  let platform: ReturnType<typeof paymentPlatform>;
  before(async () => {
    await peer.start();
    platform = paymentPlatform({ url: `${peer.url}/api`, partnerCode: peer.partnerCode, secret: peer.secret, timeoutMs: 2000 });
  });
  after(() => peer.close());
  const at = new Date('2026-03-16T02:15:00Z');
  let n = 0;
  const init = (client = platform) => client.init({ reference: `dvcTEST${++n}${platformTime(at)}`, amount: 50_000, description: 'Nộp phí', ip: '127.0.0.1', returnUrl: 'http://congso.test/dich-vu-cong/thanh-toan/ket-qua', receipt: { MaHoSo: 'H56-1' }, at });

  test('INIT is signed so the platform accepts it, and its signed answer gives the payment page', async () => {
    const { paymentUrl } = await init();
    assert.deepEqual(peer.received.at(-1), { type: 'INIT', checksumOk: true });
    assert.match(paymentUrl, new RegExp(`^${peer.url}/thanh-toan/dvcTEST`));
  });

  test('status follows the platform: pending, then paid with its transaction code, or failed', async () => {
    const ref = `dvcTEST${n + 1}${platformTime(at)}`;
    await init();
    assert.equal((await platform.status(ref, at)).status, 'pending');
    peer.settle(ref, 'paid');
    const paid = await platform.status(ref, at);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.amount, 50_000);
    assert.match(paid.transactionId ?? '', /^GD/);
    assert.deepEqual(peer.received.at(-1), { type: 'CHECK_TRANS', checksumOk: true });
    assert.deepEqual(await platform.bill(ref, at), RECEIPT_PDF);
    const other = `dvcTEST${n + 1}${platformTime(at)}`;
    await init();
    peer.settle(other, 'failed');
    assert.equal((await platform.status(other, at)).status, 'failed');
  });

  test('an answer signed with another secret is refused, whatever it says', async () => {
    const ref = `dvcTEST${n + 1}${platformTime(at)}`;
    await init();
    peer.settle(ref, 'paid');
    peer.tamper = true;
    try {
      await assert.rejects(platform.status(ref, at), (e: unknown) => e instanceof PaymentPlatformError && e.kind === 'checksum');
    } finally {
      peer.tamper = false;
    }
  });

  test('a message signed with the wrong secret is refused by the platform and reported with its code', async () => {
    const wrong = paymentPlatform({ url: `${peer.url}/api`, partnerCode: peer.partnerCode, secret: 'wrong-secret-0123', timeoutMs: 2000 });
    // The platform answers with its own secret, which this client does not hold: the refusal cannot be verified either.
    await assert.rejects(init(wrong), (e: unknown) => e instanceof PaymentPlatformError && e.kind === 'checksum');
    assert.deepEqual(peer.received.at(-1), { type: 'INIT', checksumOk: false });
    await assert.rejects(platform.status('dvcUNKNOWN', at), (e: unknown) => e instanceof PaymentPlatformError && e.kind === 'refused' && e.platformCode === '03');
  });

  test('a platform that does not answer in time, or is not there, is a clear error', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`;
    try {
      const slow = paymentPlatform({ url, partnerCode: 'P', secret: 'secret-0123', timeoutMs: 200 });
      await assert.rejects(slow.status('dvcX', at), (e: unknown) => e instanceof PaymentPlatformError && e.kind === 'timeout');
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
    const gone = paymentPlatform({ url, partnerCode: 'P', secret: 'secret-0123', timeoutMs: 500 });
    await assert.rejects(gone.status('dvcX', at), (e: unknown) => e instanceof PaymentPlatformError && e.kind === 'unreachable');
  });
});
