// Puts the Trix editor over the article body's textarea. Without JavaScript the textarea stays and works as is.
// Trix edits a hidden input; the textarea gives up its name so the form sends the editor's HTML once.
(function () {
  function enhance(wrapper) {
    var textarea = document.getElementById(wrapper.getAttribute('data-rich-text'));
    if (!textarea) return;
    var input = document.createElement('input');
    input.type = 'hidden';
    input.id = textarea.id + '-html';
    input.name = textarea.name;
    input.value = textarea.value;
    var editor = document.createElement('trix-editor');
    editor.setAttribute('input', input.id);
    editor.setAttribute('class', 'trix-content congso-editor');
    var label = wrapper.querySelector('label');
    if (label) editor.setAttribute('aria-label', label.textContent || '');
    textarea.removeAttribute('name');
    textarea.hidden = true;
    textarea.parentNode.insertBefore(input, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
  }
  // Files are uploaded through the cover and attachment forms, where they are checked; not dropped into the text.
  document.addEventListener('trix-file-accept', function (event) {
    event.preventDefault();
  });
  // Trix defines its element a tick after it loads; if it never loads, the textarea simply stays.
  function start() {
    if (!window.customElements) return;
    window.customElements.whenDefined('trix-editor').then(function () {
      document.querySelectorAll('[data-rich-text]').forEach(enhance);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
