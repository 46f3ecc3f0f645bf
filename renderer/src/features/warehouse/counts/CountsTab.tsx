import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { IconArrowLeft, IconCheck, IconClipboardPlus, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodOutput } from '../../../../../shared/contract'
import { formatDateTime, formatMoney } from '../../../../../shared/format'
import { useLocale } from '../../../app/use-locale'
import { useRpc } from '../../../app/rpc-context'
import { almatyTime } from '../../../components/almaty-time'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { useAuth } from '../../auth/auth-store'
import { StockScanField } from '../stock/StockScanField'
import { formatQuantity, formatVariance } from '../stock/quantity'
import { CountLineActions } from './CountLineActions'
import { type CountSummary, useCounts } from './counts-store'

type Status = CountSummary['status']

/** Badge colours of a count's states. */
export const countStatusColor: Record<Status, string> = {
  open: 'blue',
  counting: 'cyan',
  submitted: 'orange',
  approved: 'green',
  cancelled: 'gray',
}

/** Stock counts: the list, a new count, and the open count with blind scanning and its report. */
export function CountsTab() {
  const rpc = useRpc()
  const current = useCounts((s) => s.current)
  const refreshed = useCounts((s) => s.refreshed)
  const countClosed = useCounts((s) => s.countClosed)

  useEffect(() => {
    // The tab opens on the list: the count someone had open (perhaps another person on this
    // PC, before a sign-out) is not shown again by itself.
    countClosed()
    void refreshed(rpc)
    return rpc.on('data.changed', ({ tables }) => {
      if (tables.some((t) => t.startsWith('stock_count'))) void refreshed(rpc)
    })
  }, [rpc, refreshed, countClosed])

  return current ? <CountSheet /> : <CountList />
}

