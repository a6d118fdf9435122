import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { htmlToText, plainTextToHtml, sanitizeArticleHtml } from './sanitize.js';

const clean = sanitizeArticleHtml;

/** Nothing in the output that could run script or load a page, whatever the attack. */
function assertInert(html: string) {
  assert.doesNotMatch(html, /<script|<style|<iframe|<object|<embed|<form|<svg|<math|<input|<button/i, html);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, html);
  assert.doesNotMatch(html, /javascript:|vbscript:|data:|expression\(|srcdoc|style=|target=/i, html);
}

describe('sanitising article HTML', () => {
  test('keeps the allowlisted structure of a news article', () => {
    const html =
      '<h2>Tiêu đề</h2><h3>Mục</h3><h4>Tiểu mục</h4><p>Đoạn <strong>đậm</strong>, <em>nghiêng</em>, <u>gạch</u>, <s>xóa</s>, ' +
      'H<sub>2</sub>O, m<sup>2</sup><br />dòng mới</p><blockquote><p>Trích dẫn</p></blockquote>' +
      '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol><hr /><pre><code>mã</code></pre>' +
      '<figure><img src="/files/2026/anh.jpg" alt="Ảnh hội nghị" width="640" height="480" /><figcaption>Chú thích</figcaption></figure>' +
      '<table><caption>Bảng</caption><thead><tr><th scope="col" colspan="2">Cột</th></tr></thead>' +
      '<tbody><tr><th scope="row">Hàng</th><td rowspan="2">1</td></tr></tbody></table>';
    assert.equal(clean(html), html);
  });

  test('removes script elements with their content and event attributes', () => {
    assert.equal(clean('<p onclick="steal()">Xin chào<script>alert(1)</script></p>'), '<p>Xin chào</p>');
    assert.equal(clean('<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>a</p>'), '<p>a</p>');
    assert.equal(clean('<p onmouseover = "x()" ONLOAD="y()">b</p>'), '<p>b</p>');
  });

  test('removes an image whose only purpose is onerror', () => {
    assert.equal(clean('<img src=x onerror="alert(1)">'), '');
    assert.equal(clean('<img src="/files/a.png" onerror="alert(1)" alt="">'), '<img src="/files/a.png" alt="" />');
  });

  test('drops javascript: links in every disguise', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'jav&#9;ascript:alert(1)',
      'java\nscript:alert(1)',
      '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
      '&#x6A;avascript&colon;alert(1)',
      'javascript&#58;alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    ]) {
      const out = clean(`<a href="${href}">liên kết</a>`);
      assert.equal(out, '<a>liên kết</a>', href);
    }
  });

  test('keeps http, https, mailto, tel and relative links with rel="noopener noreferrer" and no target', () => {
    for (const href of ['https://caobang.gov.vn/tin-tuc', 'http://example.vn', 'mailto:vanthu@caobang.gov.vn', 'tel:02063852222', '/tin-tuc/chuyen-doi-so', 'tin-tuc?trang=2#muc']) {
      assert.equal(clean(`<a href="${href}" target="_blank" rel="opener">x</a>`), `<a href="${href}" rel="noopener noreferrer">x</a>`, href);
    }
    assert.equal(clean('<a href="//evil.example/">x</a>'), '<a>x</a>');
    assert.equal(clean('<a href="ftp://files.example/">x</a>'), '<a>x</a>');
  });

  test('accepts images only from http(s) or /files/ and keeps only numeric sizes', () => {
    assert.equal(clean('<img src="https://caobang.gov.vn/a.png" alt="A">'), '<img src="https://caobang.gov.vn/a.png" alt="A" />');
    for (const src of ['data:image/png;base64,AAAA', 'javascript:alert(1)', '/quan-tri/dang-xuat', 'anh.png', '//files/a.png', '/files/', 'ftp://x/a.png']) {
      assert.equal(clean(`<p><img src="${src}" alt="x"></p>`), '<p></p>', src);
    }
    assert.equal(clean('<img src="/files/a.png" width="100%" height="50px" srcset="x 2x" loading="lazy">'), '<img src="/files/a.png" />');
  });

  test('removes style attributes, so CSS url(javascript:) and expression() cannot run', () => {
    assert.equal(clean('<div style="background:url(javascript:alert(1))">Nội dung</div>'), 'Nội dung');
    assert.equal(clean('<p style="width: expression(alert(1))">x</p>'), '<p>x</p>');
    assert.equal(clean('<p class="govuk-body" id="a" style="color:red">x</p>'), '<p>x</p>');
    assert.equal(clean('<style>p{background:url(javascript:alert(1))}</style><p>y</p>'), '<p>y</p>');
  });

  test('removes frames, objects, embeds, forms and SVG with what is inside them', () => {
    const out = clean(
      '<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>alert(1)</script>">t</iframe>' +
        '<object data="x.swf">o</object><embed src="x.swf"><form action="/x"><input name="a"><button>Gửi</button>biểu mẫu</form>' +
        '<svg onload="alert(1)"><script>alert(1)</script><text>s</text></svg><math><mi>x</mi></math><p>còn lại</p>',
    );
    assert.equal(out, '<p>còn lại</p>');
  });

  test('neutralises table attributes outside their allowed values', () => {
    assert.equal(
      clean('<table><tr><th scope="bad" colspan="x" rowspan="0">h</th><td colspan="2" scope="row" onclick="x()">d</td></tr></table>'),
      '<table><tr><th>h</th><td colspan="2">d</td></tr></table>',
    );
  });

  test('maps word-processor tags onto the allowed ones and drops unknown wrappers', () => {
    assert.equal(clean('<h1>A</h1><b>b</b><i>i</i><strike>s</strike><h6>h</h6><span class="x">t</span><font color="red">f</font>'), '<h2>A</h2><strong>b</strong><em>i</em><s>s</s><h4>h</h4>tf');
  });

  test('every attack output stays inert when sanitised again', () => {
    const attacks = [
      '<img src=x onerror=alert(1)>',
      '<a href="jav&#x09;ascript:alert(1)" target=_blank>x</a>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<p style="x:expression(alert(1))">x</p>',
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      '<math><a href="javascript:alert(1)">x</a></math>',
      '<<script>script>alert(1)<</script>/script>',
      '<scr<script>ipt>alert(1)</scr</script>ipt>',
      '<!--<img src=x onerror=alert(1)>-->',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<xmp><img src=x onerror=alert(1)></xmp>',
      '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
    ];
    for (const a of attacks) {
      const once = clean(a);
      assertInert(once);
      assert.equal(clean(once), once, a);
    }
  });

  test('keeps Vietnamese text byte for byte in NFC', () => {
    const text =
      'Ủy ban nhân dân tỉnh Cao Bằng thông báo: Nghị định số 42/2022/NĐ-CP quy định việc cung cấp thông tin và dịch vụ công trực tuyến; ' +
      'Đắk Lắk, Thừa Thiên Huế, Bà Rịa – Vũng Tàu “đồng bộ” dữ liệu…';
    const nfc = text.normalize('NFC');
    const out = clean(`<p>${nfc}</p>`);
    assert.ok(Buffer.from(out, 'utf8').equals(Buffer.from(`<p>${nfc}</p>`, 'utf8')));
    assert.equal(clean(`<p>${text.normalize('NFD')}</p>`), `<p>${nfc}</p>`);
    assert.equal(clean('<p>&Ecirc;&#7871; &amp; &lt;b&gt;</p>'), '<p>Êế &amp; &lt;b&gt;</p>');
  });

  test('keeps script-like text as escaped text', () => {
    assert.equal(clean('<p>&lt;script&gt;alert(1)&lt;/script&gt; \'; DROP TABLE users; --</p>'), "<p>&lt;script&gt;alert(1)&lt;/script&gt; '; DROP TABLE users; --</p>");
  });
});

