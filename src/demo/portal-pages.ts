import type { DemoSite } from './portal-sites.js';

/** A fixed page of a demo site, with its English version where Decree 42 asks for one. */
export type DemoPage = { slug: string; title: string; body: string; en?: { slug: string; title: string; body: string } };

const list = (items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;

const PROVINCE_INTRO = [
  'Cao Bằng là tỉnh miền núi, biên giới ở vùng Đông Bắc, có hơn 333 km đường biên giới với Trung Quốc. Dân số khoảng 550 nghìn người, gồm các dân tộc Tày, Nùng, Mông, Dao, Kinh, Sán Chỉ, Lô Lô… cùng chung sống.',
  'Tỉnh nổi tiếng với thác Bản Giốc, Khu di tích quốc gia đặc biệt Pác Bó và Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng. Nông nghiệp hàng hóa, du lịch và kinh tế cửa khẩu là những hướng phát triển chính.',
  'Cổng Thông tin điện tử tỉnh là kênh thông tin chính thống của Ủy ban nhân dân tỉnh: cung cấp tin tức chỉ đạo điều hành, văn bản quy phạm pháp luật, thủ tục hành chính, tiếp nhận câu hỏi và phản ánh, kiến nghị của người dân, doanh nghiệp.',
];

function intro(site: DemoSite): string {
  if (site.isMain) return PROVINCE_INTRO.map((p) => `<p>${p}</p>`).join('\n');
  return [
    `<p>Trang thông tin điện tử của ${site.name} là thành phần của Cổng Thông tin điện tử tỉnh Cao Bằng.</p>`,
    `<p>Trang cung cấp thông tin về ${site.tagline.charAt(0).toLowerCase()}${site.tagline.slice(1)}; văn bản chỉ đạo, điều hành; thủ tục hành chính và kênh hỏi đáp, phản ánh của người dân, doanh nghiệp.</p>`,
    `<p>Địa chỉ: ${site.address}. Điện thoại: ${site.phone}. Thư điện tử: ${site.email}.</p>`,
  ].join('\n');
}

function directory(site: DemoSite, en: boolean): string {
  const head = en ? ['Name', 'Position', 'Phone', 'Email'] : ['Họ và tên', 'Chức vụ', 'Điện thoại', 'Thư điện tử'];
  const rows = site.people.map(([name, vi, enPos, phone, email]) => `<tr><td>${name}</td><td>${en ? enPos : vi}</td><td>${phone}</td><td>${email}</td></tr>`);
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A small, plausible statement: revenue and spending of last year, in millions of đồng. */
function financialReport(site: DemoSite, index: number): string {
  const base = site.isMain ? 4_820_000 : 38_000 + index * 9_500;
  const fmt = (n: number) => n.toLocaleString('vi-VN');
  const rows: [string, number][] = [
    ['Dự toán được giao', base],
    ['Kinh phí thực hiện chế độ tự chủ', Math.round(base * 0.62)],
    ['Kinh phí không thực hiện chế độ tự chủ', Math.round(base * 0.31)],
    ['Số đã sử dụng', Math.round(base * 0.91)],
    ['Số dư chuyển năm sau', Math.round(base * 0.02)],
  ];
  return [
    '<p>Thực hiện Luật Ngân sách nhà nước và Thông tư số 61/2017/TT-BTC, đơn vị công khai quyết toán ngân sách năm 2024 như sau (đơn vị tính: triệu đồng):</p>',
    `<table><thead><tr><th scope="col">Nội dung</th><th scope="col">Số tiền</th></tr></thead><tbody>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${fmt(v)}</td></tr>`).join('')}</tbody></table>`,
    '<p>Số liệu chi tiết theo biểu mẫu được đăng kèm tại mục Công khai ngân sách.</p>',
  ].join('\n');
}

export function demoPages(site: DemoSite, index: number): DemoPage[] {
  const who = site.name.replace(' tỉnh Cao Bằng', '');
  return [
    { slug: 'gioi-thieu', title: 'Giới thiệu', body: intro(site) },
    {
      slug: 'chuc-nang-nhiem-vu',
      title: 'Chức năng, nhiệm vụ',
      body: `<p>${who} có các chức năng, nhiệm vụ chính sau:</p>\n${list(site.duties.map(([vi]) => vi))}`,
      en: { slug: 'functions-and-duties', title: 'Functions and duties', body: `<p>The main functions and duties of the ${site.nameEn.replace('Cao Bang ', '')}:</p>\n${list(site.duties.map(([, e]) => e))}` },
    },
    {
      slug: 'co-cau-to-chuc',
      title: 'Cơ cấu tổ chức',
      body: `<h2>Lãnh đạo</h2>\n${list(site.people.slice(0, 2).map(([n, p]) => `${p}: ${n}`))}\n<h2>Các đơn vị</h2>\n${list(site.units.map(([vi]) => vi))}`,
      en: {
        slug: 'organisation',
        title: 'Organisation',
        body: `<h2>Leadership</h2>\n${list(site.people.slice(0, 2).map(([n, , p]) => `${p}: ${n}`))}\n<h2>Units</h2>\n${list(site.units.map(([, e]) => e))}`,
      },
    },
    {
      slug: 'danh-ba-can-bo',
      title: 'Danh bạ cán bộ',
      body: `<p>Danh bạ điện thoại, thư điện tử công vụ của lãnh đạo và cán bộ đầu mối.</p>\n${directory(site, false)}`,
      en: { slug: 'directory', title: 'Directory', body: `<p>Official phone numbers and email addresses of the leadership and contact persons.</p>\n${directory(site, true)}` },
    },
    { slug: 'bao-cao-tai-chinh-nam', title: 'Báo cáo tài chính năm 2024', body: financialReport(site, index) },
  ];
}
