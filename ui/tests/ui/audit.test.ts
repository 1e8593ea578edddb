import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeAudit, auditEntry } from './fake-audit';
import { FakeStation } from './fake-station';
import { axeProblems, mockIpcScript, openStation, serveDist } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let shim: string;

beforeAll(async () => {
  server = await serveDist();
  shim = await mockIpcScript();
});

afterAll(async () => {
  await server?.close();
});

async function auditScreen(audit = new FakeAudit(), locale = 'en-US') {
  const backend = new FakeStation().signedIn();
  backend.screens.push(audit);
  const opened = await openStation(server.url, shim, backend.handle, locale);
  await opened.page.getByTestId('screen-sign').waitFor();
  await opened.page.getByTestId('nav-audit').click();
  await opened.page.getByTestId('screen-audit').waitFor();
  return { ...opened, backend, audit };
}

const seqs = (page: import('playwright-core').Page) =>
  page.locator('[data-testid="audit-entry"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-seq')));

describe('Audit screen', () => {
  it('lists the trail newest first and filters it', async () => {
    const { page, problems, close } = await auditScreen(new FakeAudit(), 'es-ES');
    try {
      await page.getByTestId('audit-entries').waitFor();
      expect(await seqs(page)).toEqual(['5', '4', '3', '2', '1']);
      expect(await page.getByTestId('audit-entry-action').allInnerTexts()).toEqual([
        'Copia guardada y verificada',
        'Identificación rechazada',
        'Identificación aprobada',
        'Identificación aprobada',
        'Solicitud creada',
      ]);
      expect(await page.getByTestId('audit-entry-details').first().innerText()).toContain('contract.pdf');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('audit-filter-action').selectOption('approve');
      expect(await seqs(page)).toEqual(['3', '2']);
      await page.getByTestId('audit-filter-outcome').selectOption('failed');
      expect(await seqs(page)).toEqual(['2']);
      await page.getByTestId('audit-filter-action').selectOption('');
      await page.getByTestId('audit-filter-outcome').selectOption('');
      await page.getByTestId('audit-filter-search').fill('blurred');
      expect(await seqs(page)).toEqual(['4']);
      expect(await page.getByTestId('audit-count').innerText()).toBe('1 de 5 entradas');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows an empty trail and pages a long one', async () => {
    const audit = new FakeAudit();
    audit.entries = [];
    const { page, close } = await auditScreen(audit);
    try {
      await page.getByTestId('audit-empty').waitFor();
      audit.entries = Array.from({ length: 450 }, (_, i) => auditEntry(i + 1, 'upload'));
      await page.getByTestId('audit-refresh').click();
      await page.getByTestId('audit-entries').waitFor();
      expect(await page.getByTestId('audit-entry').count()).toBe(200);
      await page.getByTestId('audit-more').click();
      expect(await page.getByTestId('audit-entry').count()).toBe(400);
      expect(await page.getByTestId('audit-more').innerText()).toBe('Show 50 more');
      await page.getByTestId('audit-more').click();
      expect(await page.getByTestId('audit-entry').count()).toBe(450);
      expect(await page.getByTestId('audit-more').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('verifies the chain and names every problem found', async () => {
    const audit = new FakeAudit();
    const { page, problems, close } = await auditScreen(audit);
    try {
      await page.getByTestId('audit-verify-run').click();
      expect(await page.getByTestId('audit-verify-valid').innerText()).toBe(
        'The chain is intact: 5 entries checked.',
      );
      audit.verification = {
        valid: false,
        entries: 5,
        problems: [
          { kind: 'edited', seq: 3 },
          { kind: 'truncated', recordedHead: 7, presentHead: 5 },
        ],
      };
      await page.getByTestId('audit-verify-run').click();
      await page.getByTestId('audit-verify-invalid').waitFor();
      expect(await page.getByTestId('audit-verify-invalid').innerText()).toBe(
        'The chain is broken: 2 problem(s) in 5 entries.',
      );
      expect(await page.getByTestId('audit-verify-problem').allInnerTexts()).toEqual([
        'Entry 3 was changed after it was written.',
        'The newest entries are gone: the trail ends at 5, not at 7.',
      ]);
      expect(await axeProblems(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('exports where the save dialog says, and nothing when it is closed', async () => {
    const audit = new FakeAudit();
    const { page, backend, close } = await auditScreen(audit);
    try {
      await page.getByTestId('audit-export-json').click();
      await page.getByTestId('audit-export-saved').waitFor();
      expect(await page.getByTestId('audit-export-saved').innerText()).toBe(
        'Saved to /home/officer/audit.json',
      );
      expect(audit.exports).toEqual([{ format: 'json', path: '/home/officer/audit.json' }]);
      const dialog = backend.calls.find((call) => call.command === 'plugin:dialog|save');
      const options = (dialog?.payload as { options: { defaultPath: string } }).options;
      expect(options.defaultPath).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.json$/);

      audit.saveAnswer = null;
      await page.getByTestId('audit-export-csv').click();
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="audit-export-csv"]')?.hasAttribute('disabled'),
      );
      expect(audit.exports).toHaveLength(1);
      expect(await page.getByTestId('audit-export-saved').count()).toBe(0);

      audit.failures.audit_export = { code: 'audit.export', message: 'disk full', details: null };
      audit.saveAnswer = '/home/officer/audit.csv';
      await page.getByTestId('audit-export-csv').click();
      // Another screen's error may show first: wait for this one.
      await page.getByTestId('error-code').getByText('audit.export', { exact: true }).waitFor();
    } finally {
      await close();
    }
  });

  it('says what went wrong when the trail cannot be read', async () => {
    const audit = new FakeAudit();
    audit.failures.audit_entries = { code: 'store.corrupt', message: 'bad row', details: 'seq 3' };
    const { page, close } = await auditScreen(audit);
    try {
      // Another screen's error may show first: wait for this one.
      await page.getByTestId('error-code').getByText('store.corrupt', { exact: true }).waitFor();
      expect(await page.getByTestId('error-details').innerText()).toBe('seq 3');
    } finally {
      await close();
    }
  });
});