function CountList() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const counts = useCounts((s) => s.counts)
  const error = useCounts((s) => s.error)
  const countOpened = useCounts((s) => s.countOpened)
  const [creating, setCreating] = useState(false)
  const canCount = useAuth((s) => s.status?.user?.permissions.includes('inventory.count') ?? false)

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('warehouse.stock.counts.title')}</Title>
        {canCount && (
          <Button size="lg" leftSection={<IconClipboardPlus />} onClick={() => setCreating(true)} data-testid="count-new">
            {t('warehouse.stock.counts.new')}
          </Button>
        )}
      </Group>
      {error && <ErrorAlert error={error} />}
      {counts.length === 0 ? (
        <Text c="dimmed">{t('warehouse.stock.counts.empty')}</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="counts-table">
          <Table.Tbody>
            {counts.map((c) => (
              <Table.Tr key={c.id} data-testid="count-row">
                <Table.Td fw={600}>{c.countNumber}</Table.Td>
                <Table.Td>{c.scope === 'category' ? c.categoryName : t(`warehouse.stock.counts.scopes.${c.scope}`)}</Table.Td>
                <Table.Td>
                  <Badge size="lg" color={countStatusColor[c.status]}>
                    {t(`warehouse.stock.counts.statuses.${c.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{progressText(t, c)}</Table.Td>
                <Table.Td>{formatDateTime(almatyTime(c.createdAt), locale)}</Table.Td>
                <Table.Td>{c.createdByName}</Table.Td>
                <Table.Td>
                  <Button size="md" variant="light" onClick={() => void countOpened(rpc, c.id)} data-testid="count-open">
                    {t('warehouse.stock.counts.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <NewCountForm opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  )
}

function progressText(t: (key: string, options?: Record<string, unknown>) => string, c: CountSummary): string {
  return c.scope === 'workspace'
    ? t('warehouse.stock.counts.progressOpen', { counted: c.countedCount })
    : t('warehouse.stock.counts.progress', { counted: c.countedCount, total: c.lineCount })
}

function NewCountForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const categories = useCounts((s) => s.categories)
  const busy = useCounts((s) => s.busy)
  const error = useCounts((s) => s.error)
  const categoriesRequested = useCounts((s) => s.categoriesRequested)
  const countCreated = useCounts((s) => s.countCreated)
  const listCountCreated = useCounts((s) => s.listCountCreated)
  const [scope, setScope] = useState<'workspace' | 'category' | 'products'>('workspace')
  const [categoryId, setCategoryId] = useState<string | null>(null)
  const [codes, setCodes] = useState('')

  useEffect(() => {
    if (opened) void categoriesRequested(rpc)
  }, [opened, rpc, categoriesRequested])

  const submit = async () => {
    const created =
      scope === 'products'
        ? await listCountCreated(
            rpc,
            codes
              .split(/\s+/)
              .map((c) => c.trim())
              .filter(Boolean),
          )
        : await countCreated(rpc, { scope, categoryId: scope === 'category' ? categoryId : null })
    if (created) onClose()
  }

  return (
    // No focus return on close: the count opens with its scan field focused, and a late focus
    // return to the (gone) button would swallow the first keys of the first scan.
    <Modal opened={opened} onClose={onClose} title={t('warehouse.stock.counts.new')} size="lg" returnFocus={false}>
      <Stack data-testid="count-form">
        {error && <ErrorAlert error={error} />}
        <Text fw={500}>{t('warehouse.stock.counts.scope')}</Text>
        <SegmentedControl
          size="lg"
          value={scope}
          onChange={(v) => setScope(v as 'workspace' | 'category' | 'products')}
          data={[
            { value: 'workspace', label: t('warehouse.stock.counts.scopes.workspace') },
            { value: 'category', label: t('warehouse.stock.counts.scopes.category') },
            { value: 'products', label: t('warehouse.stock.counts.scopes.products') },
          ]}
          data-testid="count-scope"
        />
        {scope === 'category' && (
          <Select
            size="lg"
            label={t('warehouse.stock.counts.category')}
            searchable
            data={categories.map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={setCategoryId}
            data-testid="count-category"
          />
        )}
        {scope === 'products' && (
          <Textarea
            size="lg"
            autosize
            minRows={4}
            label={t('warehouse.stock.counts.codes')}
            value={codes}
            onChange={(e) => setCodes(e.currentTarget.value)}
            data-testid="count-codes"
          />
        )}
        <Button size="lg" loading={busy} onClick={() => void submit()} data-testid="count-create">
          {t('warehouse.stock.counts.create')}
        </Button>
      </Stack>
    </Modal>
  )
}

type Action = 'submit' | 'approve' | 'cancel'

function CountSheet() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const locale = useLocale()
  const count = useCounts((s) => s.current)!
  const lastScan = useCounts((s) => s.lastScan)
  const error = useCounts((s) => s.error)
  const busy = useCounts((s) => s.busy)
  const scanned = useCounts((s) => s.scanned)
  const countClosed = useCounts((s) => s.countClosed)
  const transitionRequested = useCounts((s) => s.transitionRequested)
  const permissions = useAuth((s) => s.status?.user?.permissions ?? [])
  const approvedMovements = useCounts((s) => s.approvedMovements)
  const [confirming, setConfirming] = useState<Action | null>(null)

  const counting = count.status === 'open' || count.status === 'counting'
  const reported = count.status === 'submitted' || count.status === 'approved'
  const canCount = permissions.includes('inventory.count')
  const canApprove = permissions.includes('inventory.adjust')

  const confirm = async (action: Action) => {
    await transitionRequested(rpc, action)
    setConfirming(null)
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Button size="md" variant="subtle" leftSection={<IconArrowLeft />} onClick={countClosed} data-testid="count-back">
            {t('warehouse.stock.counts.back')}
          </Button>
          <Title order={3} data-testid="count-number">
            {count.countNumber}
          </Title>
          <Badge size="xl" color={countStatusColor[count.status]} data-testid="count-status">
            {t(`warehouse.stock.counts.statuses.${count.status}`)}
          </Badge>
          <Text c="dimmed">
            {count.scope === 'category' ? count.categoryName : t(`warehouse.stock.counts.scopes.${count.scope}`)}
          </Text>
        </Group>
        <Group>
          {counting && canCount && (
            <Button size="lg" color="orange" onClick={() => setConfirming('submit')} data-testid="count-submit">
              {t('warehouse.stock.counts.submit')}
            </Button>
          )}
          {count.status === 'submitted' && canApprove && (
            <Button
              size="lg"
              color="green"
              leftSection={<IconCheck />}
              onClick={() => setConfirming('approve')}
              data-testid="count-approve"
            >
              {t('warehouse.stock.counts.approve')}
            </Button>
          )}
          {(counting || count.status === 'submitted') && canCount && (
            <Button
              size="lg"
              variant="outline"
              color="red"
              leftSection={<IconX />}
              onClick={() => setConfirming('cancel')}
              data-testid="count-cancel"
            >
              {t('warehouse.stock.counts.cancel')}
            </Button>
          )}
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      {approvedMovements !== null && count.status === 'approved' && (
        <Alert color="green" data-testid="count-approved">
          {t('warehouse.stock.counts.approved', { count: approvedMovements })}
        </Alert>
      )}
      {counting && (
        <>
          <Text c="dimmed">{t('warehouse.stock.counts.blind')}</Text>
          <StockScanField
            withQuantity
            disabled={!canCount}
            onScan={(code, quantity) => scanned(rpc, code, quantity)}
            testId="count-scan"
          />
          {lastScan && (
            <Alert
              color={lastScan.kind === 'ok' ? 'green' : 'red'}
              role="status"
              data-testid={lastScan.kind === 'ok' ? 'count-scan-ok' : 'count-scan-error'}
              styles={{ message: { fontSize: 'var(--mantine-font-size-xl)' } }}
            >
              {lastScan.kind === 'ok'
                ? t('warehouse.stock.scan.ok', { name: lastScan.name, quantity: formatQuantity(lastScan.quantity, locale) })
                : lastScan.message}
            </Alert>
          )}
        </>
      )}
      {reported && count.totals && (
        <SimpleGrid cols={4} data-testid="count-report">
          <Total
            label={t('warehouse.stock.counts.surplus')}
            value={formatMoney(count.totals.surplusValue, locale)}
            color="green"
          />
          <Total
            label={t('warehouse.stock.counts.shortage')}
            value={formatMoney(count.totals.shortageValue, locale)}
            color="red"
          />
          <Total label={t('warehouse.stock.counts.net')} value={formatMoney(count.totals.netValue, locale)} testId="count-net" />
          <Total
            label={t('warehouse.stock.counts.report')}
            value={
              count.totals.linesWithVariance > 0
                ? t('warehouse.stock.counts.linesWithVariance', { count: count.totals.linesWithVariance })
                : t('warehouse.stock.counts.noVariance')
            }
          />
        </SimpleGrid>
      )}
      <CountLines count={count} reported={reported} counting={counting && canCount} />
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`warehouse.stock.counts.${confirming}`) : ''}
      >
        <Stack>
          <Text>{confirming ? t(`warehouse.stock.counts.${confirming}Confirm`) : ''}</Text>
          <Group justify="flex-end">
            <Button size="lg" variant="default" onClick={() => setConfirming(null)}>
              {t('warehouse.stock.counts.no')}
            </Button>
            <Button
              size="lg"
              loading={busy}
              onClick={() => confirming && void confirm(confirming)}
              data-testid="count-confirm"
              data-autofocus
            >
              {t('warehouse.stock.counts.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}

function Total({ label, value, color, testId }: { label: string; value: string; color?: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  )
}

function CountLines({
  count,
  reported,
  counting,
}: {
  count: MethodOutput<'stock.counts.get'>
  reported: boolean
  counting: boolean
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  return (
    <Table striped verticalSpacing="sm" data-testid="count-lines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('warehouse.stock.columns.code')}</Table.Th>
          <Table.Th>{t('warehouse.stock.columns.name')}</Table.Th>
          <Table.Th>{t('warehouse.stock.columns.counted')}</Table.Th>
          {reported && (
            <>
              <Table.Th>{t('warehouse.stock.columns.book')}</Table.Th>
              <Table.Th>{t('warehouse.stock.columns.variance')}</Table.Th>
              <Table.Th>{t('warehouse.stock.columns.cost')}</Table.Th>
              <Table.Th>{t('warehouse.stock.columns.varianceValue')}</Table.Th>
            </>
          )}
          {counting && <Table.Th />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {count.lines.map((l) => (
          <Table.Tr key={l.id} data-testid="count-line">
            <Table.Td>{l.code}</Table.Td>
            <Table.Td>{l.name}</Table.Td>
            <Table.Td data-testid="count-line-counted">
              {!l.counted ? (
                <Text c="dimmed">{t('warehouse.stock.counts.notCounted')}</Text>
              ) : l.notFound ? (
                <Badge color="gray">{t('warehouse.stock.counts.notFound')}</Badge>
              ) : (
                `${formatQuantity(l.countedQuantity, locale)} ${l.unit}`
              )}
            </Table.Td>
            {reported && (
              <>
                <Table.Td>{l.bookQuantity !== null ? formatQuantity(l.bookQuantity, locale) : '—'}</Table.Td>
                <Table.Td data-testid="count-line-variance" c={l.variance && /^-/.test(l.variance) ? 'red' : undefined}>
                  {l.variance !== null ? formatVariance(l.variance, locale) : '—'}
                </Table.Td>
                <Table.Td>{l.unitCost !== null ? formatMoney(l.unitCost, locale) : '—'}</Table.Td>
                <Table.Td>{l.varianceValue !== null ? formatMoney(l.varianceValue, locale) : '—'}</Table.Td>
              </>
            )}
            {counting && (
              <Table.Td>
                <CountLineActions line={l} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
