// autocannon ships no types and @types/autocannon is not installed; this covers what bench/lib/load.ts uses.
declare module 'autocannon' {
  type Headers = Record<string, string>;
  type RequestParams = { method?: string; path?: string; headers?: Headers; body?: string | Buffer };
  export type Request = RequestParams & {
    setupRequest?: (req: RequestParams & { headers: Headers }, context: Record<string, unknown>) => RequestParams | null;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Headers;
    body?: string | Buffer;
    requests?: Request[];
  };
  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    total?: number;
  };
  export type Result = {
    latency: Histogram;
    requests: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    duration: number;
    non2xx: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
    totalCompletedRequests?: number;
  };
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
