/**
 * Legal documents, questions and feedback of the demo portal. Numbers follow the Vietnamese format of the document
 * type; all are invented for the demo.
 */

type LegalStatus = 'not_yet_in_force' | 'in_force' | 'partly_expired' | 'expired';

export type DemoLegalDocument = {
  site: string;
  docType: string;
  number: string;
  title: string;
  issuingBody: string;
  signer: string;
  field: string;
  issuedOn: string;
  effectiveOn?: string;
  expiresOn?: string;
  status: LegalStatus;
  draftCommentUntil?: string;
  summary: string;
};

const UBND = 'Ủy ban nhân dân tỉnh Cao Bằng';
const HDND = 'Hội đồng nhân dân tỉnh Cao Bằng';

export const demoLegalDocuments: DemoLegalDocument[] = [
  { site: 'cong-thong-tin', docType: 'Quyết định', number: '15/2025/QĐ-UBND', title: 'Ban hành Quy chế quản lý, vận hành và khai thác Cổng Thông tin điện tử tỉnh Cao Bằng', issuingBody: UBND, signer: 'Lý Văn Quân', field: 'Công nghệ thông tin', issuedOn: '2025-04-18', effectiveOn: '2025-05-01', status: 'in_force', summary: 'Quy định trách nhiệm cung cấp, biên tập, phê duyệt và đăng tải thông tin trên Cổng Thông tin điện tử tỉnh và các trang thành phần.' },
  { site: 'cong-thong-tin', docType: 'Nghị quyết', number: '08/2025/NQ-HĐND', title: 'Quy định chính sách hỗ trợ phát triển sản xuất nông nghiệp hàng hóa trên địa bàn tỉnh giai đoạn 2025 - 2030', issuingBody: HDND, signer: 'Hoàng Văn Thạch', field: 'Nông nghiệp', issuedOn: '2025-07-10', effectiveOn: '2025-07-25', status: 'in_force', summary: 'Hỗ trợ giống, vật tư, chứng nhận VietGAP, OCOP và liên kết tiêu thụ sản phẩm cho hợp tác xã, tổ hợp tác.' },
  { site: 'cong-thong-tin', docType: 'Kế hoạch', number: '2145/KH-UBND', title: 'Chuyển đổi số tỉnh Cao Bằng năm 2026', issuingBody: UBND, signer: 'Lý Văn Quân', field: 'Chuyển đổi số', issuedOn: '2025-10-28', status: 'in_force', summary: 'Mục tiêu, chỉ tiêu và nhiệm vụ chuyển đổi số năm 2026: hạ tầng số, dữ liệu số, chính quyền số, kinh tế số và xã hội số.' },
  { site: 'cong-thong-tin', docType: 'Chỉ thị', number: '05/CT-UBND', title: 'Tăng cường kỷ luật, kỷ cương hành chính trong giải quyết thủ tục hành chính', issuingBody: UBND, signer: 'Nông Thanh Hà', field: 'Cải cách hành chính', issuedOn: '2025-08-04', status: 'in_force', summary: 'Yêu cầu xin lỗi người dân khi giải quyết hồ sơ quá hạn và công khai tiến độ giải quyết trên hệ thống.' },
  { site: 'cong-thong-tin', docType: 'Công văn', number: '3021/UBND-KT', title: 'Triển khai các biện pháp phòng, chống rét cho cây trồng, vật nuôi', issuingBody: UBND, signer: 'Lý Văn Quân', field: 'Nông nghiệp', issuedOn: '2025-11-19', status: 'in_force', summary: 'Đề nghị các xã, phường hướng dẫn người dân che chắn chuồng trại, dự trữ thức ăn cho gia súc trong mùa rét.' },
  { site: 'cong-thong-tin', docType: 'Quyết định', number: '22/2021/QĐ-UBND', title: 'Ban hành Quy định về quản lý hoạt động du lịch cộng đồng trên địa bàn tỉnh', issuingBody: UBND, signer: 'Hoàng Xuân Ánh', field: 'Du lịch', issuedOn: '2021-09-15', effectiveOn: '2021-10-01', expiresOn: '2025-06-30', status: 'expired', summary: 'Điều kiện đón khách du lịch cộng đồng, trách nhiệm của hộ kinh doanh homestay và chính quyền địa phương.' },
  { site: 'cong-thong-tin', docType: 'Nghị quyết', number: '41/2019/NQ-HĐND', title: 'Quy định mức thu phí tham quan danh lam thắng cảnh thác Bản Giốc', issuingBody: HDND, signer: 'Đàm Văn Eng', field: 'Phí, lệ phí', issuedOn: '2019-12-10', effectiveOn: '2020-01-01', status: 'partly_expired', summary: 'Mức thu phí tham quan và các trường hợp được miễn, giảm; điều khoản về đơn vị thu phí đã hết hiệu lực.' },
  { site: 'cong-thong-tin', docType: 'Quyết định', number: 'Dự thảo', title: 'Dự thảo Quyết định quy định bảng giá đất áp dụng từ ngày 01/01/2026', issuingBody: UBND, signer: '', field: 'Đất đai', issuedOn: '2025-11-15', status: 'not_yet_in_force', draftCommentUntil: '2025-12-15', summary: 'Lấy ý kiến nhân dân, tổ chức, doanh nghiệp về dự thảo bảng giá đất; ý kiến gửi về Sở Nông nghiệp và Môi trường.' },
  { site: 'so-khcn', docType: 'Quyết định', number: '312/QĐ-SKHCN', title: 'Ban hành Kế hoạch bảo đảm an toàn thông tin mạng năm 2025', issuingBody: 'Sở Khoa học và Công nghệ', signer: 'Vũ Đình Khoa', field: 'An toàn thông tin', issuedOn: '2025-02-20', status: 'in_force', summary: 'Kiểm tra, đánh giá an toàn thông tin, diễn tập ứng cứu sự cố và tập huấn kỹ năng cho cán bộ, công chức.' },
  { site: 'so-khcn', docType: 'Kế hoạch', number: '88/KH-SKHCN', title: 'Tuyên truyền chuyển đổi số và hướng dẫn kỹ năng số cho người dân năm 2025', issuingBody: 'Sở Khoa học và Công nghệ', signer: 'Vũ Đình Khoa', field: 'Chuyển đổi số', issuedOn: '2025-03-12', status: 'in_force', summary: 'Phối hợp với tổ công nghệ số cộng đồng tuyên truyền, hướng dẫn người dân dùng dịch vụ công trực tuyến.' },
  { site: 'so-tai-chinh', docType: 'Quyết định', number: '1870/QĐ-UBND', title: 'Công bố công khai dự toán ngân sách địa phương năm 2025', issuingBody: UBND, signer: 'Nông Thanh Hà', field: 'Tài chính', issuedOn: '2024-12-26', status: 'in_force', summary: 'Công khai số liệu dự toán thu ngân sách nhà nước trên địa bàn và chi ngân sách địa phương năm 2025.' },
  { site: 'so-noi-vu', docType: 'Công văn', number: '1455/SNV-CCHC', title: 'Hướng dẫn tự đánh giá, chấm điểm chỉ số cải cách hành chính năm 2025', issuingBody: 'Sở Nội vụ', signer: 'Hà Văn Long', field: 'Cải cách hành chính', issuedOn: '2025-11-06', status: 'in_force', summary: 'Thời hạn tự đánh giá, tài liệu kiểm chứng cần đính kèm và cách nhập điểm trên phần mềm.' },
];

