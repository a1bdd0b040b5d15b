// Export to PDF from the browser: each button says what it exports, and a snapshot's PDF holds the snapshot.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createPlan, register } from '../helpers/api.ts'
import { pdfText, savePdf } from '../helpers/pdf.ts'
import { browserAndServer, contextFor, expectAccessible, screenshot, typeAtEnd } from './harness.ts'

const scope = browserAndServer()

async function download(page: Page, button: string, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: button, exact: true }).click()])
  const path = await file.path()
  const { readFileSync } = await import('node:fs')
  return pdfText(savePdf(name, readFileSync(path)))
}

describe('exporting a PDF in the browser', () => {
  it('a leader reading a snapshot can tell its export from the live plan\'s, and each exports what it says', async () => {
    const owner = await register(scope.server().url, 'Priya Head')
    const plan = await createPlan(owner, 'Raising attainment in reading', 'Harbour View Primary')
    const page = await (await contextFor(scope.browser(), scope.server(), owner, 'tablet')).newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
    await typeAtEnd(page, 'Only 58% of pupils read at the expected standard.', 5)
    await expect.poll(() => page.getByTestId('saved-indicator').innerText()).toBe('All changes saved')
    await page.getByRole('tab', { name: 'Snapshots' }).click()
    await page.getByLabel('Name').fill('Autumn term review')
    await page.getByLabel('Publish for trustees').check()
    await page.getByRole('button', { name: 'Publish snapshot' }).click()
    await page.getByRole('status').filter({ hasText: 'Published “Autumn term review”' }).waitFor()
    await page.getByRole('tab', { name: 'Plan' }).click()
    await typeAtEnd(page, ' Draft: the new phonics scheme starts after half term.', 5)
    await expect.poll(() => page.getByTestId('saved-indicator').innerText()).toBe('All changes saved')

    await page.getByRole('tab', { name: 'Snapshots' }).click()
    await page.getByRole('button', { name: 'Open “Autumn term review”' }).click()
    await page.getByRole('document', { name: 'Snapshot “Autumn term review”' }).waitFor()
    // The browser's tab (and its history) names the view.
    await expect.poll(() => page.title()).toBe('Autumn term review – Raising attainment in reading – Uplift')
    // Two exports in view, each named for what it exports: none is just "Export PDF".
    expect(await page.getByRole('button', { name: /^Export/ }).allInnerTexts()).toEqual(['Export live plan (PDF)', 'Export snapshot (PDF)'])
    await screenshot(page, 'export-pdf-snapshot-reader-tablet')
    await expectAccessible(page, 'snapshot reader with its export', ['heading-order'])

    const snapshot = await download(page, 'Export snapshot (PDF)', 'export-button-snapshot')
    expect(snapshot).toContain('Autumn term review')
    expect(snapshot).toContain('Only 58% of pupils read at the expected standard.')
    expect(snapshot).not.toContain('new phonics scheme')
    const live = await download(page, 'Export live plan (PDF)', 'export-button-live')
    expect(live).toContain('new phonics scheme starts after half term')
  })
})
