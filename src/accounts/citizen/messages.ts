import { defineMessages } from '../../platform/i18n/define.js';

export const citizenMessages = defineMessages({
  'citizen.nav.home': ['Trang chủ', 'Home'],
  'citizen.nav.account': ['Tài khoản của tôi', 'My account'],

  'citizen.register.title': ['Đăng ký tài khoản', 'Create an account'],
  'citizen.register.intro': [
    'Tài khoản giúp bạn nộp và theo dõi hồ sơ dịch vụ công trực tuyến. Cần ít nhất thư điện tử hoặc số điện thoại.',
    'An account lets you file and track online public service applications. Give at least an email address or a phone number.',
  ],
  'citizen.register.fullName': ['Họ và tên', 'Full name'],
  'citizen.register.email': ['Thư điện tử', 'Email address'],
  'citizen.register.emailHint': ['Chúng tôi sẽ gửi liên kết xác minh tới địa chỉ này', 'We will send a verification link to this address'],
  'citizen.register.phone': ['Số điện thoại', 'Phone number'],
  'citizen.register.phoneHint': ['Ví dụ 0912345678', 'For example 0912345678'],
  'citizen.register.password': ['Mật khẩu', 'Password'],
  'citizen.register.passwordHint': [
    'Ít nhất 10 ký tự, gồm ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự đặc biệt; không chứa họ tên hoặc thư điện tử.',
    'At least 10 characters with 3 of: lower case, upper case, digits, symbols; not containing your name or email.',
  ],
  'citizen.register.confirm': ['Nhập lại mật khẩu', 'Confirm the password'],
  'citizen.register.consent': [
    'Tôi đồng ý để cơ quan nhà nước xử lý dữ liệu cá nhân của tôi nhằm cung cấp dịch vụ công, theo Nghị định 13/2023/NĐ-CP',
    'I agree that public authorities process my personal data to provide public services, under Decree 13/2023/ND-CP',
  ],
  'citizen.register.consentHint': [
    'Dữ liệu (họ tên, thư điện tử, số điện thoại) chỉ dùng để quản lý tài khoản và giải quyết hồ sơ của bạn.',
    'The data (name, email, phone) is used only to manage your account and handle your applications.',
  ],
  'citizen.register.submit': ['Đăng ký', 'Create account'],
  'citizen.register.haveAccount': ['Đã có tài khoản? Đăng nhập', 'Already have an account? Sign in'],
  'citizen.register.contactRequired': ['Nhập thư điện tử hoặc số điện thoại', 'Enter an email address or a phone number'],
  'citizen.register.consentRequired': ['Bạn cần đồng ý xử lý dữ liệu cá nhân để tạo tài khoản', 'You need to agree to the processing of personal data to create an account'],
  'citizen.register.phoneTaken': ['Số điện thoại này đã được dùng cho một tài khoản khác', 'This phone number is already used by another account'],
  'citizen.register.phoneDone': ['Đã tạo tài khoản. Hãy đăng nhập bằng số điện thoại và mật khẩu.', 'Your account is ready. Sign in with your phone number and password.'],

  'citizen.checkEmail.title': ['Kiểm tra hộp thư của bạn', 'Check your email'],
  'citizen.checkEmail.text': [
    'Nếu địa chỉ {email} hợp lệ, chúng tôi đã gửi tới đó một thư kèm liên kết. Hãy mở thư và bấm vào liên kết trong vòng 24 giờ để hoàn tất.',
    'If {email} is a valid address, we have sent it a message with a link. Open it and follow the link within 24 hours to finish.',
  ],
  'citizen.checkEmail.noMail': ['Không nhận được thư? Kiểm tra thư mục thư rác hoặc gửi lại.', 'No message? Check your spam folder or send it again.'],

  'citizen.resend.title': ['Gửi lại thư xác minh', 'Send the verification email again'],
  'citizen.resend.email': ['Thư điện tử đã đăng ký', 'Registered email address'],
  'citizen.resend.submit': ['Gửi lại thư xác minh', 'Send the email again'],
  'citizen.resend.done': [
    'Nếu có tài khoản chờ xác minh với địa chỉ này, chúng tôi đã gửi một thư mới. Mỗi liên kết có hiệu lực 24 giờ.',
    'If an account awaits verification at this address, we have sent a new message. Each link works for 24 hours.',
  ],

  'citizen.verify.title': ['Xác minh thư điện tử', 'Email verification'],
  'citizen.verify.done': ['Đã xác minh thư điện tử. Bạn có thể đăng nhập.', 'Your email address is verified. You can sign in now.'],
  'citizen.verify.already': ['Thư điện tử này đã được xác minh trước đó. Bạn có thể đăng nhập.', 'This email address was already verified. You can sign in.'],
  'citizen.verify.invalid': [
    'Liên kết xác minh không hợp lệ hoặc đã được thay thế. Hãy kiểm tra lại liên kết hoặc yêu cầu gửi thư mới.',
    'The verification link is not valid or has been replaced. Check the link or ask for a new message.',
  ],
  'citizen.verify.expired': [
    'Liên kết xác minh đã hết hạn (hiệu lực 24 giờ). Hãy yêu cầu gửi thư mới.',
    'The verification link has expired (it works for 24 hours). Ask for a new message.',
  ],

  'citizen.verify.pending': [
    'Bấm nút dưới đây để xác nhận đây là địa chỉ thư điện tử của bạn và kích hoạt tài khoản.',
    'Select the button below to confirm this is your email address and activate your account.',
  ],
  'citizen.verify.confirm': ['Xác nhận địa chỉ email', 'Confirm the email address'],

  'citizen.forgot.title': ['Quên mật khẩu', 'Forgotten password'],
  'citizen.forgot.intro': [
    'Nhập thư điện tử của tài khoản. Chúng tôi sẽ gửi tới đó một liên kết để đặt mật khẩu mới, có hiệu lực 1 giờ.',
    'Enter the email address of your account. We will send it a link to choose a new password, valid for 1 hour.',
  ],
  'citizen.forgot.providerHint': [
    'Tài khoản đăng nhập bằng {provider} mà chưa có mật khẩu cũng đặt mật khẩu theo cách này.',
    'An account that signs in with {provider} and has no password yet gets one the same way.',
  ],
  'citizen.forgot.phoneOnly': [
    'Tài khoản chỉ đăng ký bằng số điện thoại chưa thể đặt lại mật khẩu trực tuyến; hãy liên hệ bộ phận tiếp nhận và trả kết quả.',
    'An account registered with a phone number only cannot reset its password online yet; contact a one-stop counter.',
  ],
  'citizen.forgot.email': ['Thư điện tử của tài khoản', 'Email address of the account'],
  'citizen.forgot.submit': ['Gửi liên kết đặt lại mật khẩu', 'Send the reset link'],
  'citizen.forgot.sentTitle': ['Kiểm tra hộp thư của bạn', 'Check your email'],
  'citizen.forgot.sent': [
    'Nếu có tài khoản với địa chỉ này, chúng tôi đã gửi tới đó một thư kèm liên kết đặt lại mật khẩu. Liên kết có hiệu lực 1 giờ và chỉ dùng được một lần.',
    'If an account exists with this address, we have sent it a message with a link to reset the password. The link works for 1 hour and only once.',
  ],
  'citizen.forgot.noMail': [
    'Không nhận được thư? Kiểm tra thư mục thư rác, hoặc gửi lại sau ít phút.',
    'No message? Check your spam folder, or ask again in a few minutes.',
  ],
  'citizen.forgot.backToSignIn': ['Quay lại trang đăng nhập', 'Back to the sign-in page'],
  'citizen.forgot.again': ['Gửi lại liên kết', 'Send the link again'],

  'citizen.reset.title': ['Đặt mật khẩu mới', 'Choose a new password'],
  'citizen.reset.intro': [
    'Sau khi đặt mật khẩu mới, mọi thiết bị đang đăng nhập tài khoản này sẽ bị đăng xuất.',
    'Once the new password is set, every device signed in to this account is signed out.',
  ],
  'citizen.reset.submit': ['Đặt mật khẩu mới', 'Set the new password'],
  'citizen.reset.invalid': [
    'Liên kết đặt lại mật khẩu không hợp lệ. Hãy kiểm tra lại liên kết hoặc yêu cầu liên kết mới.',
    'The password reset link is not valid. Check the link or ask for a new one.',
  ],
  'citizen.reset.expired': [
    'Liên kết đặt lại mật khẩu đã hết hạn (hiệu lực 1 giờ). Hãy yêu cầu liên kết mới.',
    'The password reset link has expired (it works for 1 hour). Ask for a new one.',
  ],
  'citizen.reset.used': [
    'Liên kết đặt lại mật khẩu này đã được sử dụng. Nếu cần đặt lại lần nữa, hãy yêu cầu liên kết mới.',
    'This password reset link has already been used. To reset the password again, ask for a new link.',
  ],
  'citizen.reset.newLink': ['Yêu cầu liên kết mới', 'Ask for a new link'],
  'citizen.reset.done': ['Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu mới.', 'Your new password is set. Sign in with it.'],

  'citizen.signIn.title': ['Đăng nhập', 'Sign in'],
  'citizen.signIn.login': ['Thư điện tử hoặc số điện thoại', 'Email address or phone number'],
  'citizen.signIn.password': ['Mật khẩu', 'Password'],
  'citizen.signIn.submit': ['Đăng nhập', 'Sign in'],
  'citizen.signIn.failed': ['Thư điện tử, số điện thoại hoặc mật khẩu không đúng', 'The email address, phone number or password is not correct'],
  'citizen.signIn.unverified': [
    'Tài khoản chưa được xác minh thư điện tử. Hãy mở thư chúng tôi đã gửi và bấm vào liên kết, hoặc gửi lại thư bên dưới.',
    'The account email address is not verified yet. Open the message we sent and follow its link, or send it again below.',
  ],
  'citizen.signIn.forgot': ['Quên mật khẩu?', 'Forgotten your password?'],
  'citizen.signIn.noAccount': ['Chưa có tài khoản?', 'No account yet?'],
  'citizen.signIn.register': ['Đăng ký tài khoản', 'Create an account'],
  'citizen.signIn.or': ['hoặc', 'or'],
  'citizen.signIn.withProvider': ['Đăng nhập bằng {provider}', 'Sign in with {provider}'],
  'citizen.signIn.officials': ['Cán bộ, công chức đăng nhập tại trang quản trị', 'Officials sign in on the back-office page'],

  'citizen.oidc.errorTitle': ['Không đăng nhập được', 'Sign-in did not complete'],
  'citizen.oidc.denied': ['Bạn đã hủy hoặc từ chối đăng nhập tại {provider}. Không có thay đổi nào được thực hiện.', 'You cancelled or refused the sign-in at {provider}. Nothing was changed.'],
  'citizen.oidc.providerError': ['{provider} báo lỗi và không hoàn tất đăng nhập. Hãy thử lại sau.', '{provider} reported an error and did not complete the sign-in. Try again later.'],
  'citizen.oidc.badState': [
    'Phiên đăng nhập không hợp lệ hoặc đã hết hạn (quá 10 phút, hoặc mở từ trình duyệt khác). Hãy bắt đầu lại.',
    'The sign-in attempt is not valid or has expired (over 10 minutes, or opened in another browser). Start again.',
  ],
  'citizen.oidc.failed': ['Không xác nhận được kết quả đăng nhập từ {provider}. Hãy thử lại.', 'The sign-in result from {provider} could not be confirmed. Try again.'],
  'citizen.oidc.unavailable': ['Hiện không kết nối được {provider}. Hãy thử lại sau hoặc đăng nhập bằng mật khẩu.', '{provider} cannot be reached now. Try again later or sign in with your password.'],
  'citizen.oidc.inactive': ['Tài khoản này đã bị khóa. Hãy liên hệ cơ quan quản lý.', 'This account is disabled. Contact the administrators.'],
  'citizen.oidc.linkedElsewhere': ['Danh tính {provider} này đã liên kết với một tài khoản khác.', 'This {provider} identity is already linked to another account.'],
  'citizen.oidc.tryAgain': ['Quay lại trang đăng nhập', 'Back to the sign-in page'],
  'citizen.oidc.linked': ['Đã liên kết tài khoản với {provider}', 'Your account is now linked to {provider}'],
  'citizen.oidc.alreadyLinked': ['Tài khoản đã liên kết với danh tính {provider} này', 'Your account is already linked to this {provider} identity'],
  'citizen.oidc.defaultName': ['Công dân', 'Citizen'],

  'citizen.account.title': ['Tài khoản của tôi', 'My account'],
  'citizen.account.profile': ['Thông tin cá nhân', 'Personal details'],
  'citizen.account.fullName': ['Họ và tên', 'Full name'],
  'citizen.account.email': ['Thư điện tử', 'Email address'],
  'citizen.account.phone': ['Số điện thoại', 'Phone number'],
  'citizen.account.verified': ['đã xác minh', 'verified'],
  'citizen.account.unverified': ['chưa xác minh', 'not verified'],
  'citizen.account.identities': ['Tài khoản liên kết', 'Linked sign-in accounts'],
  'citizen.account.noIdentities': ['Chưa liên kết tài khoản nào', 'No linked accounts'],
  'citizen.account.linkedOn': ['liên kết ngày {date}', 'linked on {date}'],
  'citizen.account.link': ['Liên kết với {provider}', 'Link to {provider}'],
  'citizen.account.password': ['Đổi mật khẩu', 'Change password'],
  'citizen.account.noPassword': [
    'Tài khoản này chưa có mật khẩu; bạn đăng nhập bằng tài khoản liên kết.',
    'This account has no password; you sign in with a linked account.',
  ],
  'citizen.account.setPassword': ['Đặt mật khẩu qua thư điện tử', 'Set a password by email'],
  'citizen.account.security': ['Phiên đăng nhập', 'Sessions'],
  'citizen.account.signOutEverywhere': ['Đăng xuất khỏi mọi thiết bị', 'Sign out on every device'],
  'citizen.account.signOutEverywhereHint': [
    'Dùng khi bạn nghi ngờ người khác đang dùng tài khoản của mình.',
    'Use this if you think someone else is using your account.',
  ],

  'citizen.mail.greeting': ['Xin chào {name},', 'Hello {name},'],
  'citizen.mail.verifySubject': ['Xác minh thư điện tử cho tài khoản {province}', 'Verify your email for your {province} account'],
  'citizen.mail.verifyText': [
    'Bạn (hoặc ai đó) vừa đăng ký tài khoản dịch vụ công trực tuyến của {province} bằng địa chỉ thư này. Hãy bấm vào liên kết dưới đây trong vòng 24 giờ để xác minh.',
    'You (or someone) just created an online public services account of {province} with this address. Follow the link below within 24 hours to verify it.',
  ],
  'citizen.mail.verifyAction': ['Xác minh thư điện tử', 'Verify my email address'],
  'citizen.mail.ignore': ['Nếu bạn không đăng ký, hãy bỏ qua thư này; tài khoản sẽ không được kích hoạt.', 'If this was not you, ignore this message; the account will not be activated.'],
  'citizen.mail.existsSubject': ['Thông báo về tài khoản {province} của bạn', 'About your {province} account'],
  'citizen.mail.existsText': [
    'Ai đó (có thể là bạn) vừa đăng ký tài khoản mới bằng địa chỉ thư này, nhưng địa chỉ này đã có tài khoản. Không có tài khoản mới nào được tạo.',
    'Someone (maybe you) just tried to create an account with this address, but it already has one. No new account was created.',
  ],
  'citizen.mail.existsSignIn': ['Đăng nhập', 'Sign in'],
  'citizen.mail.existsUnverified': [
    'Tài khoản hiện có chưa được xác minh. Nếu đó là tài khoản của bạn, hãy bấm liên kết dưới đây trong vòng 24 giờ để xác minh.',
    'The existing account is not verified yet. If it is yours, follow the link below within 24 hours to verify it.',
  ],
  'citizen.mail.resetSubject': ['Đặt lại mật khẩu tài khoản {province}', 'Reset the password of your {province} account'],
  'citizen.mail.resetText': [
    'Chúng tôi nhận được yêu cầu đặt mật khẩu mới cho tài khoản dịch vụ công trực tuyến của {province} gắn với địa chỉ thư này. Hãy bấm vào liên kết dưới đây trong vòng 1 giờ; liên kết chỉ dùng được một lần.',
    'We received a request to set a new password for the {province} online public services account of this address. Follow the link below within 1 hour; it works only once.',
  ],
  'citizen.mail.resetAction': ['Đặt mật khẩu mới', 'Choose a new password'],
  'citizen.mail.resetIgnore': [
    'Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn giữ nguyên.',
    'If you did not ask for this, ignore this message; your password stays as it is.',
  ],
  'citizen.mail.signature': ['Cổng dịch vụ số {province}', '{province} digital services'],
});
