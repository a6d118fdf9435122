import { defineMessages } from '../platform/i18n/define.js';

export const homeMessages = defineMessages({
  'home.title': ['Trang chủ', 'Home'],
  'home.subtitle': ['Cổng thông tin điện tử', 'Government portal'],
  'home.heading': ['Cổng dịch vụ số {province}', '{province} digital services'],
  'home.lead': [
    'Thông tin, dịch vụ công trực tuyến và điều hành của chính quyền tỉnh trên một nền tảng nguồn mở.',
    "The province's information, online public services and administration on one open-source platform.",
  ],
  'home.citizens': ['Người dân và doanh nghiệp', 'Citizens and businesses'],
  'home.citizensText': ['Đăng nhập để nộp và theo dõi hồ sơ trực tuyến.', 'Sign in to file and track applications online.'],
  'home.citizenSignIn': ['Đăng nhập / đăng ký tài khoản', 'Sign in or create an account'],
  'home.officials': ['Cán bộ, công chức', 'Officials'],
  'home.officialsText': ['Đăng nhập hệ thống quản trị và xử lý công việc.', 'Sign in to the back office.'],
  'home.officialSignIn': ['Vào trang quản trị', 'Go to the back office'],
});
