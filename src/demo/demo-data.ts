import type { Role } from '../platform/auth/permissions.js';

/**
 * A demo province: Cao Bằng (code 04) kept its borders in 2025, so its 2025 codes make a realistic demo.
 * Agency identifiers follow the QCVN 102:2016 shape but are demo values, not the official register.
 */
export const demoProvince = { code: '04', name: 'Tỉnh Cao Bằng', kind: 'tỉnh' } as const;

export const demoCommunes = [
  { code: '01273', name: 'Phường Thục Phán', kind: 'phường' },
  { code: '01279', name: 'Phường Nùng Trí Cao', kind: 'phường' },
  { code: '01288', name: 'Phường Tân Giang', kind: 'phường' },
  { code: '01290', name: 'Xã Bảo Lâm', kind: 'xã' },
  { code: '01321', name: 'Xã Bảo Lạc', kind: 'xã' },
  { code: '01351', name: 'Xã Hưng Đạo', kind: 'xã' },
] as const;

export type DemoAgency = {
  key: string;
  code: string;
  name: string;
  nameEn: string;
  type: 'people_committee' | 'department' | 'service_centre' | 'division' | 'commune_committee';
  parent?: string;
  unit: string;
  oneStop?: boolean;
  email?: string;
  phone?: string;
  address?: string;
};

export const demoAgencies: DemoAgency[] = [
  { key: 'ubnd', code: '000.00.00.H13', name: 'Ủy ban nhân dân tỉnh Cao Bằng', nameEn: 'Cao Bang Provincial People’s Committee', type: 'people_committee', unit: '04', email: 'ubnd@caobang.gov.vn', phone: '0206 3852 244', address: '011 Hoàng Đình Giong, phường Thục Phán, tỉnh Cao Bằng' },
  { key: 'vp', code: '000.00.01.H13', name: 'Văn phòng Ủy ban nhân dân tỉnh', nameEn: 'Office of the Provincial People’s Committee', type: 'department', parent: 'ubnd', unit: '04' },
  { key: 'skhcn', code: '000.00.12.H13', name: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology', type: 'department', parent: 'ubnd', unit: '04', email: 'skhcn@caobang.gov.vn', phone: '0206 3852 888' },
  { key: 'skhcn-cds', code: '000.01.12.H13', name: 'Phòng Chuyển đổi số', nameEn: 'Digital Transformation Division', type: 'division', parent: 'skhcn', unit: '04' },
  { key: 'stc', code: '000.00.07.H13', name: 'Sở Tài chính', nameEn: 'Department of Finance', type: 'department', parent: 'ubnd', unit: '04' },
  { key: 'snv', code: '000.00.05.H13', name: 'Sở Nội vụ', nameEn: 'Department of Home Affairs', type: 'department', parent: 'ubnd', unit: '04' },
  { key: 'ttpvhcc', code: '000.00.40.H13', name: 'Trung tâm Phục vụ hành chính công tỉnh', nameEn: 'Provincial Public Administration Service Centre', type: 'service_centre', parent: 'ubnd', unit: '04', oneStop: true, phone: '0206 3999 888' },
  { key: 'ubnd-thucphan', code: '000.01.00.H13', name: 'Ủy ban nhân dân phường Thục Phán', nameEn: 'Thuc Phan Ward People’s Committee', type: 'commune_committee', parent: 'ubnd', unit: '01273', oneStop: true },
  { key: 'ubnd-tangiang', code: '000.02.00.H13', name: 'Ủy ban nhân dân phường Tân Giang', nameEn: 'Tan Giang Ward People’s Committee', type: 'commune_committee', parent: 'ubnd', unit: '01288', oneStop: true },
  { key: 'ubnd-baolac', code: '000.03.00.H13', name: 'Ủy ban nhân dân xã Bảo Lạc', nameEn: 'Bao Lac Commune People’s Committee', type: 'commune_committee', parent: 'ubnd', unit: '01321', oneStop: true },
];

export type DemoOfficial = { username: string; fullName: string; agency: string; roles: { role: Role; agency?: string; descendants?: boolean }[] };

export const demoOfficials: DemoOfficial[] = [
  { username: 'quantri', fullName: 'Nguyễn Văn Quản', agency: 'skhcn', roles: [{ role: 'system_admin' }] },
  { username: 'qt.skhcn', fullName: 'Trần Thị Hạnh', agency: 'skhcn', roles: [{ role: 'agency_admin', agency: 'skhcn', descendants: true }] },
  { username: 'bientap', fullName: 'Lê Minh Tuấn', agency: 'skhcn', roles: [{ role: 'editor', agency: 'skhcn' }] },
  { username: 'duyettin', fullName: 'Phạm Thu Trang', agency: 'skhcn', roles: [{ role: 'approver', agency: 'skhcn' }] },
  { username: 'motcua', fullName: 'Hoàng Văn Đức', agency: 'ttpvhcc', roles: [{ role: 'desk_officer', agency: 'ttpvhcc' }] },
  { username: 'chuyenvien', fullName: 'Đỗ Thị Lan', agency: 'skhcn', roles: [{ role: 'specialist', agency: 'skhcn' }] },
  { username: 'lanhdao', fullName: 'Vũ Đình Khoa', agency: 'skhcn', roles: [{ role: 'leader', agency: 'skhcn', descendants: true }] },
  { username: 'vanthu', fullName: 'Bế Thị Mai', agency: 'skhcn', roles: [{ role: 'clerk', agency: 'skhcn' }] },
  { username: 'motcua.thucphan', fullName: 'Nông Văn Sơn', agency: 'ubnd-thucphan', roles: [{ role: 'desk_officer', agency: 'ubnd-thucphan' }] },
];

export const demoCitizen = { email: 'congdan@example.vn', phone: '0912345678', fullName: 'Đàm Thị Hoa' };

/** Shown at start; demo accounts are for trying congso out and must not exist on a production instance. */
export const DEMO_PASSWORD = 'CaoBang@2025';
