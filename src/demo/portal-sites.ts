/**
 * The demo portal's sites: the provincial portal and four agency sites, with their menus and categories.
 * Contact details are demo values in the shape of the real ones. Menu entries are site-relative or full addresses
 * of national portals; the site layout adds "Trang chủ" and the list of the other sites itself.
 */

export type DemoCategory = { slug: string; name: string; nameEn: string; description?: string };
export type DemoMenuItem = { label: string; labelEn: string; href: string };

export type DemoSite = {
  /** Key of the agency in demo-data.ts. */
  agency: string;
  slug: string;
  isMain: boolean;
  name: string;
  nameEn: string;
  tagline: string;
  taglineEn: string;
  primaryColor: string;
  accentColor: string;
  address: string;
  phone: string;
  fax?: string;
  email: string;
  footerText: string;
  footerTextEn: string;
  categories: DemoCategory[];
  /** Lines of the functions-and-duties page, in Vietnamese and English. */
  duties: [string, string][];
  /** Units of the organisation chart, in Vietnamese and English. */
  units: [string, string][];
  /** The contact directory: name, position (vi), position (en), phone, email. */
  people: [string, string, string, string, string][];
};

const news: DemoCategory = { slug: 'tin-tuc-su-kien', name: 'Tin tức - Sự kiện', nameEn: 'News and events' };
const notices: DemoCategory = { slug: 'thong-bao', name: 'Thông báo', nameEn: 'Notices' };
const digital: DemoCategory = { slug: 'chuyen-doi-so', name: 'Chuyển đổi số', nameEn: 'Digital transformation', description: 'Chính quyền số, kinh tế số, xã hội số' };
const reform: DemoCategory = { slug: 'cai-cach-hanh-chinh', name: 'Cải cách hành chính', nameEn: 'Administrative reform' };

const footer = (who: string) =>
  `Cơ quan chủ quản: ${who}. Chịu trách nhiệm chính: Chánh Văn phòng. Giấy phép thiết lập trang thông tin điện tử số 12/GP-STTTT. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.`;
const footerEn = (who: string) => `Owner: ${who}. Responsible editor: Chief of Office. Licence no. 12/GP-STTTT. Please credit the source when republishing.`;

