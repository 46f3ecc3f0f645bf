/**
 * Printing and saving files the backend made, in the browser and in the sandboxed desktop
 * renderer alike: nothing here needs Node or Electron. A PDF is loaded from a blob: URL into a
 * hidden frame and printed from there (the CSP allows `frame-src blob:` for exactly this); any
 * file can be saved through a download link.
 */

/** Bytes from the base64 the RPC answers with. */
export function bytesFromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

// The frame stays until the next print or the page goes: the print dialog is modal in some
// browsers and not in others, so there is no reliable moment to remove it earlier.
let lastFrame: { frame: HTMLIFrameElement; url: string } | null = null

function removeLastFrame(): void {
  if (!lastFrame) return
  lastFrame.frame.remove()
  URL.revokeObjectURL(lastFrame.url)
  lastFrame = null
}

/**
 * Opens the print dialog for a PDF. Resolves once the dialog has been asked for; rejects when
 * the PDF cannot be loaded (the browser's PDF viewer disabled, say), so the caller can offer
 * saving the file instead.
 */
export function printPdf(bytes: Uint8Array<ArrayBuffer>, { timeoutMs = 15_000 }: { timeoutMs?: number } = {}): Promise<void> {
  removeLastFrame()
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  const frame = document.createElement('iframe')
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  // Not display:none: a frame that is not rendered never loads the PDF viewer.
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
    visibility: 'hidden',
  })
  lastFrame = { frame, url }
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The PDF did not load for printing')), timeoutMs)
    frame.addEventListener('load', () => {
      clearTimeout(timer)
      try {
        frame.contentWindow?.focus()
        frame.contentWindow?.print()
        resolve()
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    frame.src = url
    document.body.appendChild(frame)
  })
}

/** Saves bytes as a file through the browser's download (the desktop app shows its save dialog). */
export function saveFile(name: string, mime: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has its own copy once started; give it a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
