// shared/ is used by the browser and the server alike: it imports neither Node, nor the DOM or React,
// nor anything of client/ or server/.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

describe('shared/ import boundaries', () => {
  it.each(files(join(root, 'shared')).map((path) => [relative(root, path), path]))('%s imports only shared code and pure libraries', (_name, path) => {
    const source = readFileSync(path, 'utf8')
    const imports = [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((match) => match[1])
    for (const specifier of imports) {
      expect(specifier).not.toMatch(/^node:|^(fs|path|crypto|os|http|stream)$/)
      expect(specifier).not.toMatch(/^react|^@tiptap\/react|^y-websocket/)
      expect(specifier).not.toMatch(/(^|\/)(client|server)\//)
    }
    expect(source).not.toMatch(/\b(document|window|localStorage|process\.env)\b\./)
  })
})
