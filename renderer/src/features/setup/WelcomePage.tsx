import { Badge, Button, Card, Center, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconBuildingSkyscraper, IconCloudUpload, IconFlask } from '@tabler/icons-react'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRpc } from '../../app/rpc-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useSetup } from './setup-store'
import { ConnectHeadOfficeForm } from './ConnectHeadOfficeForm'
import { StandaloneCompanyForm } from './StandaloneCompanyForm'

/** One way to start: icon, title, what it means, and its action. */
function ChoiceCard(props: {
  icon: ReactNode
  title: string
  text: string
  badge?: string
  testId?: string
  children?: ReactNode
}) {
  return (
    <Card withBorder padding="lg" data-testid={props.testId}>
      <Group justify="space-between">
        {props.icon}
        {props.badge && <Badge variant="light">{props.badge}</Badge>}
      </Group>
      <Title order={3} mt="sm">
        {props.title}
      </Title>
      <Text size="sm" c="dimmed" mt="xs">
        {props.text}
      </Text>
      {props.children}
    </Card>
  )
}

/**
 * First run on an empty terminal. Three ways to start: connect to head office (enrollment),
 * a standalone company of its own, or the demo company.
 */
export function WelcomePage() {
  const { t } = useTranslation()
  const rpc = useRpc()
  const creating = useSetup((s) => s.creating)
  const progress = useSetup((s) => s.progress)
  const error = useSetup((s) => s.error)
  const demoCompanyChosen = useSetup((s) => s.demoCompanyChosen)
  const progressReported = useSetup((s) => s.progressReported)
  const [standaloneOpen, setStandaloneOpen] = useState(false)
  const [connectOpen, setConnectOpen] = useState(false)

  useEffect(() => rpc.on('task.progress', progressReported), [rpc, progressReported])
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0

  return (
    <Center mih="100vh" p="lg">
      <Stack maw={1000} gap="lg" w="100%">
        <div>
          <Title order={1}>{t('setup.welcome')}</Title>
          <Text c="dimmed" size="lg">
            {t('setup.choose')}
          </Text>
        </div>
        {error && <ErrorAlert error={error} />}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <ChoiceCard
            testId="connect-card"
            icon={<IconCloudUpload size={32} />}
            title={t('setup.connectTitle')}
            text={t('setup.connectText')}
          >
            <Button
              mt="md"
              size="lg"
              variant="light"
              onClick={() => setConnectOpen(true)}
              data-testid="open-connect"
              disabled={creating}
            >
              {t('setup.connectAction')}
            </Button>
            <ConnectHeadOfficeForm opened={connectOpen} onClose={() => setConnectOpen(false)} />
          </ChoiceCard>
          <ChoiceCard
            testId="standalone-card"
            icon={<IconBuildingSkyscraper size={32} />}
            title={t('setup.standaloneTitle')}
            text={t('setup.standaloneText')}
          >
            <Button
              mt="md"
              size="lg"
              variant="light"
              onClick={() => setStandaloneOpen(true)}
              data-testid="open-standalone"
              disabled={creating}
            >
              {t('setup.standaloneAction')}
            </Button>
            <StandaloneCompanyForm opened={standaloneOpen} onClose={() => setStandaloneOpen(false)} />
          </ChoiceCard>
          <ChoiceCard testId="demo-card" icon={<IconFlask size={32} />} title={t('setup.demoTitle')} text={t('setup.demoText')}>
            {creating ? (
              <Stack gap={4} mt="md" data-testid="demo-progress">
                <Progress value={percent} animated size="lg" />
                <Text size="sm">{progress ? t('setup.step', { step: progress.step, percent }) : t('setup.starting')}</Text>
              </Stack>
            ) : (
              <Button mt="md" size="lg" onClick={() => void demoCompanyChosen(rpc)} data-testid="create-demo">
                {t('setup.demoAction')}
              </Button>
            )}
          </ChoiceCard>
        </SimpleGrid>
      </Stack>
    </Center>
  )
}
