import { z } from 'zod'

/**
 * Frames exchanged between a renderer and a backend over a message channel (WebSocket in web
 * mode, MessagePort/IPC in the desktop app). Every frame is parsed on arrival: the channel is
 * an attack surface even on loopback.
 */
export const clientFrame = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  input: z.unknown(),
})

/** A frame from the renderer. */
export type ClientFrame = z.infer<typeof clientFrame>

/** A frame from the backend. */
export type ServerFrame = { type: 'result'; id: number; result: unknown } | { type: 'event'; name: string; payload: unknown }
