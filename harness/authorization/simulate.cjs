// Judges requests as IAM does, one JSON object a line on stdin, one answer a line on stdout.
// The evaluation is @cloud-copilot/iam-simulate's (AGPL-3.0, test time only: make installs it
// into .node/ from requirements/node/package-lock.json; nothing of it ships in a module or zip).
// A request: {id, principal, action, resource, accountId, context, identityPolicies, resourcePolicy}.
// An answer: {id, result, denials, grants, errors}; result is Allowed, ExplicitlyDenied,
// ImplicitlyDenied, or Error when the simulator cannot judge it (unknown action, a resource
// the action takes no resource type for).
'use strict'
const readline = require('node:readline')
const { runSimulation, getDenialReasons, getGrantReasons } = require('@cloud-copilot/iam-simulate')

async function judge(request) {
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

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  let request
  try {
    request = JSON.parse(line)
    process.stdout.write(JSON.stringify(await judge(request)) + '\n')
  } catch (error) {
    process.stdout.write(JSON.stringify({ id: request && request.id, result: 'Error', errors: { message: String(error) } }) + '\n')
  }
})
