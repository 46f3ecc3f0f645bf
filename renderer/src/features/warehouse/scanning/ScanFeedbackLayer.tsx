import { VisuallyHidden } from '@mantine/core'
import { useReducedMotion } from '@mantine/hooks'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type FeedbackTone, flashMs, useFlash } from './scan-feedback'

const colours: Record<FeedbackTone, string> = {
  ok: 'var(--mantine-color-green-6)',
  warn: 'var(--mantine-color-yellow-5)',
  error: 'var(--mantine-color-red-7)',
}

/**
 * The full-screen colour flash of scan feedback; mount once (in the warehouse page). It never
 * takes a click. With reduced motion, a steady coloured frame shows instead of a fading flash.
 */
export function ScanFeedbackLayer() {
  const { t } = useTranslation()
  const flash = useFlash((s) => s.flash)
  const flashEnded = useFlash((s) => s.flashEnded)
  const reducedMotion = useReducedMotion()
  const layer = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!flash) return
    const duration = flashMs[flash.tone]
    const animation =
      reducedMotion || !layer.current?.animate
        ? null
        : layer.current.animate([{ opacity: 0.45 }, { opacity: 0 }], { duration, easing: 'ease-out', fill: 'forwards' })
    const timer = setTimeout(() => flashEnded(flash.id), duration)
    return () => {
      clearTimeout(timer)
      animation?.cancel()
    }
  }, [flash, reducedMotion, flashEnded])

  return (
    <>
      {flash && (
        <div
          key={flash.id}
          ref={layer}
          data-testid="scan-feedback"
          data-tone={flash.tone}
          aria-hidden
          style={{
            position: 'fixed',
            inset: 0,
            zIndex: 10000,
            pointerEvents: 'none',
            ...(reducedMotion
              ? { boxShadow: `inset 0 0 0 12px ${colours[flash.tone]}` }
              : { background: colours[flash.tone], opacity: 0.45 }),
          }}
        />
      )}
      <VisuallyHidden role="status" aria-live="assertive">
        {flash ? t(`warehouse.scanning.feedback.${flash.tone}`) : ''}
      </VisuallyHidden>
    </>
  )
}
