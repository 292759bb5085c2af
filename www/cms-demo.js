// The CMS demo: annotates the article body in place with newsmark's widget, and clears it.
import { annotateElement, clearAnnotations } from './widget.js';

const body = document.getElementById('story-body');
const status = document.getElementById('cms-status');

async function annotate() {
  status.textContent = 'Annotating…';
  try {
    const doc = await annotateElement(body);
    status.textContent = `${doc.entities.length} entities, ${doc.quotes.length} quotations marked.`;
  } catch (error) {
    status.textContent = `newsmark failed: ${error.message}`;
  }
}

body.addEventListener('newsmark:annotated', () => document.body.setAttribute('data-annotated', ''));
document.getElementById('annotate').addEventListener('click', annotate);
document.getElementById('clear').addEventListener('click', () => {
  clearAnnotations(body);
  document.body.removeAttribute('data-annotated');
  status.textContent = 'Annotations cleared.';
});
annotate();