export const demoSites: DemoSite[] = [
  {
    agency: 'ubnd',
    slug: 'cong-thong-tin',
    isMain: true,
    name: 'Cổng Thông tin điện tử tỉnh Cao Bằng',
    nameEn: 'Cao Bang Provincial Portal',
    tagline: 'Thông tin chính thống của Ủy ban nhân dân tỉnh Cao Bằng',
    taglineEn: 'Official information of the Cao Bang Provincial People’s Committee',
    primaryColor: '#0f4c81',
    accentColor: '#b7312c',
    address: '011 Hoàng Đình Giong, phường Thục Phán, tỉnh Cao Bằng',
    phone: '0206 3852 244',
    fax: '0206 3852 245',
    email: 'ubnd@caobang.gov.vn',
    footerText: footer('Ủy ban nhân dân tỉnh Cao Bằng'),
    footerTextEn: footerEn('Cao Bang Provincial People’s Committee'),
    categories: [
      news,
      { slug: 'chi-dao-dieu-hanh', name: 'Chỉ đạo điều hành', nameEn: 'Direction and administration' },
      digital,
      reform,
      { slug: 'kinh-te-xa-hoi', name: 'Kinh tế - Xã hội', nameEn: 'Economy and society' },
      { slug: 'van-hoa-du-lich', name: 'Văn hóa - Du lịch', nameEn: 'Culture and tourism' },
      notices,
    ],
    duties: [
      ['Ban hành quyết định, chỉ thị và tổ chức thi hành pháp luật trên địa bàn tỉnh.', 'Issues decisions and directives and enforces the law in the province.'],
      ['Xây dựng, trình Hội đồng nhân dân tỉnh kế hoạch phát triển kinh tế - xã hội, dự toán ngân sách và tổ chức thực hiện.', 'Prepares the socio-economic development plan and the budget for the Provincial People’s Council and carries them out.'],
      ['Thống nhất quản lý nhà nước về các ngành, lĩnh vực; chỉ đạo các sở, ban, ngành và Ủy ban nhân dân cấp xã.', 'Manages all sectors and directs the departments and the commune People’s Committees.'],
      ['Bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội và quản lý đường biên giới quốc gia.', 'Ensures defence, security and public order, and manages the national border.'],
    ],
    units: [
      ['Văn phòng Ủy ban nhân dân tỉnh', 'Office of the Provincial People’s Committee'],
      ['Sở Khoa học và Công nghệ', 'Department of Science and Technology'],
      ['Sở Tài chính', 'Department of Finance'],
      ['Sở Nội vụ', 'Department of Home Affairs'],
      ['Trung tâm Phục vụ hành chính công tỉnh', 'Provincial Public Administration Service Centre'],
      ['Ủy ban nhân dân các xã, phường', 'Commune and ward People’s Committees'],
    ],
    people: [
      ['Nông Thanh Hà', 'Chủ tịch Ủy ban nhân dân tỉnh', 'Chairman of the Provincial People’s Committee', '0206 3852 244', 'ubnd@caobang.gov.vn'],
      ['Lý Văn Quân', 'Phó Chủ tịch Ủy ban nhân dân tỉnh', 'Vice Chairman', '0206 3852 246', 'ubnd@caobang.gov.vn'],
      ['Hoàng Thị Ngân', 'Chánh Văn phòng Ủy ban nhân dân tỉnh', 'Chief of Office', '0206 3852 250', 'vp@caobang.gov.vn'],
    ],
  },
  {
    agency: 'skhcn',
    slug: 'so-khcn',
    isMain: false,
    name: 'Sở Khoa học và Công nghệ tỉnh Cao Bằng',
    nameEn: 'Cao Bang Department of Science and Technology',
    tagline: 'Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số',
    taglineEn: 'Science, technology, innovation and digital transformation',
    primaryColor: '#005a70',
    accentColor: '#d4351c',
    address: '042 Hiến Giang, phường Thục Phán, tỉnh Cao Bằng',
    phone: '0206 3852 888',
    email: 'skhcn@caobang.gov.vn',
    footerText: footer('Sở Khoa học và Công nghệ tỉnh Cao Bằng'),
    footerTextEn: footerEn('Cao Bang Department of Science and Technology'),
    categories: [news, digital, { slug: 'khoa-hoc-cong-nghe', name: 'Khoa học - Công nghệ', nameEn: 'Science and technology' }, notices],
    duties: [
      ['Tham mưu cho Ủy ban nhân dân tỉnh quản lý nhà nước về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, bưu chính và viễn thông.', 'Advises the Provincial People’s Committee on science, technology, innovation, digital transformation, post and telecommunications.'],
      ['Xây dựng và vận hành nền tảng chính quyền số, trung tâm dữ liệu và bảo đảm an toàn thông tin của tỉnh.', 'Builds and runs the provincial digital government platforms and data centre and keeps them secure.'],
      ['Quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh, sở hữu trí tuệ, tiêu chuẩn, đo lường, chất lượng.', 'Manages provincial research projects, intellectual property, standards, metrology and quality.'],
    ],
    units: [
      ['Văn phòng Sở', 'Department Office'],
      ['Phòng Chuyển đổi số', 'Digital Transformation Division'],
      ['Phòng Quản lý khoa học', 'Science Management Division'],
      ['Trung tâm Công nghệ thông tin và Truyền thông', 'Information and Communication Technology Centre'],
    ],
    people: [
      ['Vũ Đình Khoa', 'Giám đốc Sở', 'Director', '0206 3852 888', 'khoa.vd@caobang.gov.vn'],
      ['Trần Thị Hạnh', 'Chánh Văn phòng Sở', 'Chief of Office', '0206 3852 889', 'hanh.tt@caobang.gov.vn'],
      ['Lê Minh Tuấn', 'Trưởng phòng Chuyển đổi số', 'Head of Digital Transformation', '0206 3852 890', 'tuan.lm@caobang.gov.vn'],
    ],
  },
  {
    agency: 'stc',
    slug: 'so-tai-chinh',
    isMain: false,
    name: 'Sở Tài chính tỉnh Cao Bằng',
    nameEn: 'Cao Bang Department of Finance',
    tagline: 'Tài chính, ngân sách, đầu tư và doanh nghiệp',
    taglineEn: 'Finance, budget, investment and enterprises',
    primaryColor: '#1d5b3a',
    accentColor: '#b58840',
    address: '017 Hoàng Đình Giong, phường Thục Phán, tỉnh Cao Bằng',
    phone: '0206 3852 651',
    email: 'stc@caobang.gov.vn',
    footerText: footer('Sở Tài chính tỉnh Cao Bằng'),
    footerTextEn: footerEn('Cao Bang Department of Finance'),
    categories: [news, { slug: 'ngan-sach', name: 'Công khai ngân sách', nameEn: 'Budget transparency' }, notices],
    duties: [
      ['Tham mưu quản lý nhà nước về tài chính, ngân sách, giá, tài sản công, kế hoạch và đầu tư trên địa bàn tỉnh.', 'Advises on public finance, budget, prices, public assets, planning and investment in the province.'],
      ['Lập dự toán ngân sách tỉnh, công khai ngân sách theo quy định.', 'Prepares the provincial budget and publishes it as the law requires.'],
      ['Cấp đăng ký doanh nghiệp và hỗ trợ doanh nghiệp, nhà đầu tư.', 'Registers enterprises and supports businesses and investors.'],
    ],
    units: [
      ['Văn phòng Sở', 'Department Office'],
      ['Phòng Quản lý ngân sách', 'Budget Division'],
      ['Phòng Đăng ký kinh doanh', 'Business Registration Division'],
    ],
    people: [
      ['Đinh Văn Thắng', 'Giám đốc Sở', 'Director', '0206 3852 651', 'thang.dv@caobang.gov.vn'],
      ['Lục Thị Huyền', 'Phó Giám đốc Sở', 'Deputy Director', '0206 3852 652', 'huyen.lt@caobang.gov.vn'],
    ],
  },
  {
    agency: 'snv',
    slug: 'so-noi-vu',
    isMain: false,
    name: 'Sở Nội vụ tỉnh Cao Bằng',
    nameEn: 'Cao Bang Department of Home Affairs',
    tagline: 'Tổ chức bộ máy, công chức, công vụ và cải cách hành chính',
    taglineEn: 'Organisation, civil service and administrative reform',
    primaryColor: '#4c2c92',
    accentColor: '#d53880',
    address: '005 Xuân Trường, phường Thục Phán, tỉnh Cao Bằng',
    phone: '0206 3852 306',
    email: 'snv@caobang.gov.vn',
    footerText: footer('Sở Nội vụ tỉnh Cao Bằng'),
    footerTextEn: footerEn('Cao Bang Department of Home Affairs'),
    categories: [news, reform, { slug: 'to-chuc-bo-may', name: 'Tổ chức bộ máy', nameEn: 'Organisation' }, notices],
    duties: [
      ['Tham mưu về tổ chức bộ máy, vị trí việc làm, biên chế, cán bộ, công chức, viên chức và chính quyền địa phương.', 'Advises on organisation, job positions, staffing, civil servants and local government.'],
      ['Chủ trì công tác cải cách hành chính, thi đua, khen thưởng, văn thư, lưu trữ của tỉnh.', 'Leads administrative reform, emulation and awards, records and archives.'],
      ['Quản lý nhà nước về lao động, việc làm, tôn giáo và thanh niên.', 'Manages labour and employment, religious affairs and youth.'],
    ],
    units: [
      ['Văn phòng Sở', 'Department Office'],
      ['Phòng Tổ chức, biên chế', 'Organisation and Staffing Division'],
      ['Phòng Cải cách hành chính', 'Administrative Reform Division'],
    ],
    people: [
      ['Hà Văn Long', 'Giám đốc Sở', 'Director', '0206 3852 306', 'long.hv@caobang.gov.vn'],
      ['Bế Thị Thoa', 'Trưởng phòng Cải cách hành chính', 'Head of Administrative Reform', '0206 3852 310', 'thoa.bt@caobang.gov.vn'],
    ],
  },
  {
    agency: 'ubnd-thucphan',
    slug: 'phuong-thuc-phan',
    isMain: false,
    name: 'Phường Thục Phán',
    nameEn: 'Thuc Phan Ward',
    tagline: 'Trang thông tin điện tử Ủy ban nhân dân phường Thục Phán',
    taglineEn: 'Website of the Thuc Phan Ward People’s Committee',
    primaryColor: '#28a197',
    accentColor: '#f47738',
    address: '025 Vườn Cam, phường Thục Phán, tỉnh Cao Bằng',
    phone: '0206 3853 120',
    email: 'thucphan@caobang.gov.vn',
    footerText: footer('Ủy ban nhân dân phường Thục Phán'),
    footerTextEn: footerEn('Thuc Phan Ward People’s Committee'),
    categories: [news, notices],
    duties: [
      ['Tổ chức thi hành Hiến pháp, pháp luật và quyết định của cấp trên trên địa bàn phường.', 'Enforces the Constitution, the law and higher-level decisions in the ward.'],
      ['Giải quyết thủ tục hành chính cho người dân tại Bộ phận một cửa của phường.', 'Handles citizens’ administrative procedures at the ward’s one-stop desk.'],
      ['Quản lý đô thị, đất đai, môi trường, trật tự an toàn xã hội trên địa bàn.', 'Manages urban order, land, environment and public safety in the ward.'],
    ],
    units: [
      ['Văn phòng Hội đồng nhân dân và Ủy ban nhân dân', 'Office of the People’s Council and Committee'],
      ['Phòng Kinh tế, Hạ tầng và Đô thị', 'Economy, Infrastructure and Urban Division'],
      ['Phòng Văn hóa - Xã hội', 'Culture and Society Division'],
      ['Bộ phận một cửa', 'One-stop desk'],
    ],
    people: [
      ['Nông Văn Sơn', 'Công chức Bộ phận một cửa', 'One-stop desk officer', '0206 3853 121', 'son.nv@caobang.gov.vn'],
      ['Lương Thị Mến', 'Chủ tịch Ủy ban nhân dân phường', 'Chairwoman of the Ward People’s Committee', '0206 3853 120', 'thucphan@caobang.gov.vn'],
    ],
  },
];

