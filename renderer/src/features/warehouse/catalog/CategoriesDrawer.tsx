import { ActionIcon, Badge, Box, Button, Drawer, Group, Modal, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import { IconChevronRight, IconPencil, IconPlus, IconSubtask } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RpcError } from '../../../../../shared/contract'
import { subtreeIds } from '../../../../../shared/category-tree'
import { useRpc } from '../../../app/rpc-context'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { fieldError } from '../../../components/field-errors'
import { type Category, useCatalog } from './catalog-store'

/** A category placed in the tree: depth for indentation, in depth-first order. */
export interface CategoryInTree extends Category {
  level: number
}

/**
 * Orders categories depth-first under their parents (siblings as the backend sorted them). A
 * category whose parent is missing is shown at the top rather than lost; a cycle in the data
 * cannot loop.
 */
export function categoryTree(categories: readonly Category[]): CategoryInTree[] {
  const ids = new Set(categories.map((c) => c.id))
  const children = new Map<string | null, Category[]>()
  for (const c of categories) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null
    children.set(parent, [...(children.get(parent) ?? []), c])
  }
  const out: CategoryInTree[] = []
  const seen = new Set<string>()
  const walk = (parent: string | null, level: number) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue
      seen.add(c.id)
      out.push({ ...c, level })
      walk(c.id, level + 1)
    }
  }
  walk(null, 0)
  return out
}

/** Select options of the category tree (indented names), with an empty first choice. */
export function categoryOptions(categories: readonly Category[], emptyLabel: string) {
  return [
    { value: '', label: emptyLabel },
    ...categoryTree(categories).map((c) => ({ value: c.id, label: `${'· '.repeat(c.level)}${c.name}` })),
  ]
}

type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; category: Category }

/**
 * The category tree: view, create, rename, move (the backend refuses cycles; the form does not
 * offer a category's own sub-tree) and deactivate.
 */
export function CategoriesDrawer({ opened, canManage, onClose }: { opened: boolean; canManage: boolean; onClose(): void }) {
  const { t } = useTranslation()
  const categories = useCatalog((s) => s.categories)
  const [editing, setEditing] = useState<Editing | null>(null)
  const tree = useMemo(() => categoryTree(categories), [categories])

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={t('warehouse.catalog.categories.title')}>
      <Stack>
        {canManage && (
          <Button
            size="md"
            leftSection={<IconPlus size={18} />}
            onClick={() => setEditing({ mode: 'create', parentId: null })}
            data-testid="category-add"
          >
            {t('warehouse.catalog.categories.add')}
          </Button>
        )}
        {tree.length === 0 && <Text c="dimmed">{t('warehouse.catalog.categories.empty')}</Text>}
        <Stack gap={2} data-testid="category-tree">
          {tree.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap" py={4} data-testid="category-row" aria-level={c.level + 1}>
              <Group gap={4} wrap="nowrap" pl={c.level * 20} style={{ minWidth: 0 }}>
                <Box w={16} c="dimmed" aria-hidden>
                  {c.level > 0 && <IconChevronRight size={14} />}
                </Box>
                <Text fw={c.level === 0 ? 600 : 400} c={c.isActive ? undefined : 'dimmed'} truncate data-testid="category-name">
                  {c.name}
                </Text>
                {!c.isActive && (
                  <Badge size="sm" color="gray">
                    {t('warehouse.catalog.categories.inactive')}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  {t('warehouse.catalog.categories.products', { count: c.productCount })}
                </Text>
              </Group>
              {canManage && (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={t('warehouse.catalog.categories.addChild')}>
                    <ActionIcon
                      size="lg"
                      variant="subtle"
                      aria-label={`${t('warehouse.catalog.categories.addChild')}: ${c.name}`}
                      onClick={() => setEditing({ mode: 'create', parentId: c.id })}
                    >
                      <IconSubtask size={20} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('warehouse.catalog.categories.edit')}>
                    <ActionIcon
                      size="lg"
                      variant="subtle"
                      aria-label={`${t('warehouse.catalog.categories.edit')}: ${c.name}`}
                      onClick={() => setEditing({ mode: 'edit', category: c })}
                      data-testid="category-edit"
                    >
                      <IconPencil size={20} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      </Stack>
      {editing && <CategoryForm editing={editing} onClose={() => setEditing(null)} />}
    </Drawer>
  )
}

function CategoryForm({ editing, onClose }: { editing: Editing; onClose(): void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const categories = useCatalog((s) => s.categories)
  const categoriesRefreshed = useCatalog((s) => s.categoriesRefreshed)
  const current = editing.mode === 'edit' ? editing.category : null
  const [form, setForm] = useState({
    name: current?.name ?? '',
    code: current?.code ?? '',
    parentId: current ? (current.parentId ?? '') : ((editing.mode === 'create' ? editing.parentId : null) ?? ''),
    isActive: current?.isActive ?? true,
  })
  const [error, setError] = useState<RpcError | null>(null)
  const [saving, setSaving] = useState(false)
  // A category cannot go under itself or its own sub-categories: those are not offered.
  const excluded = useMemo(() => (current ? subtreeIds(categories, current.id) : new Set<string>()), [categories, current])
  const parents = categoryOptions(
    categories.filter((c) => !excluded.has(c.id)),
    t('warehouse.catalog.categories.topLevel'),
  )

  const save = async (patch: Partial<typeof form> = {}) => {
    const values = { ...form, ...patch }
    setSaving(true)
    const result = current
      ? await rpc.call('catalog.categories.update', {
          categoryId: current.id,
          name: values.name,
          code: values.code,
          parentId: values.parentId || null,
          isActive: values.isActive,
        })
      : await rpc.call('catalog.categories.create', { name: values.name, code: values.code, parentId: values.parentId || null })
    setSaving(false)
    setError(result.ok ? null : result.error)
    if (!result.ok) return
    await categoriesRefreshed(rpc)
    onClose()
  }

  const known = ['name', 'code', 'parentId']
  const underFields = error?.issues?.length && error.issues.every((i) => known.includes(i.path.join('.')))
  return (
    <Modal
      opened
      onClose={onClose}
      title={current ? t('warehouse.catalog.categories.edit') : t('warehouse.catalog.categories.add')}
      data-testid="category-form"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack>
          {error && !underFields && <ErrorAlert error={error} />}
          <TextInput
            size="md"
            label={t('warehouse.catalog.categories.name')}
            required
            data-autofocus
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fieldError(error, 'name')}
            data-testid="category-name-input"
          />
          <TextInput
            size="md"
            label={t('warehouse.catalog.categories.code')}
            value={form.code}
            onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
            error={fieldError(error, 'code')}
          />
          <Select
            size="md"
            label={t('warehouse.catalog.categories.parent')}
            data={parents}
            value={form.parentId}
            onChange={(v) => setForm({ ...form, parentId: v ?? '' })}
            error={fieldError(error, 'parentId')}
            searchable
            data-testid="category-parent"
          />
          <Group justify="space-between">
            {current ? (
              <Button
                size="md"
                variant="default"
                color={form.isActive ? 'red' : undefined}
                onClick={() => void save({ isActive: !form.isActive })}
              >
                {form.isActive ? t('warehouse.catalog.categories.deactivate') : t('warehouse.catalog.categories.activate')}
              </Button>
            ) : (
              <span />
            )}
            <Button size="md" type="submit" loading={saving} data-testid="category-save">
              {t('warehouse.catalog.categories.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
