# Two roles, never one: the execution role is ECS's (pull the image, write logs,
# read exactly the listed secrets); the task role is the application's (only the
# caller's statements). A compromised container gets the task role only.
data "aws_iam_policy_document" "ecs_tasks_trust" {
  count = var.create ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  count = var.create ? 1 : 0

  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "execution" {
  count = var.create ? 1 : 0

  statement {
    sid       = "WriteContainerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/ecs/${var.name}:log-stream:*"]
  }

  dynamic "statement" {
    for_each = length(local.ecr_repository_arns) > 0 ? [1] : []
    content {
      sid = "EcrAuthorizationToken"
      # GetAuthorizationToken is account-wide: it accepts no resource but "*".
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = length(local.ecr_repository_arns) > 0 ? [1] : []
    content {
      sid       = "PullImages"
      actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      resources = local.ecr_repository_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.secretsmanager_arns) > 0 ? [1] : []
    content {
      sid       = "ReadListedSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secretsmanager_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.ssm_parameter_arns) > 0 ? [1] : []
    content {
      sid       = "ReadListedParameters"
      actions   = ["ssm:GetParameters"]
      resources = local.ssm_parameter_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.secrets_kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptSecretsViaService"
      actions   = ["kms:Decrypt"]
      resources = var.secrets_kms_key_arns
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.amazonaws.com", "ssm.${local.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  count = var.create ? 1 : 0

  name   = "${var.name}-execution"
  role   = aws_iam_role.execution[0].id
  policy = data.aws_iam_policy_document.execution[0].json
}

resource "aws_iam_role" "task" {
  count = var.create ? 1 : 0

  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "task" {
  count = var.create && (length(var.task_role_statements) > 0 || var.enable_execute_command) ? 1 : 0

  dynamic "statement" {
    # A caller key taken by the module's own statement is refused by task_statement_rules;
    # it is left out here so that refusal, not a duplicate-Sid error, is what the caller reads.
    for_each = { for key, statement in var.task_role_statements : key => statement if !(var.enable_execute_command && key == "EcsExecSessionChannels") }
    content {
      sid       = statement.key
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }

  dynamic "statement" {
    for_each = var.enable_execute_command ? [1] : []
    content {
      sid = "EcsExecSessionChannels"
      # Session Manager channels have no resource ARN; these four actions are all ECS Exec needs.
      actions   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  count = length(data.aws_iam_policy_document.task)

  name   = "${var.name}-task"
  role   = aws_iam_role.task[0].id
  policy = data.aws_iam_policy_document.task[0].json

  depends_on = [module.task_statement_rules] # rules that can only be judged at apply come first
}

# The library's rules for caller statements: no wildcard actions, "*" resources only
# for actions that take none, no caller key replacing the module's own statement.
module "task_statement_rules" {
  source = "../iam-statement-rules"

  create                = var.create
  name                  = var.name
  input_name            = "task_role_statements"
  statements            = var.task_role_statements
  module_statement_keys = var.enable_execute_command ? ["EcsExecSessionChannels"] : []
}
