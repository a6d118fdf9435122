import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { clientIpOf, hostnameOf } from './cached-answer.js';

type Seen = { hostname: string; ip: string };

function get(port: number, headers: Record<string, string>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(JSON.parse(body) as Seen));
    });
    req.on('error', reject);
    req.end();
  });
}

const cases: Record<string, string>[] = [
  { host: 'congso.example' },
  { host: 'So-Noi-Vu.congso.example:8080' },
  { host: '[::1]:3000' },
  { host: 'congso.example', 'x-forwarded-host': 'a.example, portal.caobang.gov.vn', 'x-forwarded-for': '203.0.113.5, 10.0.0.1' },
  { host: 'congso.example', 'x-forwarded-host': 'portal.caobang.gov.vn:443', 'x-forwarded-for': ' 198.51.100.7 ' },
];

describe('a request answered before the app sees it', () => {
  for (const trustProxy of [false, true]) {
    test(`is keyed and counted with the host name and address Fastify gives (trustProxy ${trustProxy})`, async () => {
      let ours: Seen | null = null;
      const app = Fastify({
        trustProxy,
        serverFactory: (handler) =>
          http.createServer((req, res) => {
            ours = { hostname: hostnameOf(req, trustProxy), ip: clientIpOf(req, trustProxy) };
            handler(req, res);
          }),
      });
      app.get('/', async (req) => ({ hostname: req.hostname, ip: req.ip }));
      await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const { port } = app.server.address() as AddressInfo;
        for (const headers of cases) {
          const fastify = await get(port, headers);
          assert.deepEqual(ours, fastify, JSON.stringify(headers));
        }
      } finally {
        await app.close();
      }
    });
  }
});
