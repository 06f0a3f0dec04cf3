# A STANDARD machine that calls every integration kind (optimized and aws-sdk), with a
# Parallel branch holding a Map, a callback, triggers, alarms, a customer key and versions.
locals {
  sfn_arn = "arn:aws:states:${local.region}:${local.account}"
  sfn_every_kind_definition = jsonencode({
    Comment = "every integration kind"
    StartAt = "Validate"
    States = {
      Validate = {
        Type       = "Task"
        Resource   = "arn:aws:states:::lambda:invoke"
        Parameters = { FunctionName = "arn:aws:lambda:${local.region}:${local.account}:function:validate:live", "Payload.$" = "$" }
        Next       = "Analyse"
      }
      Analyse = {
        Type       = "Task"
        Resource   = "arn:aws:states:::aws-sdk:bedrockruntime:converse"
        Parameters = { ModelId = "us.amazon.nova-lite-v1:0", "Messages.$" = "$.messages" }
        Retry      = [{ ErrorEquals = ["Bedrock.ThrottlingException"], MaxAttempts = 3, BackoffRate = 2, JitterStrategy = "FULL" }]
        Catch      = [{ ErrorEquals = ["States.ALL"], Next = "Review" }]
        Next       = "Policy"
      }
      Policy = {
        Type       = "Task"
        Resource   = "arn:aws:states:::dynamodb:getItem"
        Parameters = { TableName = "policies", Key = { "customer_id" = { "S.$" = "$.customer_id" } } }
        Next       = "Fan out"
      }
      "Fan out" = {
        Type = "Parallel"
        Next = "Review"
        Branches = [
          {
            StartAt = "Archive"
            States = {
              Archive = {
                Type       = "Task"
                Resource   = "arn:aws:states:::aws-sdk:s3:putObject"
                Parameters = { Bucket = "claims-archive", Key = "a", Body = "b" }
                Next       = "Each photo"
              }
              "Each photo" = {
                Type          = "Map"
                ItemsPath     = "$.photos"
                ItemProcessor = { StartAt = "Read photo", States = { "Read photo" = { Type = "Task", Resource = "arn:aws:states:::aws-sdk:s3:getObject", Parameters = { Bucket = "claims", "Key.$" = "$" }, End = true } } }
                End           = true
              }
            }
          },
          {
            StartAt = "Announce"
            States = {
              Announce = {
                Type       = "Task"
                Resource   = "arn:aws:states:::events:putEvents"
                Parameters = { Entries = [{ EventBusName = "claims", Source = "claims", DetailType = "Claim analysed", "Detail.$" = "$" }] }
                End        = true
              }
            }
          },
        ]
      }
      Review = {
        Type           = "Task"
        Resource       = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
        Parameters     = { QueueUrl = "https://sqs.${local.region}.amazonaws.com/${local.account}/reviews", MessageBody = { "token.$" = "$$.Task.Token" } }
        TimeoutSeconds = 259200
        Catch          = [{ ErrorEquals = ["States.Timeout"], Next = "Escalate" }]
        Next           = "Settle"
      }
      Escalate = {
        Type       = "Task"
        Resource   = "arn:aws:states:::sns:publish"
        Parameters = { TopicArn = "arn:aws:sns:${local.region}:${local.account}:supervisors", "Message.$" = "$" }
        Next       = "Settle"
      }
      Settle = {
        Type       = "Task"
        Resource   = "arn:aws:states:::states:startExecution.sync:2"
        Parameters = { StateMachineArn = "${local.sfn_arn}:stateMachine:payments", "Input.$" = "$" }
        Next       = "Record"
      }
      Record = {
        Type       = "Task"
        Resource   = "arn:aws:states:::dynamodb:updateItem"
        Parameters = { TableName = "claims", Key = { "claim_id" = { "S.$" = "$.claim_id" } }, UpdateExpression = "SET #s = :s" }
        Next       = "Done?"
      }
      "Done?" = {
        Type    = "Choice"
        Choices = [{ Variable = "$.status", StringEquals = "PAID", Next = "Paid" }]
        Default = "Not paid"
      }
      Paid       = { Type = "Succeed" }
      "Not paid" = { Type = "Fail", Error = "ClaimNotPaid", Cause = "The payment workflow did not pay the claim." }
    }
  })
}

module "sfn_every_kind" {
  source = "../../../modules/step-functions-workflow"

  name        = "sfn-every-kind"
  definition  = local.sfn_every_kind_definition
  publish     = true
  kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/5555-sfn"
  logging     = { level = "ALL", include_execution_data = true, retention_in_days = 731 }

