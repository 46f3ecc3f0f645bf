/** IPC channel names between preload and main; nothing else crosses the bridge. */
export const IPC_INVOKE = 'prometric:invoke'
/** Channel on which main pushes backend events to a window. */
export const IPC_EVENT = 'prometric:event'
