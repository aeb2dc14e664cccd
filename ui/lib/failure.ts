// What a page shows when its data could not be loaded: the reason in Chinese and, when trying again may help
// (server down, busy, timed out), a retry button that loads the same URL again.
import { h, status } from './dom.ts';
import { errorText, retryable } from './graphql.ts';
import { navigate } from './router.ts';

export function failure(e: unknown): HTMLElement {
  const box = h('div', { class: 'failure' }, status(errorText(e), 'error'));
  if (retryable(e)) {
    box.append(h('button', { type: 'button', class: 'retry', onclick: () => navigate(location.pathname + location.search + location.hash, true) }, '重试'));
  }
  return box;
}
