// oidc-provider ships no types and @types/oidc-provider is not installed; only what the test peer uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type InteractionDetails = { uid: string; prompt: { name: string }; params: Record<string, unknown> };
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> };

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    Grant: new (init: { accountId: string; clientId: unknown }) => { addOIDCScope(scope: string): void; save(): Promise<string> };
  }
  export type { Account };
}
