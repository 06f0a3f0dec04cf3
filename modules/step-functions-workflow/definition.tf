# What the module reads from the definition to refuse, at plan, a machine that would fail at
# run time. Terraform has no recursion, so the walk is unrolled: the machine's States, then
# those of each Parallel branch and Map processor (level 1), then those nested once more
# (level 2). Each list of States is a scope: its StartAt and every transition stay inside it.
locals {
  asl = try(jsondecode(var.definition), {})

  scopes_0 = { "" = local.asl }
  scopes_1 = merge(flatten([for state_name, state in try(local.asl.States, {}) : concat(
    [for i, branch in try(state.Branches, []) : { "${state_name}.Branches[${i}]" = branch }],
    [for key in ["ItemProcessor", "Iterator"] : { "${state_name}.${key}" = state[key] } if can(keys(state[key].States))],
  )])...)
  scopes_2 = merge(flatten([for path, scope in local.scopes_1 : [for state_name, state in try(scope.States, {}) : concat(
    [for i, branch in try(state.Branches, []) : { "${path} > ${state_name}.Branches[${i}]" = branch }],
    [for key in ["ItemProcessor", "Iterator"] : { "${path} > ${state_name}.${key}" = state[key] } if can(keys(state[key].States))],
  )]])...)
  scopes = merge(local.scopes_0, local.scopes_1, local.scopes_2)

  scope_states = { for path, scope in local.scopes : path => try(keys(scope.States), []) }

  # Every state, keyed by its path ("Review", "Fan out.Branches[0] > Notify"), with what the checks read.
  states = merge([for path, scope in local.scopes : {
    for state_name, state in try(scope.States, {}) : (path == "" ? state_name : "${path} > ${state_name}") => {
      scope    = path
      type     = try(tostring(state.Type), "")
      resource = try(tostring(state.Resource), "")
      targets = compact(concat(
        [try(tostring(state.Next), ""), try(tostring(state.Default), "")],
        [for choice in try(state.Choices, []) : try(tostring(choice.Next), "")],
        [for catcher in try(state.Catch, []) : try(tostring(catcher.Next), "")],
      ))
      bounded = anytrue([for key in ["TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"] : can(state[key])])
      # The call's target when the definition names it literally (JSONPath Parameters or JSONata
      # Arguments); "" when it is computed at run time ("FunctionName.$", "{% ... %}").
      arguments = {
        for key in ["FunctionName", "TableName", "TopicArn", "QueueUrl", "Bucket", "ModelId", "StateMachineArn"] :
        key => try(tostring(state.Parameters[key]), tostring(state.Arguments[key]), "")
      }
      event_buses = [for entry in try(state.Parameters.Entries, state.Arguments.Entries, []) : try(tostring(entry.EventBusName), "default")]
    }
  }]...)

  unknown_targets = concat(
    [for path, names in local.scope_states : "${path == "" ? "" : "${path}."}StartAt names \"${try(tostring(local.scopes[path].StartAt), "")}\", which does not exist" if !contains(names, try(tostring(local.scopes[path].StartAt), ""))],
    flatten([for id, state in local.states : [for target in state.targets : "state \"${id}\" goes to \"${target}\", which does not exist" if !contains(local.scope_states[state.scope], target)]]),
  )

  tasks               = { for id, state in local.states : id => state if state.type == "Task" }
  unbounded_callbacks = [for id, task in local.tasks : id if endswith(task.resource, ".waitForTaskToken") && !task.bounded]
  standard_only_tasks = [for id, task in local.tasks : id if can(regex("\\.(sync(:2)?|waitForTaskToken)$", task.resource))]
}

