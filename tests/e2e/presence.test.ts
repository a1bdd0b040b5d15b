// Who is here: a person whose connection dropped shows again to the others as soon as they are back.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserAndServer, typeAtEnd, veraAndHarryLive } from './harness.ts'

// The server checks every half second that each socket still answers, so a page that went offline is
// dropped within a second or two rather than after the usual 30 s.
const scope = browserAndServer({ collab: { pingIntervalMs: 500 } })

const here = (page: Page) => page.getByRole('region', { name: 'People here now' }).innerText()

describe('people here now', () => {
  it('a person back online after the server dropped their connection is listed for the others again at once', async () => {
    const { a, b, visitorContext, close } = await veraAndHarryLive(scope)
    await expect.poll(() => here(b)).toContain('Vera Visiting')
    // Typing at the end of a paragraph leaves the caret's position as it was: her presence does not change.
    await typeAtEnd(a, 'Before the tunnel.')
    await visitorContext.setOffline(true)
    await expect.poll(() => here(b), { timeout: 15_000 }).not.toContain('Vera Visiting')
    await typeAtEnd(a, ' In the tunnel.')
    await visitorContext.setOffline(false)
    await expect.poll(() => a.getByRole('status').first().innerText(), { timeout: 15_000 }).toContain('Live')
    // Not only once Yjs renews her presence, 15 s after she last changed it.
    await expect.poll(() => here(b), { timeout: 5_000 }).toContain('Vera Visiting')
    await expect.poll(() => b.locator('.collaboration-carets__label').allInnerTexts()).toContain('Vera Visiting')
    // And she sees him at once too, though he has not moved since: her page dropped his presence when her
    // connection closed, and kept its clock, and the server's replay at that clock was taken for an echo.
    await expect.poll(() => here(a), { timeout: 5_000 }).toContain('Harry Head')
    await close()
  })
})
