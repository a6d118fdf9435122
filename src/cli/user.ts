import type { Command } from 'commander';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../accounts/schema.js';
import { createOfficial } from '../accounts/users/create-official.js';
import { resetOfficialPassword } from '../accounts/users/reset-password.js';
import { systemActor } from '../platform/auth/system-actor.js';
import type { Ctx } from '../platform/context.js';
import { Invalid } from '../platform/errors.js';
import { agencies } from '../org/schema.js';
import { withDatabase } from './run.js';

export type CreateOptions = { username: string; fullName: string; agency: string; title?: string; email?: string; phone?: string; role: string[] };

type Print = (line: string) => void;

const roleSpecPattern = /^([a-z_]+)(?:@([^+\s]+))?(\+)?$/;

/** `role`, `role@agencyCode`, `role@agencyCode+` (with sub-agencies); a role without agency goes to the user's own. */
function parseRoleSpec(spec: string): { role: string; agencyCode: string | null; includeDescendants: boolean } {
  const m = roleSpecPattern.exec(spec.trim());
  if (!m) throw new Invalid({ role: { key: 'cli.roleSpec', params: { spec } } });
  return { role: m[1]!, agencyCode: m[2] ?? null, includeDescendants: m[3] === '+' };
}

async function agencyIdsByCode(ctx: Ctx, codes: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  const rows = wanted.length ? await ctx.db.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, wanted)) : [];
  const found = new Map(rows.map((r) => [r.code, r.id]));
  const missing = wanted.find((c) => !found.has(c));
  if (missing) throw new Invalid({ agency: { key: 'cli.agencyUnknown', params: { code: missing } } });
  return found;
}

/** `congso user create`: the same use case as the back-office form, with agencies named by their codes. */
export async function cliCreateOfficial(ctx: Ctx, opts: CreateOptions, print: Print): Promise<void> {
  const specs = opts.role.map(parseRoleSpec);
  const ids = await agencyIdsByCode(ctx, [opts.agency, ...specs.flatMap((s) => (s.agencyCode ? [s.agencyCode] : []))]);
  const created = await createOfficial(ctx, {
    username: opts.username,
    fullName: opts.fullName,
    agencyId: ids.get(opts.agency),
    title: opts.title,
    email: opts.email,
    phone: opts.phone,
    roles: specs.map((s) => ({ role: s.role, agencyId: s.agencyCode ? ids.get(s.agencyCode) : undefined, includeDescendants: s.includeDescendants })),
  });
  print(`Đã tạo tài khoản ${created.username} (account created).`);
  print(`Mật khẩu tạm thời / temporary password: ${created.temporaryPassword}`);
  print('Mật khẩu chỉ hiển thị một lần và phải đổi ở lần đăng nhập đầu (shown once; must be changed at first sign-in).');
}

/** `congso user reset-password`: a new temporary password, the lockout lifted, every session ended. */
export async function cliResetPassword(ctx: Ctx, username: string, print: Print): Promise<void> {
  const [user] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.kind, 'official'), sql`lower(${users.username}) = lower(${username.trim()})`));
  if (!user) throw new Invalid({ username: { key: 'cli.userUnknown', params: { username } } });
  const reset = await resetOfficialPassword(ctx, user.id);
  print(`Đã cấp mật khẩu tạm thời mới cho ${reset.username} (new temporary password issued); mọi phiên đăng nhập đã kết thúc (all sessions ended).`);
  print(`Mật khẩu tạm thời / temporary password: ${reset.temporaryPassword}`);
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('tài khoản cán bộ (official accounts)');
  user
    .command('create')
    .description('tạo tài khoản cán bộ và in mật khẩu tạm thời (create an official account, print its temporary password)')
    .requiredOption('--username <username>', 'tên đăng nhập (username)')
    .requiredOption('--full-name <name>', 'họ và tên (full name)')
    .requiredOption('--agency <code>', 'mã định danh cơ quan (agency code)')
    .option('--title <title>', 'chức vụ (job title)')
    .option('--email <email>', 'thư điện tử (email)')
    .option('--phone <phone>', 'số điện thoại (phone)')
    .option('--role <role[@agencyCode][+]>', 'vai trò, lặp lại được; + = cả đơn vị trực thuộc (role, repeatable; + = with sub-agencies)', collect, [])
    .action((opts: CreateOptions) => withDatabase(({ ctx }) => cliCreateOfficial({ ...ctx, actor: systemActor() }, opts, console.log)));
  user
    .command('reset-password')
    .description('cấp mật khẩu tạm thời mới, mở khóa, kết thúc mọi phiên (issue a new temporary password, unlock, end sessions)')
    .argument('<username>', 'tên đăng nhập (username)')
    .action((username: string) => withDatabase(({ ctx }) => cliResetPassword({ ...ctx, actor: systemActor() }, username, console.log)));
}