# Which declared integration covers each Task. A Task's resource is
#   arn:aws:states:::<service>:<action>[.sync|.waitForTaskToken]   an optimized integration,
#   arn:aws:states:::aws-sdk:<service>:<action>[...]                an SDK integration,
#   arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]   a function, invoked directly,
#   arn:aws:states:<region>:<account>:activity:<name>               an activity (its workers call in).
locals {
  literal = { for id, task in local.tasks : id => { for key, value in task.arguments : key => value if value != "" && !startswith(value, "{%") } }

  calls = { for id, task in local.tasks : id => (
    can(regex("^arn:aws[a-z-]*:lambda:", task.resource)) ? {
      service = "lambda", action = "InvokeFunction", target = regex("function:(.+)$", task.resource)[0], sync = false
    } :
    can(regex("^arn:aws[a-z-]*:states:[a-z0-9-]+:[0-9]{12}:activity:", task.resource)) ? {
      service = "activity", action = "", target = "", sync = false
    } :
    can(regex("^arn:aws[a-z-]*:states:::(aws-sdk:)?[a-z0-9-]+:[A-Za-z0-9]+", task.resource)) ? {
      service = regex("^arn:aws[a-z-]*:states:::(?:aws-sdk:)?([a-z0-9-]+):", task.resource)[0]
      action  = regex("^arn:aws[a-z-]*:states:::(?:aws-sdk:)?[a-z0-9-]+:([A-Za-z0-9]+)", task.resource)[0]
      target  = ""
      sync    = can(regex("\\.sync(:2)?$", task.resource))
    } :
    { service = "unknown", action = "", target = "", sync = false }
  ) }

  declared = {
    for kind in ["lambda_function", "dynamodb_table", "sns_topic", "sqs_queue", "s3_bucket", "bedrock_model", "state_machine", "event_bus"] :
    kind => { for key, integration in var.integrations : key => integration[kind] if integration[kind] != null }
  }
  function_names = { for key, f in local.declared.lambda_function : key => split(":", f.function_arn)[6] }
  table_names    = { for key, t in local.declared.dynamodb_table : key => split("/", t.table_arn)[1] }
  queue_names    = { for key, q in local.declared.sqs_queue : key => split(":", q.queue_arn)[5] }
  bucket_names   = { for key, b in local.declared.s3_bucket : key => split(":::", b.bucket_arn)[1] }
  bus_names      = { for key, b in local.declared.event_bus : key => split("event-bus/", b.event_bus_arn)[1] }
  model_ids      = { for key, m in local.declared.bedrock_model : key => regex("/(.+)$", m.model_arn)[0] }
  extra_actions  = toset(flatten([for s in values(var.policy_statements) : [for a in s.actions : lower(a)] if s.effect == "Allow"]))

  # Per service: "" when a declared integration covers the call, else why not.
  function_names_called = { for id, call in local.calls : id => call.target != "" ? call.target : lookup(local.literal[id], "FunctionName", "") if call.service == "lambda" }
  function_refs         = { for id, name in local.function_names_called : id => try(regex("function:(.+)$", name)[0], name) }
  why_lambda = { for id, ref in local.function_refs : id => (
    length(local.declared.lambda_function) == 0 ? "but integrations declares no lambda_function" :
    ref == "" || anytrue([for key, name in local.function_names : name == split(":", ref)[0] && (length(split(":", ref)) == 1 || contains(local.declared.lambda_function[key].qualifiers, try(split(":", ref)[1], "")))]) ? "" :
    "on function \"${ref}\", which no lambda_function declares (with that qualifier)"
  ) }

  table_refs = { for id, call in local.calls : id => {
    table  = try(regex("table/(.+)$", local.literal[id].TableName)[0], lookup(local.literal[id], "TableName", ""))
    action = "${upper(substr(call.action, 0, 1))}${substr(call.action, 1, -1)}"
  } if call.service == "dynamodb" }
  why_dynamodb = { for id, ref in local.table_refs : id => (
    length(local.declared.dynamodb_table) == 0 ? "but integrations declares no dynamodb_table" :
    anytrue([for key, name in local.table_names : (ref.table == "" || name == ref.table) && contains(local.declared.dynamodb_table[key].actions, ref.action)]) ? "" :
    ref.table != "" && !contains(values(local.table_names), ref.table) ? "on table \"${ref.table}\", which no dynamodb_table declares" :
    "but no dynamodb_table${ref.table != "" ? " for \"${ref.table}\"" : ""} lists ${ref.action} in its actions"
  ) }

  why_sns = { for id, call in local.calls : id => (
    length(local.declared.sns_topic) == 0 ? "but integrations declares no sns_topic" :
    lookup(local.literal[id], "TopicArn", "") == "" || contains([for t in values(local.declared.sns_topic) : t.topic_arn], local.literal[id].TopicArn) ? "" :
    "on topic \"${local.literal[id].TopicArn}\", which no sns_topic declares"
  ) if call.service == "sns" }

  why_sqs = { for id, call in local.calls : id => (
    length(local.declared.sqs_queue) == 0 ? "but integrations declares no sqs_queue" :
    lookup(local.literal[id], "QueueUrl", "") == "" || contains(values(local.queue_names), reverse(split("/", local.literal[id].QueueUrl))[0]) ? "" :
    "on queue \"${local.literal[id].QueueUrl}\", which no sqs_queue declares"
  ) if call.service == "sqs" }

  s3_access = { getObject = "read", headObject = "read", putObject = "write" }
  why_s3 = { for id, call in local.calls : id => (
    !contains(keys(local.s3_access), call.action) ? (contains(local.extra_actions, lower("s3:${call.action}")) ? "" : "but the s3_bucket kind covers getObject, headObject and putObject only and no policy_statements action is s3:${call.action}") :
    length(local.declared.s3_bucket) == 0 ? "but integrations declares no s3_bucket" :
    anytrue([for key, name in local.bucket_names : (lookup(local.literal[id], "Bucket", "") == "" || name == local.literal[id].Bucket) && local.declared.s3_bucket[key][local.s3_access[call.action]]]) ? "" :
    "but no s3_bucket${lookup(local.literal[id], "Bucket", "") != "" ? " for \"${local.literal[id].Bucket}\"" : ""} allows ${local.s3_access[call.action]}"
  ) if call.service == "s3" }

  why_bedrock = { for id, call in local.calls : id => (
    length(local.declared.bedrock_model) == 0 ? "but integrations declares no bedrock_model" :
    lookup(local.literal[id], "ModelId", "") == "" || anytrue([for key, model_id in local.model_ids : contains([model_id, local.declared.bedrock_model[key].model_arn], local.literal[id].ModelId)]) ? "" :
    "on model \"${local.literal[id].ModelId}\", which no bedrock_model declares"
  ) if contains(["bedrock", "bedrockruntime"], call.service) }

  why_states = { for id, call in local.calls : id => (
    length(local.declared.state_machine) == 0 ? "but integrations declares no state_machine" :
    anytrue([for s in values(local.declared.state_machine) : (lookup(local.literal[id], "StateMachineArn", "") == "" || s.state_machine_arn == local.literal[id].StateMachineArn) && (s.sync || !call.sync)]) ? "" :
    "but no state_machine${lookup(local.literal[id], "StateMachineArn", "") != "" ? " for \"${local.literal[id].StateMachineArn}\"" : ""}${call.sync ? " has sync = true" : " is declared"}"
  ) if contains(["states", "sfn"], call.service) }

  why_events = { for id, call in local.calls : id => (
    length(local.declared.event_bus) == 0 ? "but integrations declares no event_bus" :
    alltrue([for bus in local.tasks[id].event_buses : startswith(bus, "$") || anytrue([for key, name in local.bus_names : contains([name, local.declared.event_bus[key].event_bus_arn], bus)])]) ? "" :
    "on bus ${join(", ", [for bus in local.tasks[id].event_buses : "\"${bus}\"" if !anytrue([for key, name in local.bus_names : contains([name, local.declared.event_bus[key].event_bus_arn], bus)])])}, which no event_bus declares"
  ) if contains(["events", "eventbridge"], call.service) }

  covered_services = ["lambda", "dynamodb", "sns", "sqs", "s3", "bedrock", "bedrockruntime", "states", "sfn", "events", "eventbridge", "activity"]
  why_other = { for id, call in local.calls : id => (
    call.service == "unknown" ? "which is not an integration, function or activity ARN" :
    contains(local.extra_actions, lower("${call.service}:${call.action}")) ? "" :
    "but no integration kind covers ${call.service} and no policy_statements action is ${call.service}:${call.action}"
  ) if !contains(local.covered_services, call.service) }

  uncovered_tasks = {
    for id, why in merge(local.why_lambda, local.why_dynamodb, local.why_sns, local.why_sqs, local.why_s3, local.why_bedrock, local.why_states, local.why_events, local.why_other) :
    id => why if why != ""
  }
}