  integrations = {
    validate = { lambda_function = { function_arn = "arn:aws:lambda:${local.region}:${local.account}:function:validate", qualifiers = ["live"] } }
    damage_model = { bedrock_model = {
      model_arn             = "arn:aws:bedrock:${local.region}:${local.account}:inference-profile/us.amazon.nova-lite-v1:0"
      foundation_model_arns = ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0"]
    } }
    policies_table = { dynamodb_table = { table_arn = "arn:aws:dynamodb:${local.region}:${local.account}:table/policies", actions = ["GetItem"], kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/6666-ddb" } }
    claims_table   = { dynamodb_table = { table_arn = "arn:aws:dynamodb:${local.region}:${local.account}:table/claims", actions = ["UpdateItem", "GetItem"], indexes = ["by-status"], kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/6666-ddb" } }
    archive        = { s3_bucket = { bucket_arn = "arn:aws:s3:::claims-archive", prefixes = ["claims/", "audit/"], read = false, write = true, kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/7777-s3" } }
    photos         = { s3_bucket = { bucket_arn = "arn:aws:s3:::claims", prefixes = ["incoming/"] } }
    claims_bus     = { event_bus = { event_bus_arn = "arn:aws:events:${local.region}:${local.account}:event-bus/claims" } }
    reviews        = { sqs_queue = { queue_arn = "arn:aws:sqs:${local.region}:${local.account}:reviews", kms_key_arn = "arn:aws:kms:${local.region}:${local.account}:key/8888-sqs" } }
    supervisors    = { sns_topic = { topic_arn = "arn:aws:sns:${local.region}:${local.account}:supervisors" } }
    payments       = { state_machine = { state_machine_arn = "${local.sfn_arn}:stateMachine:payments", sync = true } }
  }

  triggers = {
    upload = {
      event_pattern = jsonencode({ source = ["aws.s3"], "detail-type" = ["Object Created"], detail = { bucket = { name = ["claims"] } } })
      input_transformer = {
        input_paths    = { key = "$.detail.object.key", etag = "$.detail.object.etag" }
        input_template = "{\"key\": <key>, \"etag\": <etag>}"
      }
      retry = { maximum_event_age_in_seconds = 3600, maximum_retry_attempts = 10 }
    }
    nightly = { schedule_expression = "cron(0 2 * * ? *)", input = jsonencode({ sweep = true }) }
  }

  alarms = {
    topic_arn           = "arn:aws:sns:${local.region}:${local.account}:oncall"
    executions_failed   = { threshold = 3, period = 900, evaluation_periods = 2 }
    execution_throttled = { enabled = false }
  }

  tags = { team = "claims" }
}

# EXPRESS, direct Lambda ARNs, logging off, tracing off, nothing else: the smallest machine.
module "sfn_express_minimal" {
  source = "../../../modules/step-functions-workflow"

  name            = "sfn-express"
  type            = "EXPRESS"
  tracing_enabled = false
  logging         = { level = "OFF" }
  definition = jsonencode({
    StartAt = "Enrich"
    States = {
      Enrich = { Type = "Task", Resource = "arn:aws:lambda:${local.region}:${local.account}:function:enrich", End = true }
    }
  })
  integrations = {
    enrich = { lambda_function = { function_arn = "arn:aws:lambda:${local.region}:${local.account}:function:enrich" } }
  }
}

# A trigger on a custom bus delivering failures to the caller's queue; an aws-sdk call that no
# integration kind covers, granted through policy_statements; an activity.
module "sfn_given_queue" {
  source = "../../../modules/step-functions-workflow"

  name = "sfn-given-queue"
  definition = jsonencode({
    StartAt = "Translate"
    States = {
      Translate = { Type = "Task", Resource = "arn:aws:states:::aws-sdk:translate:translateText", Parameters = { SourceLanguageCode = "auto", TargetLanguageCode = "en", "Text.$" = "$.text" }, Next = "Work" }
      Work      = { Type = "Task", Resource = "${local.sfn_arn}:activity:manual-work", TimeoutSeconds = 3600, End = true }
    }
  })
  policy_statements = {
    Translate = { actions = ["translate:TranslateText"], resources = ["*"] }
  }
  triggers = {
    claims = { event_bus_name = "claims", event_pattern = jsonencode({ source = ["claims"] }) }
  }
  triggers_dead_letter_queue_arn = "arn:aws:sqs:${local.region}:${local.account}:claims-failed-starts"
}

module "sfn_disabled" {
  source = "../../../modules/step-functions-workflow"

  create     = false
  name       = "sfn-disabled"
  definition = jsonencode({ StartAt = "Done", States = { Done = { Type = "Succeed" } } })
}

output "sfn_outputs" {
  value = {
    callback_policy       = module.sfn_every_kind.callback_policy_json
    execution_arn_prefix  = module.sfn_every_kind.execution_arn_prefix
    express_executions    = module.sfn_express_minimal.execution_arn_prefix
    express_log_group     = module.sfn_express_minimal.log_group_name
    given_queue           = module.sfn_given_queue.triggers_dead_letter_queue_arn
    every_kind_queue      = module.sfn_every_kind.triggers_dead_letter_queue_arn
    disabled              = [module.sfn_disabled.state_machine_arn, module.sfn_disabled.role_arn, module.sfn_disabled.callback_policy_json, module.sfn_disabled.execution_arn_prefix]
    disabled_rules_alarms = [module.sfn_disabled.trigger_rule_arns, module.sfn_disabled.alarm_arns]
  }
}
