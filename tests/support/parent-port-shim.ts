// Emulates Electron's `process.parentPort` over Node's child-process IPC, so the backend's
// utility-process entry runs under plain Node in tests exactly as it does under Electron.
const port = {
  on(event: 'message', listener: (e: { data: unknown }) => void) {
    if (event === 'message') process.on('message', (data) => listener({ data }))
  },
  postMessage(message: unknown) {
    process.send?.(message)
  },
}
Object.assign(process, { parentPort: port })
