/** Toolbar icons: 20×20 line drawings in the current text colour, hidden from assistive technology. */
import type { ReactNode } from 'react'

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  )
}

export const icons = {
  bold: (
    <Icon>
      <path d="M6 4h5a3 3 0 0 1 0 6H6zM6 10h6a3 3 0 0 1 0 6H6z" strokeWidth="2.2" />
    </Icon>
  ),
  italic: (
    <Icon>
      <path d="M9 4h6M5 16h6M12 4 8 16" />
    </Icon>
  ),
  bulletList: (
    <Icon>
      <circle cx="4" cy="5" r="1" fill="currentColor" />
      <circle cx="4" cy="10" r="1" fill="currentColor" />
      <circle cx="4" cy="15" r="1" fill="currentColor" />
      <path d="M8 5h9M8 10h9M8 15h9" />
    </Icon>
  ),
  orderedList: (
    <Icon>
      <path d="M3 3.5h1.5V7M3 7h3M3 12.5c0-1 2.8-1 2.8 0 0 1-2.8 2-2.8 3.5h3" strokeWidth="1.4" />
      <path d="M9 5h8M9 10h8M9 15h8" />
    </Icon>
  ),
  blockquote: (
    <Icon>
      <path d="M4 5v10M8 6h9M8 10h9M8 14h6" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M8.5 11.5a3 3 0 0 0 4.2 0l2.8-2.8a3 3 0 0 0-4.2-4.2l-1 1" />
      <path d="M11.5 8.5a3 3 0 0 0-4.2 0l-2.8 2.8a3 3 0 0 0 4.2 4.2l1-1" />
    </Icon>
  ),
  unlink: (
    <Icon>
      <path d="M12.5 11.5 15.5 8.7a3 3 0 0 0-4.2-4.2l-1 1M7.5 8.5l-3 2.8a3 3 0 0 0 4.2 4.2l1-1M3 3l14 14" />
    </Icon>
  ),
  table: (
    <Icon>
      <rect x="3" y="4" width="14" height="12" rx="1" />
      <path d="M3 8h14M3 12h14M8 4v12M12.5 4v12" />
    </Icon>
  ),
  addRow: (
    <Icon>
      <rect x="3" y="2.5" width="14" height="8" rx="1" />
      <path d="M3 6.5h14M10 2.5v8" />
      <path d="M10 13v5M7.5 15.5h5" />
    </Icon>
  ),
  deleteRow: (
    <Icon>
      <rect x="3" y="2.5" width="14" height="8" rx="1" />
      <path d="M3 6.5h14M10 2.5v8" />
      <path d="m7.8 13.3 4.4 4.4M12.2 13.3l-4.4 4.4" />
    </Icon>
  ),
  addColumn: (
    <Icon>
      <rect x="2.5" y="3" width="8" height="14" rx="1" />
      <path d="M6.5 3v14M2.5 10h8" />
      <path d="M15.5 7.5v5M13 10h5" />
    </Icon>
  ),
  deleteColumn: (
    <Icon>
      <rect x="2.5" y="3" width="8" height="14" rx="1" />
      <path d="M6.5 3v14M2.5 10h8" />
      <path d="m13.3 7.8 4.4 4.4M17.7 7.8l-4.4 4.4" />
    </Icon>
  ),
  deleteTable: (
    <Icon>
      <rect x="3" y="4" width="14" height="12" rx="1" />
      <path d="M3 8h14M8 4v4M12.5 4v4" />
      <path d="m7.5 10 5 4.5M12.5 10l-5 4.5" strokeWidth="2" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M7 5 3.5 8.5 7 12" />
      <path d="M4 8.5h8a4 4 0 0 1 0 8H9" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M13 5l3.5 3.5L13 12" />
      <path d="M16 8.5H8a4 4 0 0 0 0 8h3" />
    </Icon>
  ),
}
