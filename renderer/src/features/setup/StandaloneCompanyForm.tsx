import { Button, Divider, Group, Modal, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodInput } from '../../../../shared/contract'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { fieldError } from '../../components/field-errors'
import { useSetup } from './setup-store'

type Input = MethodInput<'setup.createStandaloneCompany'>

const empty: Input = {
  organization: { name: '', bin: '' },
  workspaceName: '',
  owner: { firstName: '', lastName: '', email: '', password: '' },
}

/** The standalone company: organization with its BIN, main workspace, and the owner's account. */
export function StandaloneCompanyForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const rpc = useRpc()
  const error = useSetup((s) => s.formError)
  const creating = useSetup((s) => s.creating)
  const standaloneSubmitted = useSetup((s) => s.standaloneSubmitted)
  const [form, setForm] = useState<Input>(empty)
  const org = (patch: Partial<Input['organization']>) => setForm((f) => ({ ...f, organization: { ...f.organization, ...patch } }))
  const owner = (patch: Partial<Input['owner']>) => setForm((f) => ({ ...f, owner: { ...f.owner, ...patch } }))
  const err = (path: string) => fieldError(error, path)

  return (
    <Modal opened={opened} onClose={onClose} title={t('setup.standaloneTitle')} size="lg" data-testid="standalone-form">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void standaloneSubmitted(rpc, {
            ...form,
            organization: { ...form.organization, phone: form.organization.phone || undefined },
          })
        }}
      >
        <Stack>
          {error && !error.issues?.length && <ErrorAlert error={error} />}
          <TextInput
            label={t('setup.orgName')}
            required
            autoFocus
            value={form.organization.name}
            onChange={(e) => org({ name: e.currentTarget.value })}
            error={err('organization.name')}
            data-testid="org-name"
          />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('setup.bin')}
              required
              inputMode="numeric"
              maxLength={12}
              value={form.organization.bin}
              onChange={(e) => org({ bin: e.currentTarget.value.replace(/\D/g, '') })}
              error={err('organization.bin')}
              data-testid="org-bin"
            />
            <TextInput
              label={t('setup.phone')}
              value={form.organization.phone ?? ''}
              onChange={(e) => org({ phone: e.currentTarget.value })}
              error={err('organization.phone')}
            />
          </SimpleGrid>
          <TextInput
            label={t('setup.workspaceName')}
            placeholder={t('setup.workspacePlaceholder')}
            required
            value={form.workspaceName}
            onChange={(e) => {
              const workspaceName = e.currentTarget.value
              setForm((f) => ({ ...f, workspaceName }))
            }}
            error={err('workspaceName')}
            data-testid="workspace-name"
          />
          <Divider label={t('setup.ownerAccount')} />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('setup.firstName')}
              required
              value={form.owner.firstName}
              onChange={(e) => owner({ firstName: e.currentTarget.value })}
              error={err('owner.firstName')}
              data-testid="owner-first-name"
            />
            <TextInput
              label={t('setup.lastName')}
              required
              value={form.owner.lastName}
              onChange={(e) => owner({ lastName: e.currentTarget.value })}
              error={err('owner.lastName')}
              data-testid="owner-last-name"
            />
          </SimpleGrid>
          <TextInput
            label={t('auth.email')}
            type="email"
            required
            value={form.owner.email}
            onChange={(e) => owner({ email: e.currentTarget.value })}
            error={err('owner.email')}
            data-testid="owner-email"
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('setup.passwordRule')}
            required
            value={form.owner.password}
            onChange={(e) => owner({ password: e.currentTarget.value })}
            error={err('owner.password')}
            data-testid="owner-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('setup.cancel')}
            </Button>
            <Button type="submit" loading={creating} data-testid="standalone-submit">
              {t('setup.standaloneAction')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