/** The main menu of every site. */
export const mainMenu: DemoMenuItem[] = [
  { label: 'Tin tức', labelEn: 'News', href: '/chuyen-muc/tin-tuc-su-kien' },
  { label: 'Văn bản', labelEn: 'Documents', href: '/van-ban' },
  { label: 'Hỏi đáp', labelEn: 'Questions', href: '/hoi-dap' },
  { label: 'Phản ánh', labelEn: 'Feedback', href: '/phan-anh' },
  { label: 'Dịch vụ công', labelEn: 'Public services', href: '/dich-vu-cong' },
];

export const footerMenu: DemoMenuItem[] = [
  { label: 'Giới thiệu', labelEn: 'About', href: '/trang/gioi-thieu' },
  { label: 'Cơ cấu tổ chức', labelEn: 'Organisation', href: '/trang/co-cau-to-chuc' },
  { label: 'Danh bạ cán bộ', labelEn: 'Directory', href: '/trang/danh-ba-can-bo' },
];

/** Links to national portals (Decree 42 asks for links to other state agencies' portals). */
export const linksMenu: DemoMenuItem[] = [
  { label: 'Cổng Dịch vụ công quốc gia', labelEn: 'National Public Service Portal', href: 'https://dichvucong.gov.vn' },
  { label: 'Cổng Thông tin điện tử Chính phủ', labelEn: 'Government Portal', href: 'https://chinhphu.vn' },
  { label: 'Cơ sở dữ liệu quốc gia về văn bản pháp luật', labelEn: 'National legal database', href: 'https://vbpl.vn' },
  { label: 'Báo Điện tử Chính phủ', labelEn: 'Government News', href: 'https://baochinhphu.vn' },
];