type InquiryStatus = 'received' | 'assigned' | 'answered' | 'published' | 'rejected';

export type DemoInquiry = {
  site: string;
  kind: 'question' | 'feedback';
  code: string;
  askerName: string;
  askerEmail?: string;
  askerPhone?: string;
  subject: string;
  body: string;
  status: InquiryStatus;
  /** Agency key in demo-data.ts. */
  assignedTo?: string;
  answer?: string;
  rejectReason?: string;
  askedAt: string;
  /** Days from asking to answering (and to publishing, one more). */
  answeredAfterDays?: number;
};

export const demoInquiries: DemoInquiry[] = [
  { site: 'cong-thong-tin', kind: 'question', code: 'HD-2025-000101', askerName: 'Nguyễn Thị Hương', askerEmail: 'huong.nt@example.vn', subject: 'Cấp lại phiếu lý lịch tư pháp trực tuyến', body: 'Tôi muốn xin cấp phiếu lý lịch tư pháp số 1 qua mạng thì nộp ở đâu, mất bao lâu và có phải đến nhận trực tiếp không?', status: 'published', assignedTo: 'ttpvhcc', answer: 'Ông/bà nộp hồ sơ trên Cổng Dịch vụ công quốc gia hoặc ứng dụng định danh điện tử. Thời hạn giải quyết không quá 10 ngày; phiếu điện tử có giá trị như bản giấy, không cần đến nhận trực tiếp.', askedAt: '2025-09-03T09:12:00+07:00', answeredAfterDays: 3 },
  { site: 'cong-thong-tin', kind: 'question', code: 'HD-2025-000114', askerName: 'Hoàng Văn Bình', askerPhone: '0915 222 333', subject: 'Hỗ trợ làm homestay ở xã Đàm Thủy', body: 'Gia đình tôi ở gần thác Bản Giốc muốn cải tạo nhà sàn làm homestay. Xin hỏi tỉnh có chính sách hỗ trợ nào không?', status: 'published', assignedTo: 'ubnd', answer: 'Hộ gia đình được hỗ trợ một phần kinh phí cải tạo nhà vệ sinh, mua sắm trang thiết bị đón khách theo chính sách phát triển du lịch cộng đồng. Đề nghị liên hệ Ủy ban nhân dân xã để được hướng dẫn lập hồ sơ.', askedAt: '2025-08-20T14:40:00+07:00', answeredAfterDays: 6 },
  { site: 'cong-thong-tin', kind: 'question', code: 'HD-2025-000123', askerName: 'Lục Thị Dung', askerEmail: 'dung.lt@example.vn', subject: 'Đổi giấy phép lái xe trực tuyến', body: 'Giấy phép lái xe hạng B2 của tôi sắp hết hạn. Tôi có thể đổi qua mạng không và cần giấy khám sức khỏe không?', status: 'answered', assignedTo: 'ttpvhcc', answer: 'Ông/bà có thể đổi trực tuyến trên Cổng Dịch vụ công quốc gia; cần có giấy khám sức khỏe điện tử đã liên thông. Lệ phí thanh toán trực tuyến.', askedAt: '2025-11-10T08:05:00+07:00', answeredAfterDays: 2 },
  { site: 'cong-thong-tin', kind: 'question', code: 'HD-2025-000131', askerName: 'Bế Văn Tài', subject: 'Thủ tục chuyển mục đích sử dụng đất vườn', body: 'Tôi muốn chuyển 100 m² đất vườn sang đất ở thì làm thủ tục ở đâu và nộp tiền sử dụng đất thế nào?', status: 'assigned', assignedTo: 'ubnd-thucphan', askedAt: '2025-11-17T10:30:00+07:00' },
  { site: 'cong-thong-tin', kind: 'question', code: 'HD-2025-000135', askerName: 'Ma Thị Lụa', askerPhone: '0988 456 789', subject: 'Học bổng cho học sinh dân tộc thiểu số', body: 'Con tôi học lớp 10 trường dân tộc nội trú. Xin hỏi cháu có được hưởng học bổng chính sách không?', status: 'received', askedAt: '2025-11-19T19:45:00+07:00' },
  { site: 'so-khcn', kind: 'question', code: 'HD-2025-000108', askerName: 'Đinh Quang Huy', askerEmail: 'huy.dq@example.vn', subject: 'Đăng ký chữ ký số cá nhân', body: 'Tôi là giáo viên, muốn đăng ký chữ ký số cá nhân để ký hồ sơ trực tuyến thì làm thế nào?', status: 'published', assignedTo: 'skhcn-cds', answer: 'Ông/bà có thể đăng ký chữ ký số cá nhân với các tổ chức cung cấp dịch vụ chứng thực chữ ký số công cộng; nhiều nhà mạng có dịch vụ ký số từ xa trên điện thoại. Cán bộ, công chức được cấp chứng thư số chuyên dùng qua đơn vị quản lý.', askedAt: '2025-09-25T11:00:00+07:00', answeredAfterDays: 4 },
  { site: 'so-khcn', kind: 'question', code: 'HD-2025-000117', askerName: 'Nông Văn Khánh', subject: 'Hỗ trợ đăng ký nhãn hiệu cho hợp tác xã', body: 'Hợp tác xã chúng tôi sản xuất thạch đen, muốn đăng ký nhãn hiệu thì có được tỉnh hỗ trợ kinh phí không?', status: 'published', assignedTo: 'skhcn', answer: 'Hợp tác xã được hỗ trợ kinh phí tư vấn, nộp đơn đăng ký nhãn hiệu theo chương trình phát triển tài sản trí tuệ của tỉnh. Đề nghị gửi hồ sơ về Phòng Quản lý khoa học của Sở.', askedAt: '2025-10-06T15:20:00+07:00', answeredAfterDays: 5 },
  { site: 'so-noi-vu', kind: 'question', code: 'HD-2025-000127', askerName: 'Triệu Văn Phúc', subject: 'Hỏi nội dung spam', body: 'Quảng cáo dịch vụ không liên quan.', status: 'rejected', rejectReason: 'Nội dung không phải câu hỏi về chức năng, nhiệm vụ của cơ quan.', askedAt: '2025-11-01T02:10:00+07:00' },
  { site: 'cong-thong-tin', kind: 'feedback', code: 'PA-2025-000041', askerName: 'Phạm Văn Hùng', askerPhone: '0912 111 222', subject: 'Đèn đường hỏng trên phố Vườn Cam', body: 'Đoạn phố Vườn Cam gần chợ có 4 cột đèn không sáng hơn hai tuần nay, buổi tối đi lại nguy hiểm.', status: 'published', assignedTo: 'ubnd-thucphan', answer: 'Ủy ban nhân dân phường Thục Phán đã chỉ đạo đơn vị quản lý chiếu sáng thay bóng đèn. Ngày 14/10, 4 cột đèn đã sáng trở lại. Cảm ơn ông đã phản ánh.', askedAt: '2025-10-09T20:15:00+07:00', answeredAfterDays: 5 },
  { site: 'cong-thong-tin', kind: 'feedback', code: 'PA-2025-000047', askerName: 'Lương Thị Hoa', subject: 'Hồ sơ đăng ký khai sinh bị trả kết quả chậm', body: 'Tôi nộp hồ sơ đăng ký khai sinh cho con trên mạng nhưng đã quá hạn 2 ngày vẫn chưa nhận được kết quả.', status: 'answered', assignedTo: 'ttpvhcc', answer: 'Hồ sơ của bà bị chậm do lỗi đồng bộ giữa hai hệ thống. Trung tâm đã xử lý, trả kết quả điện tử và gửi thư xin lỗi theo quy định.', askedAt: '2025-11-05T09:00:00+07:00', answeredAfterDays: 1 },
  { site: 'cong-thong-tin', kind: 'feedback', code: 'PA-2025-000052', askerName: 'Hà Văn Toàn', subject: 'Sạt lở taluy dương trên đường vào xã Hưng Đạo', body: 'Sau trận mưa đêm qua, đất đá sạt xuống nửa mặt đường vào xã Hưng Đạo, xe máy đi qua rất nguy hiểm.', status: 'assigned', assignedTo: 'ubnd', askedAt: '2025-11-18T06:30:00+07:00' },
  { site: 'phuong-thuc-phan', kind: 'feedback', code: 'PA-2025-000055', askerName: 'Nông Thị Yến', subject: 'Rác thải tồn đọng tại điểm tập kết tổ 7', body: 'Điểm tập kết rác ở tổ 7 không được thu gom hai ngày nay, bốc mùi.', status: 'received', askedAt: '2025-11-20T07:40:00+07:00' },
  { site: 'so-tai-chinh', kind: 'feedback', code: 'PA-2025-000044', askerName: 'Công ty TNHH Nông sản Non Nước', subject: 'Chậm hoàn thuế giá trị gia tăng', body: 'Doanh nghiệp đề nghị được hướng dẫn thủ tục hoàn thuế giá trị gia tăng cho hàng nông sản xuất khẩu.', status: 'published', assignedTo: 'stc', answer: 'Sở Tài chính đã phối hợp với cơ quan thuế hướng dẫn doanh nghiệp bổ sung hồ sơ. Hồ sơ hoàn thuế đã được giải quyết ngày 28/10/2025.', askedAt: '2025-10-20T13:00:00+07:00', answeredAfterDays: 7 },
];
