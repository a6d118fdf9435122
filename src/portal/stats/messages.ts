import { defineMessages } from '../../platform/i18n/define.js';

export const portalStatsMessages = defineMessages({
  'nav.portalStats': ['Thống kê truy cập', 'Visitor statistics'],
  'stats.title': ['Thống kê truy cập', 'Visitor statistics'],
  'stats.site': ['Trang thông tin', 'Site'],
  'stats.show': ['Xem', 'Show'],
  'stats.noSites': ['Bạn chưa được giao xem thống kê của trang thông tin nào.', 'You have not been given the statistics of any site.'],
  'stats.counters': ['Số lượt truy cập', 'Visits'],
  'stats.online': ['Đang trực tuyến', 'Online now'],
  'stats.today': ['Hôm nay', 'Today'],
  'stats.week': ['Tuần này', 'This week'],
  'stats.month': ['Tháng này', 'This month'],
  'stats.year': ['Năm nay', 'This year'],
  'stats.total': ['Tổng số', 'Total'],
  'stats.daily': ['Lượt xem 30 ngày gần nhất', 'Views over the last 30 days'],
  'stats.monthly': ['Lượt xem theo tháng năm {year}', 'Views per month in {year}'],
  'stats.day': ['Ngày', 'Day'],
  'stats.monthCol': ['Tháng', 'Month'],
  'stats.views': ['Lượt xem', 'Views'],
  'stats.visitors': ['Lượt khách', 'Visitors'],
  'stats.top': ['Bài viết được xem nhiều nhất', 'Most read articles'],
  'stats.article': ['Bài viết', 'Article'],
  'stats.noArticles': ['Chưa có lượt xem bài viết nào.', 'No article has been read yet.'],
  'stats.note': [
    'Không tính lượt truy cập của máy tìm kiếm và công cụ tự động. Không lưu địa chỉ IP hay thông tin cá nhân của người truy cập.',
    'Visits by search engines and automated tools are not counted. No IP address or personal data of visitors is stored.',
  ],
});
