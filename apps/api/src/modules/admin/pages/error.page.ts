import { ADMIN_PATH } from '../admin-paths';
import { html } from './html';
import { page } from './layout';

const TITLES: Record<number, string> = {
  403: 'You cannot do that',
  404: 'Page not found',
  429: 'Too many attempts',
  503: 'Try again shortly',
};

export function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work');
  return page(
    title,
    html`<p>${message}</p>
      <p><a href="${ADMIN_PATH}">Back to the dashboard</a></p>`,
  );
}
