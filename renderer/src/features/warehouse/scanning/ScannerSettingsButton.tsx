import { Button, Group, Modal, NumberInput, Paper, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core'
import { IconBarcode, IconSettings } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { showControlChars } from './scan-detector'
import { type Scan } from './scan'
import { describeScan } from './scan-messages'
import { ScanInput } from './ScanInput'
import { type ScannerSettings, detectorOptions, scannerSettingsSchema, useScannerSettings } from './scanner-settings'
import { useScanFeedback } from './scan-feedback'

/**
 * Opens this PC's scanner settings: what the scanner sends for GS, which key ends a scan, how
 * fast it types, sound. The dialog has a test field that shows exactly what was read (GS as
 * ⟨GS⟩) with the settings being edited, before they are saved.
 */
export function ScannerSettingsButton() {
  const { t } = useTranslation()
  const [opened, setOpened] = useState(false)
  return (
    <>
      <Button
        variant="default"
        size="md"
        leftSection={<IconSettings size={20} />}
        onClick={() => setOpened(true)}
        data-testid="scanner-settings"
      >
        {t('warehouse.scanning.settings.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('warehouse.scanning.settings.title')} size="lg">
        {opened && <ScannerSettingsForm onDone={() => setOpened(false)} />}
      </Modal>
    </>
  )
}

type FieldErrors = Partial<Record<keyof ScannerSettings, string>>

function ScannerSettingsForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation()
  const settingsSaved = useScannerSettings((s) => s.settingsSaved)
  const feedback = useScanFeedback()
  const [draft, setDraft] = useState<ScannerSettings>(() => {
    const { gsSubstitute, terminator, maxGapMs, sound } = useScannerSettings.getState()
    return { gsSubstitute, terminator, maxGapMs, sound }
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [read, setRead] = useState<Scan | null>(null)
  const valid = scannerSettingsSchema.safeParse(draft)

  const change = (patch: Partial<ScannerSettings>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors({})
  }

  const save = () => {
    const result = scannerSettingsSchema.safeParse(draft)
    if (!result.success) {
      const next: FieldErrors = {}
      for (const issue of result.error.issues) {
        next[issue.path[0] as keyof ScannerSettings] = t(`warehouse.scanning.settings.invalid.${issue.message}`)
      }
      setErrors(next)
      return
    }
    settingsSaved(result.data)
    onDone()
  }

  return (
    <Stack>
      <TextInput
        size="md"
        label={t('warehouse.scanning.settings.gsSubstitute')}
        description={t('warehouse.scanning.settings.gsSubstituteHint')}
        value={draft.gsSubstitute}
        error={errors.gsSubstitute}
        onChange={(e) => change({ gsSubstitute: e.currentTarget.value })}
        onKeyDown={(e) => {
          // A function key cannot be typed into a field: pressing it fills the field with its name.
          if (/^F([1-9]|1\d|2[0-4])$/.test(e.code)) {
            e.preventDefault()
            change({ gsSubstitute: e.code })
          }
        }}
        data-testid="scanner-gs-substitute"
      />
      <Stack gap={4}>
        <Text size="md" fw={500}>
          {t('warehouse.scanning.settings.terminator')}
        </Text>
        <SegmentedControl
          size="md"
          value={draft.terminator}
          onChange={(v) => change({ terminator: v as ScannerSettings['terminator'] })}
          data={[
            { value: 'Enter', label: t('warehouse.scanning.settings.terminatorEnter') },
            { value: 'Tab', label: t('warehouse.scanning.settings.terminatorTab') },
            { value: 'none', label: t('warehouse.scanning.settings.terminatorNone') },
          ]}
        />
      </Stack>
      <NumberInput
        size="md"
        label={t('warehouse.scanning.settings.maxGap')}
        description={t('warehouse.scanning.settings.maxGapHint')}
        value={draft.maxGapMs}
        min={10}
        max={200}
        allowDecimal={false}
        error={errors.maxGapMs}
        onChange={(v) => change({ maxGapMs: typeof v === 'number' ? v : Number.NaN })}
      />
      <Switch
        size="md"
        label={t('warehouse.scanning.settings.sound')}
        checked={draft.sound}
        onChange={(e) => change({ sound: e.currentTarget.checked })}
      />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <IconBarcode size={20} />
            <Text fw={600}>{t('warehouse.scanning.settings.test')}</Text>
          </Group>
          {valid.success ? (
            <ScanInput
              autoFocus={false}
              showLast={false}
              label={t('warehouse.scanning.settings.testHint')}
              placeholder=""
              detector={detectorOptions(valid.data)}
              onScan={(scan) => {
                setRead(scan)
                if (scan.source === 'scanner') feedback.ok()
                else feedback.warn()
              }}
            />
          ) : (
            <Text c="red">{t('warehouse.scanning.settings.testNeedsValid')}</Text>
          )}
          {read && (
            <Stack gap={2} data-testid="scanner-test-result">
              <Text ff="monospace" size="lg" style={{ wordBreak: 'break-all' }}>
                {showControlChars(read.raw)}
              </Text>
              <Text size="sm">{describeScan(t, read)}</Text>
              <Text size="sm" c={read.source === 'scanner' ? 'green' : 'orange'}>
                {t(
                  read.source === 'scanner'
                    ? 'warehouse.scanning.settings.testScanner'
                    : 'warehouse.scanning.settings.testKeyboard',
                )}
              </Text>
            </Stack>
          )}
        </Stack>
      </Paper>
      <Group justify="flex-end">
        <Button variant="default" size="md" onClick={onDone}>
          {t('warehouse.scanning.settings.cancel')}
        </Button>
        <Button size="md" onClick={save} data-testid="scanner-settings-save">
          {t('warehouse.scanning.settings.save')}
        </Button>
      </Group>
    </Stack>
  )
}
