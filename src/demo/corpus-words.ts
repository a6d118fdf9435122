/**
 * Word lists and sentence templates for synthetic provincial news. They give search a realistic vocabulary
 * (agencies, places, policy phrases, produce, sights of Cao Bằng) without being anyone's real articles.
 * A slot {name} is filled from the list of that name; topics are weighted so that "chuyển đổi số" and
 * "dịch vụ công" come up about as often as in a provincial portal's news.
 */

/** [phrase, weight] */
export const topics: [string, number][] = [
  ['chuyển đổi số', 14],
  ['dịch vụ công trực tuyến', 9],
  ['cải cách hành chính', 8],
  ['xây dựng nông thôn mới', 6],
  ['giảm nghèo bền vững', 5],
  ['phát triển du lịch cộng đồng', 5],
  ['bảo vệ và phát triển rừng', 4],
  ['chăm sóc sức khỏe nhân dân', 4],
  ['giáo dục vùng cao', 4],
  ['xây dựng chính quyền số', 5],
  ['phát triển kinh tế số', 4],
  ['an toàn thông tin mạng', 3],
  ['thu hút đầu tư', 3],
  ['phát triển hạ tầng giao thông', 3],
  ['bảo tồn văn hóa dân tộc', 3],
  ['phòng, chống thiên tai', 3],
  ['quản lý đất đai', 3],
  ['sản xuất nông nghiệp hàng hóa', 4],
  ['khởi nghiệp đổi mới sáng tạo', 2],
  ['phổ biến, giáo dục pháp luật', 2],
];

export const words = {
  agency: [
    'Ủy ban nhân dân tỉnh', 'Sở Khoa học và Công nghệ', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Nông nghiệp và Môi trường', 'Sở Giáo dục và Đào tạo',
    'Sở Y tế', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Tư pháp', 'Công an tỉnh',
    'Trung tâm Phục vụ hành chính công tỉnh', 'Ban Dân tộc', 'Thanh tra tỉnh', 'Bộ Chỉ huy Quân sự tỉnh',
  ],
  place: [
    'phường Thục Phán', 'phường Nùng Trí Cao', 'phường Tân Giang', 'xã Bảo Lâm', 'xã Bảo Lạc', 'xã Hưng Đạo', 'xã Trùng Khánh',
    'xã Đàm Thủy', 'xã Hà Quảng', 'xã Trường Hà', 'xã Nguyên Bình', 'xã Tĩnh Túc', 'xã Quảng Uyên', 'xã Hạ Lang', 'xã Thạch An',
    'xã Đông Khê', 'xã Hòa An', 'xã Nam Tuấn', 'xã Thông Nông', 'xã Ca Thành', 'xã Lý Bôn', 'xã Phục Hòa',
  ],
  action: [
    'triển khai', 'tổ chức', 'kiểm tra', 'đánh giá', 'tổng kết', 'hướng dẫn', 'đẩy mạnh', 'sơ kết', 'rà soát', 'phát động', 'ký kết', 'khảo sát',
  ],
  plan: [
    'kế hoạch', 'chương trình', 'đề án', 'mô hình', 'dự án', 'phong trào', 'hội nghị', 'lớp tập huấn', 'hội thảo', 'đợt cao điểm', 'cuộc thi',
  ],
  people: [
    'cán bộ, công chức', 'người dân', 'doanh nghiệp', 'hợp tác xã', 'học sinh', 'đoàn viên thanh niên', 'hội viên phụ nữ', 'người cao tuổi',
    'đồng bào dân tộc thiểu số', 'thành viên tổ công nghệ số cộng đồng', 'giáo viên', 'y bác sĩ', 'nông dân', 'hộ kinh doanh',
  ],
  product: [
    'hạt dẻ Trùng Khánh', 'miến dong Nguyên Bình', 'lê Đông Khê', 'thạch đen', 'gạo nếp Pì Pất', 'chè Phja Đén', 'gừng', 'thuốc lá', 'trúc sào',
    'bò lai', 'lợn đen', 'mật ong bạc hà', 'nhãn Hòa An', 'rau an toàn',
  ],
  sight: [
    'thác Bản Giốc', 'Khu di tích quốc gia đặc biệt Pác Bó', 'động Ngườm Ngao', 'hồ Thang Hen', 'núi Mắt Thần', 'Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng',
    'làng đá Khuổi Ky', 'Khu di tích Rừng Trần Hưng Đạo', 'đèo Mã Phục', 'làng rèn Phúc Sen', 'làng giấy bản Dao Tiền Phja Thắp', 'đèo Khau Cốc Chà',
  ],
  result: [
    'đạt kết quả tích cực', 'vượt chỉ tiêu đề ra', 'có chuyển biến rõ nét', 'được người dân đồng tình, hưởng ứng', 'tạo sức lan tỏa rộng',
    'còn một số hạn chế cần khắc phục', 'từng bước đi vào nền nếp', 'góp phần nâng cao đời sống nhân dân',
  ],
  leader: [
    'Phó Chủ tịch Ủy ban nhân dân tỉnh', 'Chủ tịch Ủy ban nhân dân tỉnh', 'Giám đốc Sở', 'Phó Giám đốc Sở', 'Chủ tịch Ủy ban nhân dân xã', 'Trưởng phòng Chuyển đổi số',
  ],
  unit: ['hồ sơ', 'hộ gia đình', 'lượt khách', 'học viên', 'doanh nghiệp', 'mô hình', 'tài khoản', 'thủ tục hành chính'],
};

