import type { VersionDefinition } from '../services/procedures/definition.js';

/**
 * The demo catalogue: procedures written for congso after the shape of real ones, not copied from the national
 * database. Their codes are in the 9.xxxxxx range, which national codes do not use, so they can never be
 * mistaken for (or collide with) real entries.
 */

type Doc = [code: string, name: string, originals: number, copies: number, required?: boolean];
type Step = [code: string, name: string, role: 'desk_officer' | 'specialist' | 'leader' | 'clerk', share: number];

export type DemoProcedure = {
  code: string;
  name: string;
  field: [code: string, name: string];
  level: 'full_online' | 'partial' | 'offline';
  tier: 'province' | 'commune';
  /** Agency keys of demo-data.ts. */
  owner: string;
  competent: string[];
  desk: string | 'self';
  days: number;
  unit?: 'working_days' | 'calendar_days';
  onlineDays?: number;
  result: string;
  legalBasis: string;
  applicants?: VersionDefinition['applicants'];
  docs: Doc[];
  fees?: [name: string, amount: number][];
  steps: Step[];
  form: VersionDefinition['form'];
};

const HO_TICH: [string, string] = ['DEMO-HT', 'Hộ tịch'];
const DAT_DAI: [string, string] = ['DEMO-DD', 'Đất đai'];
const XAY_DUNG: [string, string] = ['DEMO-XD', 'Xây dựng'];
const KINH_DOANH: [string, string] = ['DEMO-DKKD', 'Thành lập và hoạt động doanh nghiệp'];
const LAO_DONG: [string, string] = ['DEMO-LD', 'Lao động, việc làm'];
const GIAO_DUC: [string, string] = ['DEMO-GD', 'Giáo dục và đào tạo'];

const COMMUNES = ['ubnd-thucphan', 'ubnd-tangiang', 'ubnd-baolac'];
const commonSteps: Step[] = [
  ['TN', 'Tiếp nhận, kiểm tra hồ sơ', 'desk_officer', 10],
  ['XL', 'Thẩm định, xử lý hồ sơ', 'specialist', 60],
  ['PD', 'Phê duyệt kết quả', 'leader', 20],
  ['BH', 'Vào sổ, ban hành kết quả', 'clerk', 10],
];
const applicant = (extra: VersionDefinition['form']['sections'][number]['fields'] = []): VersionDefinition['form'] => ({
  sections: [
    {
      title: 'Thông tin người yêu cầu',
      fields: [
        { name: 'ho_ten', type: 'text', label: 'Họ, chữ đệm và tên', required: true, maxLength: 100 },
        { name: 'so_dinh_danh', type: 'id_number', label: 'Số định danh cá nhân', required: true },
        { name: 'dien_thoai', type: 'phone', label: 'Số điện thoại', required: false },
        ...extra,
      ],
    },
  ],
});

