/**
 * News of the demo portal, written for congso: invented events in the shape of a provincial portal's news
 * (people, figures and dates are made up). Times are Vietnam time.
 */
export type DemoArticle = {
  site: string;
  category: string;
  at: string;
  title: string;
  summary: string;
  paragraphs: string[];
  author: string;
  source?: string;
  featured?: boolean;
};

export const demoArticles: DemoArticle[] = [
  {
    site: 'cong-thong-tin', category: 'chuyen-doi-so', at: '2025-11-18 08:30', featured: true,
    title: 'Cao Bằng đưa Trung tâm dữ liệu tỉnh vào vận hành chính thức',
    summary: 'Trung tâm dữ liệu tỉnh được đưa vào vận hành, là nền tảng để các sở, ngành và xã, phường dùng chung hạ tầng số.',
    paragraphs: [
      'Sáng 18/11, Ủy ban nhân dân tỉnh Cao Bằng tổ chức lễ đưa Trung tâm dữ liệu tỉnh vào vận hành chính thức. Trung tâm được đầu tư theo tiêu chuẩn TIA-942 mức 2, có khả năng dự phòng nguồn điện và đường truyền.',
      'Theo Sở Khoa học và Công nghệ, toàn bộ hệ thống thông tin dùng chung của tỉnh như hệ thống giải quyết thủ tục hành chính, quản lý văn bản và điều hành, cổng thông tin điện tử sẽ được chuyển về trung tâm trong quý I năm 2026.',
      'Phát biểu tại buổi lễ, Phó Chủ tịch Ủy ban nhân dân tỉnh đề nghị các đơn vị khai thác hiệu quả hạ tầng, bảo đảm an toàn thông tin theo cấp độ và tiến tới chia sẻ dữ liệu giữa các ngành.',
    ],
    author: 'Lê Minh Tuấn', source: 'Sở Khoa học và Công nghệ',
  },
  {
    site: 'cong-thong-tin', category: 'cai-cach-hanh-chinh', at: '2025-11-12 15:00', featured: true,
    title: 'Tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt 68% trong 10 tháng',
    summary: 'Mười tháng năm 2025, tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình của tỉnh Cao Bằng tăng 21 điểm phần trăm so với cùng kỳ.',
    paragraphs: [
      'Theo báo cáo của Trung tâm Phục vụ hành chính công tỉnh, 10 tháng năm 2025 toàn tỉnh tiếp nhận hơn 186 nghìn hồ sơ thủ tục hành chính, trong đó 68% được nộp trực tuyến toàn trình.',
      'Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%. Các lĩnh vực có số hồ sơ trực tuyến cao là hộ tịch, đăng ký kinh doanh, cấp phiếu lý lịch tư pháp và đất đai.',
      'Thời gian tới, tỉnh tiếp tục rà soát, cắt giảm giấy tờ, số hóa kết quả giải quyết thủ tục hành chính để người dân không phải nộp lại giấy tờ đã có trong cơ sở dữ liệu.',
    ],
    author: 'Hoàng Văn Đức', source: 'Trung tâm Phục vụ hành chính công tỉnh',
  },
  {
    site: 'cong-thong-tin', category: 'van-hoa-du-lich', at: '2025-10-25 09:15', featured: true,
    title: 'Thác Bản Giốc đón hơn 40 nghìn lượt khách trong mùa lúa chín',
    summary: 'Mùa lúa chín năm nay, khu du lịch thác Bản Giốc đón lượng khách kỷ lục, nhiều homestay ở xã Đàm Thủy kín phòng.',
    paragraphs: [
      'Từ cuối tháng 9 đến giữa tháng 10, khu du lịch thác Bản Giốc đón hơn 40 nghìn lượt khách tham quan, tăng gần 30% so với cùng kỳ năm trước.',
      'Những thửa ruộng bậc thang chín vàng dưới chân thác tạo nên khung cảnh thu hút du khách và người chụp ảnh. Các homestay của đồng bào Tày, Nùng ở xã Đàm Thủy gần như kín phòng vào cuối tuần.',
      'Ban Quản lý khu du lịch đã bố trí thêm bãi đỗ xe, nhà vệ sinh công cộng và lực lượng hướng dẫn, bảo đảm an toàn cho du khách khi đi thuyền trên sông Quây Sơn.',
    ],
    author: 'Đàm Ngọc Lan', source: 'Sở Văn hóa, Thể thao và Du lịch',
  },
  {
    site: 'cong-thong-tin', category: 'van-hoa-du-lich', at: '2025-09-02 07:45',
    title: 'Khu di tích Pác Bó tổ chức nhiều hoạt động dịp Quốc khánh',
    summary: 'Nhân dịp kỷ niệm 80 năm Quốc khánh, Khu di tích quốc gia đặc biệt Pác Bó tổ chức dâng hương, triển lãm ảnh và chương trình văn nghệ.',
    paragraphs: [
      'Sáng 2/9, đoàn đại biểu lãnh đạo tỉnh Cao Bằng đã dâng hương tưởng niệm Chủ tịch Hồ Chí Minh tại Khu di tích quốc gia đặc biệt Pác Bó, xã Trường Hà.',
      'Trong dịp này, Ban Quản lý di tích trưng bày triển lãm ảnh tư liệu về những năm tháng Bác Hồ sống và làm việc tại Pác Bó, đồng thời tổ chức thuyết minh miễn phí cho học sinh.',
      'Dự kiến trong 4 ngày nghỉ lễ, khu di tích đón khoảng 15 nghìn lượt khách.',
    ],
    author: 'Triệu Thị Mai', source: 'Báo Cao Bằng',
  },
  {
    site: 'cong-thong-tin', category: 'kinh-te-xa-hoi', at: '2025-10-08 10:00',
    title: 'Hạt dẻ Trùng Khánh vào vụ thu hoạch, giá bán ổn định',
    summary: 'Nông dân xã Trùng Khánh bước vào vụ thu hoạch hạt dẻ; sản lượng ước đạt hơn 1.600 tấn.',
    paragraphs: [
      'Năm nay, toàn vùng có khoảng 1.350 ha hạt dẻ cho thu hoạch, sản lượng ước đạt hơn 1.600 tấn. Giá bán tại vườn dao động từ 80 đến 120 nghìn đồng một kilôgam tùy loại.',
      'Nhiều hợp tác xã đã đưa sản phẩm hạt dẻ Trùng Khánh đạt chuẩn OCOP lên sàn thương mại điện tử, giúp mở rộng thị trường ra các tỉnh miền xuôi.',
      'Ngành nông nghiệp khuyến cáo người dân thu hái đúng độ chín, bảo quản nơi khô ráo và không dùng hóa chất để giữ chất lượng và thương hiệu của sản phẩm.',
    ],
    author: 'Nông Thị Thu', source: 'Sở Nông nghiệp và Môi trường',
  },
  {
    site: 'cong-thong-tin', category: 'chi-dao-dieu-hanh', at: '2025-11-05 16:20',
    title: 'Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 11',
    summary: 'Phiên họp đánh giá tình hình kinh tế - xã hội 10 tháng và cho ý kiến vào nhiều dự thảo nghị quyết trình Hội đồng nhân dân tỉnh.',
    paragraphs: [
      'Ngày 5/11, Ủy ban nhân dân tỉnh Cao Bằng họp phiên thường kỳ tháng 11 để đánh giá tình hình kinh tế - xã hội 10 tháng năm 2025 và nhiệm vụ những tháng cuối năm.',
      'Phiên họp cho ý kiến vào các dự thảo nghị quyết về kế hoạch đầu tư công, dự toán ngân sách năm 2026 và chính sách hỗ trợ phát triển sản xuất nông nghiệp hàng hóa.',
      'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành đẩy nhanh giải ngân vốn đầu tư công, bảo đảm đến hết năm đạt trên 95% kế hoạch.',
    ],
    author: 'Hoàng Thị Ngân', source: 'Văn phòng Ủy ban nhân dân tỉnh',
  },
  {
    site: 'cong-thong-tin', category: 'chi-dao-dieu-hanh', at: '2025-08-14 14:00',
    title: 'Chủ động ứng phó mưa lũ, sạt lở đất ở các xã vùng cao',
    summary: 'Ủy ban nhân dân tỉnh yêu cầu các địa phương rà soát khu dân cư có nguy cơ sạt lở, sẵn sàng di dời người dân khi có mưa lớn.',
    paragraphs: [
      'Trước diễn biến mưa lớn kéo dài, Ủy ban nhân dân tỉnh đã ban hành công điện yêu cầu các xã, phường rà soát các điểm có nguy cơ sạt lở đất, lũ quét.',
      'Các địa phương phải bố trí lực lượng canh gác tại ngầm, tràn, kiên quyết không để người và phương tiện qua lại khi nước lũ dâng cao.',
      'Lực lượng quân sự, công an được yêu cầu sẵn sàng phương tiện, nhu yếu phẩm để hỗ trợ người dân theo phương châm bốn tại chỗ.',
    ],
    author: 'Hoàng Thị Ngân', source: 'Văn phòng Ủy ban nhân dân tỉnh',
  },
  {
    site: 'cong-thong-tin', category: 'tin-tuc-su-kien', at: '2025-09-20 08:00',
    title: 'Công viên địa chất Non nước Cao Bằng giữ danh hiệu của UNESCO',
    summary: 'Đoàn chuyên gia UNESCO đánh giá cao công tác bảo tồn di sản địa chất và phát triển du lịch cộng đồng của tỉnh.',
    paragraphs: [
      'Sau đợt tái thẩm định, Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng tiếp tục được giữ danh hiệu thêm một chu kỳ bốn năm.',
      'Đoàn chuyên gia ghi nhận những nỗ lực trong giáo dục về di sản ở trường học, các mô hình du lịch cộng đồng tại làng đá Khuổi Ky và làng rèn Phúc Sen.',
      'Tỉnh sẽ tiếp tục hoàn thiện hệ thống biển chỉ dẫn song ngữ, điểm dừng chân và xây dựng bản đồ số các điểm di sản.',
    ],
    author: 'Đàm Ngọc Lan', source: 'Sở Văn hóa, Thể thao và Du lịch',
  },
  {
    site: 'cong-thong-tin', category: 'kinh-te-xa-hoi', at: '2025-07-22 09:30',
    title: 'Hơn 1.200 học sinh vùng cao được hỗ trợ bán trú năm học mới',
    summary: 'Các trường phổ thông dân tộc bán trú chuẩn bị đầy đủ điều kiện về chỗ ở, bữa ăn cho học sinh trước năm học 2025 - 2026.',
    paragraphs: [
      'Năm học 2025 - 2026, toàn tỉnh có hơn 1.200 học sinh ở các xã vùng cao được hưởng chính sách hỗ trợ tiền ăn, tiền nhà ở và gạo theo quy định.',
      'Ngành giáo dục đã sửa chữa 46 phòng ở bán trú, bổ sung chăn, màn và thiết bị nhà bếp, bảo đảm học sinh có chỗ ở an toàn trước khi vào năm học.',
      'Nhiều trường tổ chức lớp học kỹ năng sống và câu lạc bộ tiếng Anh để học sinh bán trú có thêm hoạt động sau giờ học.',
    ],
    author: 'Ma Văn Tâm', source: 'Sở Giáo dục và Đào tạo',
  },
  {
    site: 'cong-thong-tin', category: 'cai-cach-hanh-chinh', at: '2025-06-30 11:00',
    title: 'Chính quyền hai cấp sẵn sàng vận hành từ ngày 1/7',
    summary: 'Các xã, phường mới của tỉnh Cao Bằng đã hoàn thành bố trí cán bộ, trụ sở và Bộ phận một cửa trước khi vận hành mô hình chính quyền hai cấp.',
    paragraphs: [
      'Thực hiện sắp xếp đơn vị hành chính, từ ngày 1/7/2025 tỉnh Cao Bằng vận hành mô hình chính quyền địa phương hai cấp với 56 xã, phường.',
      'Tất cả các xã, phường đã bố trí Bộ phận một cửa, được kết nối với hệ thống giải quyết thủ tục hành chính của tỉnh và Cổng Dịch vụ công quốc gia.',
      'Sở Nội vụ đã tổ chức tập huấn cho cán bộ, công chức cấp xã về nghiệp vụ tiếp nhận, số hóa hồ sơ và trả kết quả điện tử.',
    ],
    author: 'Bế Thị Thoa', source: 'Sở Nội vụ',
  },
  {
    site: 'cong-thong-tin', category: 'tin-tuc-su-kien', at: '2025-05-19 08:10',
    title: 'Hội nghị xúc tiến đầu tư vào nông nghiệp và du lịch',
    summary: 'Hơn 100 doanh nghiệp tham dự hội nghị; tỉnh trao chủ trương đầu tư cho 6 dự án với tổng vốn hơn 2.300 tỷ đồng.',
    paragraphs: [
      'Hội nghị giới thiệu tiềm năng của tỉnh về nông nghiệp công nghệ cao, chế biến nông sản, du lịch sinh thái và logistics gắn với kinh tế cửa khẩu.',
      'Tại hội nghị, tỉnh đã trao quyết định chủ trương đầu tư cho 6 dự án, trong đó có khu nghỉ dưỡng gần thác Bản Giốc và nhà máy chế biến hạt dẻ.',
      'Lãnh đạo tỉnh cam kết đồng hành cùng nhà đầu tư, giải quyết nhanh thủ tục về đất đai, môi trường và xây dựng.',
    ],
    author: 'Lục Thị Huyền', source: 'Sở Tài chính',
  },
  {
    site: 'cong-thong-tin', category: 'chuyen-doi-so', at: '2025-04-10 15:30',
    title: 'Ra mắt 56 tổ công nghệ số cộng đồng ở xã, phường',
    summary: 'Các tổ công nghệ số cộng đồng sẽ đến từng thôn, tổ dân phố hướng dẫn người dân dùng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.',
    paragraphs: [
      'Mỗi xã, phường đều có tổ công nghệ số cộng đồng gồm công an xã, đoàn viên thanh niên, giáo viên và nhân viên viễn thông.',
      'Các tổ hướng dẫn người dân cài đặt ứng dụng định danh điện tử, nộp hồ sơ trực tuyến, thanh toán phí, lệ phí và nhận diện lừa đảo trên mạng.',
      'Sở Khoa học và Công nghệ sẽ tổ chức tập huấn định kỳ và cung cấp tài liệu hướng dẫn bằng tiếng Việt, tiếng Tày, tiếng Nùng và tiếng Mông.',
    ],
    author: 'Lê Minh Tuấn', source: 'Sở Khoa học và Công nghệ',
  },
  {
    site: 'cong-thong-tin', category: 'thong-bao', at: '2025-11-20 17:00',
    title: 'Thông báo lịch tiếp công dân của Chủ tịch Ủy ban nhân dân tỉnh tháng 12',
    summary: 'Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào ngày 15/12/2025 tại Trụ sở Tiếp công dân tỉnh.',
    paragraphs: [
      'Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào sáng thứ Hai, ngày 15/12/2025, tại Trụ sở Tiếp công dân tỉnh, số 011 Hoàng Đình Giong, phường Thục Phán.',
      'Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh mang theo căn cước và các giấy tờ liên quan.',
    ],
    author: 'Hoàng Thị Ngân', source: 'Văn phòng Ủy ban nhân dân tỉnh',
  },
  {
    site: 'cong-thong-tin', category: 'kinh-te-xa-hoi', at: '2025-03-28 09:00',
    title: 'Xuất khẩu qua cửa khẩu Trà Lĩnh tăng mạnh trong quý I',
    summary: 'Kim ngạch xuất nhập khẩu qua các cửa khẩu của tỉnh trong quý I tăng 24% so với cùng kỳ, chủ yếu là nông sản và hàng tiêu dùng.',
    paragraphs: [
      'Quý I năm 2025, kim ngạch xuất nhập khẩu qua các cửa khẩu trên địa bàn tỉnh ước đạt 210 triệu USD, tăng 24% so với cùng kỳ năm trước.',
      'Việc triển khai thủ tục hải quan điện tử và hệ thống quản lý phương tiện qua cửa khẩu thông minh giúp rút ngắn thời gian thông quan.',
    ],
    author: 'Chu Hải Yến', source: 'Sở Công Thương',
  },
  {
    site: 'so-khcn', category: 'chuyen-doi-so', at: '2025-11-10 09:00', featured: true,
    title: 'Sở Khoa học và Công nghệ hướng dẫn cán bộ xã dùng chữ ký số',
    summary: 'Hơn 300 cán bộ, công chức cấp xã được tập huấn ký số văn bản và ký số kết quả giải quyết thủ tục hành chính.',
    paragraphs: [
      'Trong hai ngày 8 và 9/11, Sở Khoa học và Công nghệ tổ chức tập huấn trực tuyến về sử dụng chữ ký số chuyên dùng cho cán bộ, công chức các xã, phường.',
      'Học viên được hướng dẫn ký số văn bản đi trên hệ thống quản lý văn bản, ký số bản sao điện tử và kết quả giải quyết thủ tục hành chính.',
      'Đến nay 100% lãnh đạo cấp xã đã được cấp chứng thư số, tỷ lệ văn bản đi được ký số đạt trên 97%.',
    ],
    author: 'Lê Minh Tuấn',
  },
  {
    site: 'so-khcn', category: 'chuyen-doi-so', at: '2025-10-02 14:30',
    title: 'Diễn tập ứng cứu sự cố an toàn thông tin mạng năm 2025',
    summary: 'Đội ứng cứu sự cố của tỉnh diễn tập xử lý tấn công mã độc tống tiền vào hệ thống thông tin dùng chung.',
    paragraphs: [
      'Cuộc diễn tập mô phỏng tình huống mã độc tống tiền xâm nhập máy chủ của một hệ thống thông tin dùng chung, đòi hỏi các đội phát hiện, cô lập và khôi phục dữ liệu.',
      'Qua diễn tập, các thành viên nắm vững quy trình phối hợp, kiểm tra được phương án sao lưu và khôi phục.',
      'Sở sẽ tiếp tục rà soát, phê duyệt hồ sơ cấp độ an toàn cho tất cả hệ thống thông tin của tỉnh.',
    ],
    author: 'Đỗ Thị Lan',
  },
  {
    site: 'so-khcn', category: 'khoa-hoc-cong-nghe', at: '2025-08-05 10:15',
    title: 'Nghiệm thu đề tài nhân giống lê Đông Khê bằng phương pháp ghép',
    summary: 'Đề tài khoa học cấp tỉnh đã chọn được cây đầu dòng và quy trình ghép cho tỷ lệ sống trên 85%.',
    paragraphs: [
      'Hội đồng khoa học cấp tỉnh đã nghiệm thu đề tài nghiên cứu nhân giống lê Đông Khê bằng phương pháp ghép, thực hiện từ năm 2022.',
      'Đề tài đã tuyển chọn 12 cây đầu dòng, xây dựng quy trình ghép cho tỷ lệ sống trên 85% và vườn ươm cung cấp cây giống cho người dân.',
    ],
    author: 'Vũ Đình Khoa',
  },
  {
    site: 'so-khcn', category: 'tin-tuc-su-kien', at: '2025-06-12 08:45',
    title: 'Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Cao Bằng',
    summary: 'Hơn 40 dự án khởi nghiệp của học sinh, sinh viên và doanh nghiệp trẻ được trưng bày, giới thiệu.',
    paragraphs: [
      'Ngày hội thu hút nhiều dự án khởi nghiệp trong lĩnh vực nông nghiệp, du lịch cộng đồng, ứng dụng công nghệ số và chế biến đặc sản.',
      'Dự án ứng dụng thương mại điện tử bán miến dong và dự án tour trải nghiệm làng nghề giấy bản của người Dao đạt giải nhất.',
    ],
    author: 'Trần Thị Hạnh',
  },
  {
    site: 'so-khcn', category: 'chuyen-doi-so', at: '2025-05-06 16:00',
    title: 'Cao Bằng phủ sóng 4G đến 98% thôn, xóm',
    summary: 'Các doanh nghiệp viễn thông hoàn thành lắp đặt 85 trạm phát sóng mới ở các thôn vùng lõm sóng.',
    paragraphs: [
      'Theo Sở Khoa học và Công nghệ, đến tháng 5/2025 sóng di động 4G đã phủ đến 98% thôn, xóm trên địa bàn tỉnh.',
      'Chương trình phủ sóng vùng lõm được thực hiện bằng nguồn Quỹ Dịch vụ viễn thông công ích, ưu tiên các thôn vùng biên giới.',
      'Sở tiếp tục đề nghị doanh nghiệp kéo cáp quang đến các điểm trường, trạm y tế chưa có kết nối.',
    ],
    author: 'Lê Minh Tuấn',
  },
  {
    site: 'so-khcn', category: 'thong-bao', at: '2025-09-15 10:00',
    title: 'Thông báo đề xuất nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2026',
    summary: 'Sở tiếp nhận đề xuất nhiệm vụ khoa học và công nghệ cấp tỉnh thực hiện từ năm 2026 đến hết ngày 31/10/2025.',
    paragraphs: [
      'Các tổ chức, cá nhân gửi phiếu đề xuất theo mẫu qua hệ thống dịch vụ công hoặc trực tiếp tại Văn phòng Sở.',
      'Nhiệm vụ được ưu tiên nếu giải quyết vấn đề thực tiễn của tỉnh về nông nghiệp, chuyển đổi số, y tế và bảo tồn văn hóa.',
    ],
    author: 'Trần Thị Hạnh',
  },
  {
    site: 'so-khcn', category: 'chuyen-doi-so', at: '2025-03-03 09:20',
    title: 'Kết nối hệ thống thủ tục hành chính với cơ sở dữ liệu dân cư',
    summary: 'Hệ thống giải quyết thủ tục hành chính của tỉnh đã kết nối, xác thực thông tin công dân từ Cơ sở dữ liệu quốc gia về dân cư.',
    paragraphs: [
      'Khi nộp hồ sơ trực tuyến, thông tin của công dân được tự động điền từ Cơ sở dữ liệu quốc gia về dân cư, người dân không phải khai lại.',
      'Việc kết nối giúp giảm thành phần hồ sơ ở 45 thủ tục hành chính, đặc biệt trong lĩnh vực hộ tịch và cư trú.',
    ],
    author: 'Đỗ Thị Lan',
  },
  {
    site: 'so-khcn', category: 'khoa-hoc-cong-nghe', at: '2025-01-16 14:00',
    title: 'Bảo hộ chỉ dẫn địa lý cho miến dong Nguyên Bình',
    summary: 'Tỉnh hoàn thiện hồ sơ đăng ký bảo hộ chỉ dẫn địa lý, nâng cao giá trị của sản phẩm miến dong.',
    paragraphs: [
      'Sở Khoa học và Công nghệ đã hoàn thiện hồ sơ đăng ký chỉ dẫn địa lý cho sản phẩm miến dong của vùng Nguyên Bình, gửi Cục Sở hữu trí tuệ thẩm định.',
      'Khi được bảo hộ, sản phẩm sẽ có tem truy xuất nguồn gốc và quy trình kiểm soát chất lượng thống nhất.',
    ],
    author: 'Vũ Đình Khoa',
  },
  {
    site: 'so-tai-chinh', category: 'ngan-sach', at: '2025-10-15 08:00', featured: true,
    title: 'Công khai dự toán ngân sách tỉnh năm 2025',
    summary: 'Sở Tài chính công khai số liệu dự toán thu, chi ngân sách địa phương năm 2025 đã được Hội đồng nhân dân tỉnh quyết định.',
    paragraphs: [
      'Tổng thu ngân sách nhà nước trên địa bàn năm 2025 dự toán 2.850 tỷ đồng; tổng chi ngân sách địa phương 13.420 tỷ đồng.',
      'Chi đầu tư phát triển chiếm 28%, tập trung cho giao thông kết nối, hạ tầng cửa khẩu, trường học và trạm y tế.',
      'Số liệu chi tiết theo các biểu mẫu quy định tại Thông tư 343/2016/TT-BTC được đăng tải tại mục Công khai ngân sách.',
    ],
    author: 'Lục Thị Huyền',
  },
  {
    site: 'so-tai-chinh', category: 'tin-tuc-su-kien', at: '2025-07-30 15:00',
    title: 'Đăng ký doanh nghiệp qua mạng đạt 100% hồ sơ',
    summary: 'Sáu tháng đầu năm, toàn tỉnh có 186 doanh nghiệp thành lập mới, tất cả đăng ký qua mạng.',
    paragraphs: [
      'Toàn bộ hồ sơ đăng ký doanh nghiệp trong 6 tháng đầu năm được nộp qua Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
      'Thời gian giải quyết trung bình là 2 ngày làm việc, ngắn hơn một ngày so với quy định.',
    ],
    author: 'Đinh Văn Thắng',
  },
  {
    site: 'so-tai-chinh', category: 'thong-bao', at: '2025-09-08 09:00',
    title: 'Thông báo đấu giá tài sản công là xe ô tô dôi dư',
    summary: 'Sở Tài chính thông báo đấu giá 12 xe ô tô dôi dư sau sắp xếp đơn vị hành chính.',
    paragraphs: [
      'Tài sản đấu giá gồm 12 xe ô tô phục vụ công tác chung của các đơn vị sau sắp xếp. Hồ sơ được bán từ ngày 10/9 đến ngày 25/9/2025.',
      'Người tham gia đấu giá xem tài sản tại bãi xe của Sở Tài chính trong giờ hành chính.',
    ],
    author: 'Đinh Văn Thắng',
  },
  {
    site: 'so-noi-vu', category: 'cai-cach-hanh-chinh', at: '2025-11-03 10:00', featured: true,
    title: 'Công bố chỉ số cải cách hành chính của các sở, ngành năm 2024',
    summary: 'Sở Khoa học và Công nghệ dẫn đầu khối sở, ngành về chỉ số cải cách hành chính năm 2024.',
    paragraphs: [
      'Hội đồng thẩm định chỉ số cải cách hành chính của tỉnh đã công bố kết quả xếp hạng năm 2024 của 17 sở, ngành.',
      'Các tiêu chí có kết quả tốt là cải cách thủ tục hành chính và chính quyền số; tiêu chí cải cách tài chính công còn thấp ở một số đơn vị.',
      'Sở Nội vụ đề nghị các đơn vị có chỉ số thấp xây dựng kế hoạch khắc phục ngay trong quý IV.',
    ],
    author: 'Bế Thị Thoa',
  },
  {
    site: 'so-noi-vu', category: 'to-chuc-bo-may', at: '2025-06-20 14:30',
    title: 'Hoàn thành sắp xếp cán bộ, công chức cấp xã',
    summary: 'Sở Nội vụ hướng dẫn các xã, phường mới bố trí cán bộ, công chức theo vị trí việc làm.',
    paragraphs: [
      'Việc sắp xếp bảo đảm mỗi xã, phường có đủ công chức làm việc tại Bộ phận một cửa, địa chính - xây dựng, tư pháp - hộ tịch và văn hóa - xã hội.',
      'Cán bộ dôi dư được giải quyết chế độ nghỉ hưu trước tuổi hoặc nghỉ thôi việc theo Nghị định của Chính phủ.',
    ],
    author: 'Hà Văn Long',
  },
  {
    site: 'so-noi-vu', category: 'thong-bao', at: '2025-08-25 08:00',
    title: 'Thông báo tuyển dụng công chức năm 2025',
    summary: 'Tỉnh tuyển dụng 95 chỉ tiêu công chức; thí sinh đăng ký dự tuyển trực tuyến.',
    paragraphs: [
      'Thí sinh đăng ký dự tuyển trực tuyến từ ngày 1/9 đến ngày 30/9/2025. Thi tuyển gồm hai vòng, vòng một thi trên máy tính.',
      'Danh sách chỉ tiêu theo từng vị trí việc làm được đăng kèm thông báo này.',
    ],
    author: 'Hà Văn Long',
  },
  {
    site: 'phuong-thuc-phan', category: 'tin-tuc-su-kien', at: '2025-10-20 16:00',
    title: 'Phường Thục Phán ra mắt mô hình tổ dân phố số',
    summary: 'Tổ dân phố số dùng nhóm tin nhắn và ứng dụng để thông báo, tiếp nhận phản ánh của người dân.',
    paragraphs: [
      'Mô hình được thí điểm ở 5 tổ dân phố: mỗi tổ có nhóm trao đổi trực tuyến, bản đồ số các hộ kinh doanh và kênh tiếp nhận phản ánh về vệ sinh, trật tự đô thị.',
      'Sau một tháng, 82% hộ gia đình đã tham gia; nhiều phản ánh về đèn đường, rác thải được xử lý trong ngày.',
    ],
    author: 'Lương Thị Mến',
  },
  {
    site: 'phuong-thuc-phan', category: 'thong-bao', at: '2025-11-14 08:30',
    title: 'Lịch thu gom rác thải sinh hoạt trên địa bàn phường',
    summary: 'Rác thải sinh hoạt được thu gom từ 18 giờ đến 21 giờ hằng ngày tại các điểm tập kết.',
    paragraphs: [
      'Đề nghị các hộ gia đình phân loại rác tại nguồn, để rác đúng giờ tại điểm tập kết, không để rác ra đường ngoài giờ quy định.',
      'Mọi phản ánh về thu gom rác xin gửi qua mục Phản ánh của trang này hoặc gọi số 0206 3853 120.',
    ],
    author: 'Nông Văn Sơn',
  },
];