describe('plain text to article HTML', () => {
  test('makes paragraphs of blank-line separated blocks and <br /> of single line breaks', () => {
    assert.equal(plainTextToHtml('Dòng 1\r\nDòng 2\r\n\r\n\r\nĐoạn hai\n  \nĐoạn ba\n'), '<p>Dòng 1<br />Dòng 2</p>\n<p>Đoạn hai</p>\n<p>Đoạn ba</p>');
  });

  test('escapes markup so it is shown, not run', () => {
    const html = plainTextToHtml('<script>alert("x")</script> & <b>đậm</b>');
    assert.equal(html, '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;</p>');
    assert.equal(sanitizeArticleHtml(html).includes('<script'), false);
  });

  test('composes to NFC, drops control characters and gives nothing for blank text', () => {
    assert.equal(plainTextToHtml('Chuyển đổi số\u0000\u0007'.normalize('NFD')), '<p>Chuyển đổi số</p>'.normalize('NFC'));
    assert.equal(plainTextToHtml(' \n\r\n \t'), '');
  });
});

describe('HTML to text', () => {
  test('puts blocks on lines, separates table cells and decodes entities', () => {
    const html =
      '<h2>Tiêu đề</h2><p>a &amp; b &lt;c&gt;&nbsp;d<br>dòng 2</p><div>khối</div><div>khác</div>' +
      '<table><tr><th>Tên</th><td>Giá trị</td></tr></table><ul><li>một</li><li>hai</li></ul>';
    assert.equal(htmlToText(html), 'Tiêu đề\na & b <c> d\ndòng 2\nkhối\nkhác\nTên Giá trị\nmột\nhai');
  });

  test('drops scripts, styles and comments with their content', () => {
    assert.equal(htmlToText('<p>Hiện<script>alert(1)</script> <style>p{}</style>ra<!-- ẩn --></p><iframe>x</iframe>'), 'Hiện ra');
  });

  test('keeps text that looks like markup or SQL as text', () => {
    assert.equal(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt; \'; DROP TABLE users; --</p>'), "<script>alert(1)</script> '; DROP TABLE users; --");
  });

  test('gives NFC text', () => {
    assert.equal(htmlToText(`<p>${'Đắk Lắk'.normalize('NFD')}</p>`), 'Đắk Lắk'.normalize('NFC'));
  });
});
