import pino, { type Logger } from 'pino';

/**
 * JSON logs for operators. Passwords, tokens, cookies, ID numbers and phone numbers never reach them:
 * the request serializer keeps the path and drops query values, and known secret fields are censored.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'congso' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'phone',
          '*.phone',
          'idNumber',
          '*.idNumber',
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req(req: { method?: string; url?: string; id?: string; ip?: string }) {
          const [path, query] = (req.url ?? '').split('?');
          const keys = query ? [...new URLSearchParams(query).keys()] : [];
          return { id: req.id, method: req.method, path, queryKeys: keys.length ? keys : undefined };
        },
        res(res: { statusCode?: number }) {
          return { statusCode: res.statusCode };
        },
        err: pino.stdSerializers.err,
      },
    },
    // Written in the background, several lines per system call under load; what is pending is written on exit.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
