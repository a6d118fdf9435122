import { after, before, describe } from 'node:test';
import { eq } from 'drizzle-orm';
import { attachLegalPdf } from '../../src/portal/legal/attach-legal-pdf.js';
import { createLegalDocument } from '../../src/portal/legal/create-legal-document.js';
import { editLegalDocument } from '../../src/portal/legal/edit-legal-document.js';
import { documentFormValues } from '../../src/portal/legal/legal-rules.js';
import { publishLegalDocument } from '../../src/portal/legal/publish-legal-document.js';
import { listLegal, managedSites } from '../../src/portal/legal/queries.js';
import { unpublishLegalDocument } from '../../src/portal/legal/unpublish-legal-document.js';
import type { Ctx } from '../../src/platform/context.js';
import { legalDocuments } from '../../src/portal/schema.js';
import { type TestEnv, makeTestEnv } from '../support/app.js';
import { makeSite } from '../support/portal-factories.js';
import { type Action, type World, makeWorld, matrixTests } from './world.js';

// Checked against src/platform/auth/permissions.ts: legal.manage belongs to system_admin, editor and approver, and is
// checked against the agency of the document's site. The editor's and approver's grants in A do not reach A1; the
// administrator of A reaches A1 but does not hold legal.manage.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('permission matrix: legal documents', () => {
  let env: TestEnv;
  let w: World;
  let sites: Record<'A' | 'A1' | 'B', { id: string }>;

  before(async () => {
    env = await makeTestEnv();
    w = await makeWorld(env);
    sites = {
      A: await makeSite(w.db, { agencyId: w.tree.A.id }),
      A1: await makeSite(w.db, { agencyId: w.tree.A1.id }),
      B: await makeSite(w.db, { agencyId: w.tree.B.id }),
    };
  });
  after(() => env.close());

  let n = 0;
  const fields = () => ({
    docType: 'Quyết định',
    number: `${++n}/2025/QĐ-UBND`,
    title: `Quyết định kiểm tra quyền ${n}`,
    issuingBody: 'UBND tỉnh Thử',
    issuedOn: '18/04/2025',
    effectiveOn: '01/05/2025',
  });
  const row = (id: string) => () => w.db.select().from(legalDocuments).where(eq(legalDocuments.id, id));
  const byTitle = (title: string) => () => w.db.select().from(legalDocuments).where(eq(legalDocuments.title, title));

  async function document(site: 'A' | 'A1' | 'B', published = false) {
    const f = fields();
    const [d] = await w.db
      .insert(legalDocuments)
      .values({ siteId: sites[site].id, docType: f.docType, number: f.number, title: f.title, issuingBody: f.issuingBody, issuedOn: '2025-04-18', published, publishedAt: published ? new Date('2025-04-20T01:00:00Z') : null })
      .returning();
    return d!;
  }

  const onDocument = (expect: string, name: string, site: 'A' | 'A1' | 'B', run: (d: Awaited<ReturnType<typeof document>>) => (ctx: Ctx) => Promise<unknown>, published = false): Action => ({
    name,
    expect,
    effect: 'change',
    setup: async () => {
      const d = await document(site, published);
      return { run: run(d), state: row(d.id) };
    },
  });

  const create = (expect: string, site: 'A' | 'A1' | 'B'): Action => ({
    name: `record a document for ${site}’s site`,
    expect,
    effect: 'change',
    setup: async () => {
      const f = fields();
      return { run: (ctx) => createLegalDocument(ctx, { siteId: sites[site].id, ...f }), state: byTitle(f.title) };
    },
  });

  const edit = (d: Awaited<ReturnType<typeof document>>) => (ctx: Ctx) => editLegalDocument(ctx, d.id, { ...documentFormValues(d), title: `${d.title} (sửa)` });
  const deps = () => ({ storage: env.storage, maxBytes: env.config.maxUploadBytes });

  matrixTests(() => w, [
    create('Y   N   N   Y   Y   N   N   N   N   N   N', 'A'),
    create('Y   N   N   N   N   N   N   N   N   N   N', 'A1'),
    create('Y   N   N   N   N   N   N   N   N   N   N', 'B'),
    onDocument('Y   N   N   Y   Y   N   N   N   N   N   N', 'edit a document of A’s site', 'A', edit),
    onDocument('Y   N   N   N   N   N   N   N   N   N   N', 'edit a document of A1’s site', 'A1', edit),
    onDocument('Y   N   N   N   N   N   N   N   N   N   N', 'edit a document of B’s site', 'B', edit),
    onDocument('Y   N   N   Y   Y   N   N   N   N   N   N', 'publish a document of A’s site', 'A', (d) => (ctx) => publishLegalDocument(ctx, d.id, { version: String(d.version) })),
    onDocument('Y   N   N   N   N   N   N   N   N   N   N', 'publish a document of B’s site', 'B', (d) => (ctx) => publishLegalDocument(ctx, d.id, { version: String(d.version) })),
    onDocument('Y   N   N   Y   Y   N   N   N   N   N   N', 'withdraw a published document of A’s site', 'A', (d) => (ctx) => unpublishLegalDocument(ctx, d.id, { version: String(d.version) }), true),
    onDocument('Y   N   N   Y   Y   N   N   N   N   N   N', 'attach the PDF of a document of A’s site', 'A', (d) => (ctx) => attachLegalPdf(ctx, deps(), d.id, { name: 'van-ban.pdf', content: PDF }, { version: String(d.version) })),
    {
      name: 'see a document of A’s site in the back-office list',
      expect: 'Y   h   h   Y   Y   h   h   h   h   h   h',
      effect: 'none',
      setup: async () => {
        const d = await document('A');
        return {
          run: async (ctx) => listLegal(ctx, await managedSites(ctx), { siteId: sites.A.id, q: d.title, page: 1 }),
          state: row(d.id),
          shows: (r) => (r as Awaited<ReturnType<typeof listLegal>>).rows.some((x) => x.id === d.id),
        };
      },
    },
  ]);
});