export const demoProcedures: DemoProcedure[] = [
  {
    code: '9.000101',
    name: 'Đăng ký khai sinh',
    field: HO_TICH,
    level: 'full_online',
    tier: 'commune',
    owner: 'vp',
    competent: COMMUNES,
    desk: 'self',
    days: 1,
    result: 'Giấy khai sinh (bản chính và bản điện tử)',
    legalBasis: 'Luật Hộ tịch năm 2014; Nghị định hướng dẫn thi hành Luật Hộ tịch',
    docs: [
      ['TK', 'Tờ khai đăng ký khai sinh theo mẫu', 1, 0],
      ['GCS', 'Giấy chứng sinh hoặc giấy tờ thay thế', 1, 0],
    ],
    steps: [
      ['TN', 'Tiếp nhận, kiểm tra hồ sơ', 'desk_officer', 20],
      ['XL', 'Công chức tư pháp - hộ tịch xử lý', 'specialist', 50],
      ['PD', 'Chủ tịch UBND xã ký', 'leader', 30],
    ],
    form: {
      sections: [
        ...applicant().sections,
        {
          title: 'Thông tin người được khai sinh',
          fields: [
            { name: 'ten_tre', type: 'text', label: 'Họ, chữ đệm và tên của trẻ', required: true, maxLength: 100 },
            { name: 'ngay_sinh', type: 'date', label: 'Ngày sinh', required: true, dateRange: 'past' },
            { name: 'gioi_tinh', type: 'radio', label: 'Giới tính', required: true, options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] },
          ],
        },
      ],
    },
  },
  {
    code: '9.000102',
    name: 'Đăng ký kết hôn',
    field: HO_TICH,
    level: 'partial',
    tier: 'commune',
    owner: 'vp',
    competent: COMMUNES,
    desk: 'self',
    days: 1,
    result: 'Giấy chứng nhận kết hôn',
    legalBasis: 'Luật Hôn nhân và gia đình năm 2014; Luật Hộ tịch năm 2014',
    docs: [['TK', 'Tờ khai đăng ký kết hôn theo mẫu', 1, 0]],
    steps: [
      ['TN', 'Tiếp nhận hồ sơ', 'desk_officer', 20],
      ['XL', 'Kiểm tra, xác minh điều kiện kết hôn', 'specialist', 50],
      ['PD', 'Chủ tịch UBND xã ký giấy chứng nhận', 'leader', 30],
    ],
    form: applicant([{ name: 'ho_ten_ben_kia', type: 'text', label: 'Họ, chữ đệm và tên người kết hôn cùng', required: true }]),
  },
  {
    code: '9.000103',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: HO_TICH,
    level: 'full_online',
    tier: 'commune',
    owner: 'vp',
    competent: COMMUNES,
    desk: 'self',
    days: 0.5,
    result: 'Bản sao trích lục hộ tịch',
    legalBasis: 'Luật Hộ tịch năm 2014',
    docs: [['TK', 'Tờ khai cấp bản sao trích lục hộ tịch', 1, 0]],
    fees: [['Phí cấp bản sao trích lục (mỗi bản)', 8000]],
    steps: [
      ['XL', 'Tra cứu sổ hộ tịch, lập trích lục', 'specialist', 70],
      ['PD', 'Ký bản sao trích lục', 'leader', 30],
    ],
    form: applicant([{ name: 'so_ban', type: 'number', label: 'Số bản đề nghị cấp', required: true, min: 1, max: 10 }]),
  },
  {
    code: '9.000201',
    name: 'Đăng ký biến động quyền sử dụng đất do đổi tên người sử dụng đất',
    field: DAT_DAI,
    level: 'partial',
    tier: 'commune',
    owner: 'vp',
    competent: COMMUNES,
    desk: 'self',
    days: 10,
    result: 'Giấy chứng nhận đã được xác nhận thay đổi',
    legalBasis: 'Luật Đất đai năm 2024 và các văn bản hướng dẫn',
    docs: [
      ['DON', 'Đơn đăng ký biến động đất đai theo mẫu', 1, 0],
      ['GCN', 'Bản gốc Giấy chứng nhận đã cấp', 1, 0],
      ['GT', 'Giấy tờ chứng minh việc đổi tên', 0, 1],
    ],
    fees: [['Lệ phí đăng ký biến động', 30000]],
    steps: commonSteps,
    form: applicant([{ name: 'so_thua', type: 'text', label: 'Số thửa, tờ bản đồ', required: true }]),
  },
  {
    code: '9.000301',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    field: XAY_DUNG,
    level: 'partial',
    tier: 'commune',
    owner: 'vp',
    competent: COMMUNES,
    desk: 'self',
    days: 15,
    result: 'Giấy phép xây dựng',
    legalBasis: 'Luật Xây dựng năm 2014, sửa đổi năm 2020',
    docs: [
      ['DON', 'Đơn đề nghị cấp giấy phép xây dựng', 1, 0],
      ['QSD', 'Giấy tờ về quyền sử dụng đất', 0, 1],
      ['BV', 'Bản vẽ thiết kế xây dựng', 2, 0],
    ],
    fees: [['Lệ phí cấp giấy phép xây dựng', 75000]],
    steps: [
      ['TN', 'Tiếp nhận, kiểm tra hồ sơ', 'desk_officer', 5],
      ['KT', 'Kiểm tra thực địa, thẩm định hồ sơ', 'specialist', 70],
      ['PD', 'Phê duyệt, ký giấy phép', 'leader', 20],
      ['BH', 'Vào sổ, đóng dấu', 'clerk', 5],
    ],
    form: applicant([
      { name: 'dia_chi_cong_trinh', type: 'textarea', label: 'Địa điểm xây dựng', required: true, maxLength: 500 },
      { name: 'so_tang', type: 'number', label: 'Số tầng', required: true, min: 1, max: 7 },
    ]),
  },
  {
    code: '9.000401',
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
    field: KINH_DOANH,
    level: 'full_online',
    tier: 'province',
    owner: 'stc',
    competent: ['stc'],
    desk: 'ttpvhcc',
    days: 3,
    result: 'Giấy chứng nhận đăng ký doanh nghiệp',
    legalBasis: 'Luật Doanh nghiệp năm 2020; Nghị định về đăng ký doanh nghiệp',
    applicants: ['citizen', 'enterprise'],
    docs: [
      ['GDN', 'Giấy đề nghị đăng ký doanh nghiệp', 1, 0],
      ['DL', 'Điều lệ công ty', 1, 0],
      ['GT', 'Bản sao giấy tờ pháp lý của chủ sở hữu', 0, 1],
    ],
    fees: [['Lệ phí đăng ký doanh nghiệp (nộp trực tuyến được miễn)', 0]],
    steps: [
      ['TN', 'Tiếp nhận hồ sơ', 'desk_officer', 10],
      ['XL', 'Xem xét tính hợp lệ của hồ sơ', 'specialist', 60],
      ['PD', 'Phê duyệt', 'leader', 30],
    ],
    form: {
      sections: [
        {
          title: 'Thông tin doanh nghiệp',
          fields: [
            { name: 'ten_doanh_nghiep', type: 'text', label: 'Tên doanh nghiệp viết bằng tiếng Việt', required: true, maxLength: 200 },
            { name: 'von_dieu_le', type: 'number', label: 'Vốn điều lệ (đồng)', required: true, min: 1 },
            { name: 'email', type: 'email', label: 'Thư điện tử liên hệ', required: true },
          ],
        },
      ],
    },
  },
  {
    code: '9.000402',
    name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
    field: KINH_DOANH,
    level: 'full_online',
    tier: 'province',
    owner: 'stc',
    competent: ['stc'],
    desk: 'ttpvhcc',
    days: 3,
    result: 'Giấy chứng nhận đăng ký doanh nghiệp (đã thay đổi)',
    legalBasis: 'Luật Doanh nghiệp năm 2020',
    applicants: ['enterprise'],
    docs: [['TB', 'Thông báo thay đổi nội dung đăng ký doanh nghiệp', 1, 0]],
    fees: [['Lệ phí đăng ký thay đổi', 50000]],
    steps: [
      ['XL', 'Xem xét hồ sơ', 'specialist', 70],
      ['PD', 'Phê duyệt', 'leader', 30],
    ],
    form: { sections: [{ title: 'Nội dung thay đổi', fields: [{ name: 'ma_so_doanh_nghiep', type: 'text', label: 'Mã số doanh nghiệp', required: true, pattern: '^[0-9]{10}(-[0-9]{3})?$', patternMessage: 'Mã số gồm 10 chữ số' }, { name: 'noi_dung', type: 'textarea', label: 'Nội dung đăng ký thay đổi', required: true }] }] },
  },
  {
    code: '9.000501',
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài',
    field: LAO_DONG,
    level: 'partial',
    tier: 'province',
    owner: 'snv',
    competent: ['snv'],
    desk: 'ttpvhcc',
    days: 5,
    result: 'Giấy phép lao động',
    legalBasis: 'Bộ luật Lao động năm 2019',
    applicants: ['enterprise', 'organisation'],
    docs: [
      ['VB', 'Văn bản đề nghị cấp giấy phép lao động', 1, 0],
      ['SK', 'Giấy chứng nhận sức khỏe', 1, 0],
      ['HC', 'Bản sao hộ chiếu', 0, 1],
    ],
    fees: [['Phí cấp giấy phép lao động', 600000]],
    steps: commonSteps,
    form: { sections: [{ title: 'Người lao động', fields: [{ name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true }, { name: 'quoc_tich', type: 'text', label: 'Quốc tịch', required: true }, { name: 'vi_tri', type: 'select', label: 'Vị trí công việc', required: true, options: [{ value: 'quan_ly', label: 'Nhà quản lý' }, { value: 'chuyen_gia', label: 'Chuyên gia' }, { value: 'ky_thuat', label: 'Lao động kỹ thuật' }] }] }] },
  },
  {
    code: '9.000502',
    name: 'Đăng ký nội quy lao động của doanh nghiệp',
    field: LAO_DONG,
    level: 'full_online',
    tier: 'province',
    owner: 'snv',
    competent: ['snv'],
    desk: 'ttpvhcc',
    days: 7,
    result: 'Thông báo về việc đăng ký nội quy lao động',
    legalBasis: 'Bộ luật Lao động năm 2019',
    applicants: ['enterprise'],
    docs: [
      ['VB', 'Văn bản đề nghị đăng ký nội quy lao động', 1, 0],
      ['NQ', 'Nội quy lao động', 1, 0],
    ],
    steps: [
      ['XL', 'Xem xét nội quy lao động', 'specialist', 80],
      ['PD', 'Ký thông báo', 'leader', 20],
    ],
    form: { sections: [{ title: 'Doanh nghiệp', fields: [{ name: 'ten_doanh_nghiep', type: 'text', label: 'Tên doanh nghiệp', required: true }, { name: 'so_lao_dong', type: 'number', label: 'Số người lao động', required: true, min: 10 }] }] },
  },
  {
    code: '9.000601',
    name: 'Chuyển trường đối với học sinh trung học cơ sở',
    field: GIAO_DUC,
    level: 'full_online',
    tier: 'commune',
    owner: 'vp',
    competent: COMMUNES,
    desk: 'self',
    days: 3,
    result: 'Văn bản đồng ý chuyển trường',
    legalBasis: 'Quy định về chuyển trường và tiếp nhận học sinh học tại các cơ sở giáo dục phổ thông',
    docs: [
      ['DON', 'Đơn xin chuyển trường của cha mẹ học sinh', 1, 0],
      ['HB', 'Học bạ', 1, 0],
    ],
    steps: [
      ['XL', 'Xem xét hồ sơ chuyển trường', 'specialist', 70],
      ['PD', 'Ký văn bản đồng ý', 'leader', 30],
    ],
    form: applicant([{ name: 'truong_den', type: 'text', label: 'Trường chuyển đến', required: true }]),
  },
  {
    code: '9.000701',
    name: 'Cấp giấy phép thiết lập mạng viễn thông dùng riêng',
    field: ['DEMO-VT', 'Viễn thông và Internet'],
    level: 'partial',
    tier: 'province',
    owner: 'skhcn',
    competent: ['skhcn'],
    desk: 'ttpvhcc',
    days: 10,
    onlineDays: 8,
    result: 'Giấy phép thiết lập mạng viễn thông dùng riêng',
    legalBasis: 'Luật Viễn thông năm 2023',
    applicants: ['enterprise', 'organisation'],
    docs: [
      ['DON', 'Đơn đề nghị cấp giấy phép', 1, 0],
      ['TK', 'Thuyết minh kỹ thuật mạng', 1, 0],
    ],
    fees: [['Phí thẩm định cấp giấy phép', 1_000_000]],
    steps: commonSteps,
    form: { sections: [{ title: 'Tổ chức đề nghị', fields: [{ name: 'ten_to_chuc', type: 'text', label: 'Tên tổ chức', required: true }, { name: 'pham_vi', type: 'textarea', label: 'Phạm vi thiết lập mạng', required: true }] }] },
  },
  {
    code: '9.000702',
    name: 'Cấp giấy phép bưu chính',
    field: ['DEMO-BC', 'Bưu chính'],
    level: 'full_online',
    tier: 'province',
    owner: 'skhcn',
    competent: ['skhcn'],
    desk: 'ttpvhcc',
    days: 15,
    unit: 'calendar_days',
    result: 'Giấy phép bưu chính',
    legalBasis: 'Luật Bưu chính năm 2010',
    applicants: ['enterprise'],
    docs: [
      ['DON', 'Đơn đề nghị cấp giấy phép bưu chính', 1, 0],
      ['PA', 'Phương án kinh doanh', 1, 0],
      ['MH', 'Mẫu hợp đồng cung ứng dịch vụ bưu chính', 1, 0, false],
    ],
    fees: [['Phí thẩm định điều kiện hoạt động bưu chính', 5_000_000]],
    steps: commonSteps,
    form: { sections: [{ title: 'Doanh nghiệp', fields: [{ name: 'ten_doanh_nghiep', type: 'text', label: 'Tên doanh nghiệp', required: true }, { name: 'pham_vi', type: 'checkboxes', label: 'Phạm vi cung ứng', required: true, options: [{ value: 'noi_tinh', label: 'Nội tỉnh' }, { value: 'lien_tinh', label: 'Liên tỉnh' }, { value: 'quoc_te', label: 'Quốc tế' }] }] }] },
  },
];
