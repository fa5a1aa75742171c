import { html, type SafeHtml } from './html';

/** A captioned table with column headings: the shape of every list of the dashboard. */
export function dataTable(caption: string, headings: readonly string[], rows: readonly SafeHtml[]) {
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headings.map((heading) => html`<th scope="col">${heading}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