export type Slot = keyof typeof words | 'topic' | 'n' | 'pct' | 'year';

export const titleTemplates = [
  '{agency} {action} {plan} về {topic}',
  '{place} {result} trong {topic}',
  'Đẩy mạnh {topic} tại {place}',
  'Nâng cao chất lượng {topic} ở {place}',
  'Hội nghị sơ kết công tác {topic} năm {year}',
  'Cao Bằng: {n} {unit} được hỗ trợ trong {topic}',
  '{place} phát triển {product} gắn với {topic}',
  'Thu hút du khách đến {sight}',
  '{leader} kiểm tra tình hình {topic} tại {place}',
  'Tập huấn kỹ năng số cho {people} {place}',
  'Giải quyết {n} hồ sơ dịch vụ công trực tuyến toàn trình tại {place}',
  'Phát huy giá trị {sight} trong phát triển du lịch Cao Bằng',
];

export const summaryTemplates = [
  'Thực hiện {plan} về {topic}, {place} đã {action} nhiều hoạt động thiết thực, {result}.',
  '{agency} vừa {action} {plan} {topic} với sự tham gia của đông đảo {people} trên địa bàn tỉnh Cao Bằng.',
  'Năm {year}, công tác {topic} tại {place} {result}; tỷ lệ hoàn thành đạt {pct}%.',
  'Sáng nay, {leader} đã làm việc với {place} về {topic} và việc phát triển {product}.',
];

/** Sentences any article may use; {topic} is the article's own topic. */
export const generalSentences = [
  'Theo báo cáo của {agency}, đến nay toàn tỉnh đã có {n} {unit} tham gia {plan} về {topic}.',
  '{leader} đề nghị các đơn vị tiếp tục {action} {plan}, khắc phục hạn chế và bảo đảm tiến độ đề ra.',
  'Trong năm {year}, {place} phấn đấu hoàn thành {pct}% chỉ tiêu về {topic}.',
  'Hội nghị đã thảo luận, đánh giá những kết quả đạt được và chỉ ra nguyên nhân của các tồn tại, hạn chế.',
  '{agency} phối hợp với {place} {action} {plan} nhằm nâng cao nhận thức của {people} về {topic}.',
  'Địa phương đã huy động {n} triệu đồng để thực hiện {plan} về {topic}.',
  'Công tác {topic} còn gặp khó khăn do địa hình chia cắt, trình độ của một bộ phận người dân còn hạn chế.',
  'Thời gian tới, {place} sẽ tập trung {action} các nhiệm vụ về {topic}, bảo đảm thực chất, hiệu quả.',
  'Các đại biểu đã trao đổi kinh nghiệm, đề xuất giải pháp tháo gỡ khó khăn trong {topic}.',
  'Kết quả này {result}, tạo tiền đề để {place} hoàn thành các mục tiêu năm {year}.',
  'Nhiều {people} bày tỏ phấn khởi trước những thay đổi tích cực ở địa phương.',
  'Dịp này, {n} tập thể, cá nhân có thành tích xuất sắc trong {topic} được khen thưởng.',
  'Tỉnh Cao Bằng xác định {topic} là một trong những nhiệm vụ trọng tâm của giai đoạn {year} - 2030.',
  'Ủy ban nhân dân tỉnh giao {agency} chủ trì, theo dõi và báo cáo kết quả định kỳ.',
  'Đoàn công tác đã kiểm tra thực tế tại {place} và ghi nhận nhiều cách làm hay.',
];

/** For articles on digital government, online services and administrative reform. */
export const digitalSentences = [
  'Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình trên địa bàn {place} đạt {pct}%, tăng so với cùng kỳ năm trước.',
  'Các tổ công nghệ số cộng đồng đã hướng dẫn {people} cài đặt ứng dụng, tạo tài khoản và nộp hồ sơ trên Cổng dịch vụ công.',
  'Chuyển đổi số được xác định là nhiệm vụ trọng tâm, gắn với cải cách hành chính và nâng cao chỉ số hài lòng của người dân.',
  'Nhiều {people} cho biết thủ tục hành chính nay được giải quyết nhanh hơn, không phải đi lại nhiều lần.',
  'Đến hết quý, đã có {n} {unit} được cấp, đổi trên môi trường điện tử.',
  'Hạ tầng số tiếp tục được đầu tư, bảo đảm kết nối Internet cáp quang đến các xã vùng sâu, vùng xa.',
];

/** For articles on tourism, farming and produce. */
export const localSentences = [
  'Sản phẩm {product} của {place} đã được đưa lên sàn thương mại điện tử, giúp {people} mở rộng thị trường tiêu thụ.',
  'Mùa này, {sight} thu hút đông đảo du khách trong và ngoài tỉnh đến tham quan, trải nghiệm.',
  'Các đại biểu cũng đề xuất nhiều giải pháp để phát triển {product} theo chuỗi giá trị, gắn với du lịch tại {sight}.',
  'Nhiều hộ gia đình ở {place} đã cải tạo nhà sàn truyền thống để đón khách lưu trú.',
  'Diện tích {product} toàn vùng đạt khoảng {n} ha, cho thu nhập ổn định.',
];

/** Topics whose articles draw on digitalSentences. */
export const digitalTopics = new Set(['chuyển đổi số', 'dịch vụ công trực tuyến', 'cải cách hành chính', 'xây dựng chính quyền số', 'phát triển kinh tế số', 'an toàn thông tin mạng']);
