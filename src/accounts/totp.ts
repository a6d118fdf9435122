import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export function newTotpSecret(): string {
  return generateSecret();
}

/** The step of a valid code, or null; a step at or before lastStep is refused so a code cannot be replayed. */
export async function checkTotp(secret: string, code: string, lastStep: number | null, at: Date): Promise<number | null> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const res = await verify({
    secret,
    token,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return res.valid ? ((res as { timeStep?: number }).timeStep ?? Math.floor(at.getTime() / 30_000)) : null;
}

export async function totpQrSvg(secret: string, label: string, issuer: string): Promise<string> {
  const uri = generateURI({ secret, label, issuer });
  return QRCode.toString(uri, { type: 'svg', margin: 1, width: 200 });
}
