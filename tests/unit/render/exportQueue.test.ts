import { describe, expect, it } from 'vitest'
import { Failure } from '../../../server/failure.ts'
import { ExportQueue, ExportTimeout } from '../../../server/render/exportQueue.ts'
import { pdfFileName } from '../../../server/render/fileName.ts'
import { contentDisposition } from '../../../server/http/routes/export.ts'

describe('ExportQueue', () => {
  it('runs at most `concurrency` jobs, queues `maxWaiting` more and refuses the rest', async () => {
    const queue = new ExportQueue({ concurrency: 1, maxWaiting: 1, timeoutMs: 5_000 })
    let release!: () => void
    const first = queue.run(() => new Promise<string>((resolve) => { release = () => resolve('first') }))
    const second = queue.run(async () => 'second')
    await expect(queue.run(async () => 'third')).rejects.toBeInstanceOf(Failure)
    expect(queue.load()).toEqual({ running: 1, waiting: 1 })
    release()
    expect(await first).toBe('first')
    expect(await second).toBe('second')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(queue.load()).toEqual({ running: 0, waiting: 0 })
  })

  it('aborts a job that runs out of time and frees its slot once it stops', async () => {
    const queue = new ExportQueue({ concurrency: 1, maxWaiting: 0, timeoutMs: 50 })
    let aborted = false
    const job = queue.run((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => { aborted = true; reject(signal.reason) })))
    await expect(job).rejects.toBeInstanceOf(ExportTimeout)
    expect(aborted).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await queue.run(async () => 'next')).toBe('next')
  })
})

describe('PDF file names', () => {
  it('names a live export by school, plan and UK date, and a snapshot by its name', () => {
    const exportedAt = new Date('2026-11-23T23:30:00Z') // already 23 Nov in London (GMT)
    expect(pdfFileName('Seaview Primary', 'Improvement plan', { kind: 'live', exportedAt })).toBe('Seaview Primary - Improvement plan - live draft 23 Nov 2026.pdf')
    expect(pdfFileName('St Mary’s C/E', 'Plan: 2026?', { kind: 'snapshot', name: 'Autumn review', takenAt: new Date('2026-07-01T23:30:00Z') }))
      .toBe('St Mary’s C E - Plan 2026 - Autumn review - 2 Jul 2026.pdf')
  })

  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    const header = contentDisposition('École Saint-Zoë – “Plan” £.pdf')
    expect(header).toMatch(/^attachment; filename="Ecole Saint-Zoe - Plan GBP\.pdf"; filename\*=UTF-8''/)
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe('École Saint-Zoë – “Plan” £.pdf')
  })
})
