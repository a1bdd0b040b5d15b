/**
 * The results as one SVG: a small horizontal bar chart per charted metric, grouped by scenario, one bar
 * per server (same colour everywhere), each labelled with its figure.
 */
import { SERVER_LABELS, SERVER_NAMES } from '../servers/index.ts'
import type { ScenarioResult } from '../scenarios/types.ts'
import { formatValue } from './format.ts'

const COLOURS: Record<string, string> = { uplift: '#1f6feb', 'y-websocket': '#8250df', hocuspocus: '#d4731c', relay: '#6e7781' }
const PANEL_W = 380
const BAR_H = 18
const GAP = 6
const LABEL_W = 90
const COLUMNS = 3

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function renderChart(results: ScenarioResult[], title: string): string {
  const parts: string[] = []
  let y = 60
  const width = COLUMNS * PANEL_W + 40
  for (const result of results) {
    const panels = result.metrics.filter((m) => m.chart && SERVER_NAMES.some((s) => {
      const v = result.runs[s]?.values[m.key]
      return v !== null && v !== undefined && !Number.isNaN(v)
    }))
    const servers = SERVER_NAMES.filter((s) => result.runs[s])
    const notAvailable = panels.length === 0
    parts.push(`<text x="20" y="${y}" font-size="16" font-weight="bold">${escape(`Scenario ${result.id}. ${result.title}`)}</text>`)
    y += 12
    if (notAvailable) {
      const reason = Object.values(result.runs).flatMap((run) => run?.notes ?? []).find((n) => /not available/.test(n)) ?? 'no figures'
      parts.push(`<text x="20" y="${y + 16}" font-size="12" fill="#57606a">${escape(reason)}</text>`)
      y += 40
      continue
    }
    const panelH = 34 + servers.length * (BAR_H + GAP)
    panels.forEach((metric, index) => {
      const px = 20 + (index % COLUMNS) * PANEL_W
      const py = y + Math.floor(index / COLUMNS) * (panelH + 14)
      const values = servers.map((s) => result.runs[s]?.values[metric.key] ?? null)
      const max = Math.max(...values.map((v) => (v === null || Number.isNaN(v) ? 0 : v)), 1e-9)
      const arrow = metric.better === 'lower' ? '(lower is better)' : metric.better === 'higher' ? '(higher is better)' : ''
      parts.push(`<rect x="${px}" y="${py}" width="${PANEL_W - 14}" height="${panelH}" fill="#f6f8fa" stroke="#d0d7de" rx="4"/>`)
      parts.push(`<text x="${px + 8}" y="${py + 18}" font-size="12" font-weight="bold">${escape(metric.label)} <tspan font-weight="normal" fill="#57606a">${arrow}</tspan></text>`)
      servers.forEach((server, i) => {
        const v = values[i]
        const by = py + 28 + i * (BAR_H + GAP)
        const barMax = PANEL_W - 14 - LABEL_W - 16 - 70
        const w = v === null || Number.isNaN(v) ? 0 : Math.max(1, (v / max) * barMax)
        parts.push(`<text x="${px + 8}" y="${by + 13}" font-size="11">${escape(SERVER_LABELS[server])}</text>`)
        parts.push(`<rect x="${px + LABEL_W}" y="${by}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${COLOURS[server]}"/>`)
        parts.push(`<text x="${px + LABEL_W + w + 4}" y="${by + 13}" font-size="11">${escape(formatValue(v, metric, result.runs[server]?.atLeast?.includes(metric.key)))}</text>`)
      })
    })
    y += Math.ceil(panels.length / COLUMNS) * (panelH + 14) + 24
  }
  const legend = SERVER_NAMES.map((s, i) => `<rect x="${20 + i * 150}" y="${y}" width="12" height="12" fill="${COLOURS[s]}"/><text x="${38 + i * 150}" y="${y + 11}" font-size="12">${escape(SERVER_LABELS[s])}</text>`).join('')
  const height = y + 40
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="20" y="32" font-size="20" font-weight="bold">${escape(title)}</text>
${parts.join('\n')}
${legend}
</svg>
`
}
