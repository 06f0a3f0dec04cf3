resource "aws_cloudwatch_log_group" "this" {
  #checkov:skip=CKV_AWS_158:Encrypted with log_kms_key_arn when the caller gives one; otherwise CloudWatch Logs encrypts it with its own key.
  count = var.create ? 1 : 0

  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

locals {
  container_definitions = [
    for name, c in var.containers : merge(
      {
        name                   = name
        image                  = c.image
        essential              = c.essential
        readonlyRootFilesystem = c.readonly_root_filesystem
        portMappings = [for p in c.port_mappings : merge(
          { containerPort = p.container_port, hostPort = p.container_port, protocol = p.protocol },
          p.name == null ? {} : { name = p.name },
        )]
        environment = [for k in sort(keys(c.environment)) : { name = k, value = c.environment[k] }]
        secrets     = [for s in c.secrets : { name = s.name, valueFrom = s.value_from }]
        mountPoints = [for i, p in c.writable_paths : { sourceVolume = "${name}-${i}", containerPath = p, readOnly = false }]
        logConfiguration = {
          logDriver = "awslogs"
          options = {
            awslogs-group         = try(aws_cloudwatch_log_group.this[0].name, "")
            awslogs-region        = local.region
            awslogs-stream-prefix = name
          }
        }
      },
      c.health_check == null ? {} : {
        healthCheck = {
          command     = c.health_check.command
          interval    = c.health_check.interval
          timeout     = c.health_check.timeout
          retries     = c.health_check.retries
          startPeriod = c.health_check.start_period
        }
      },
      c.cpu == null ? {} : { cpu = c.cpu },
      c.memory == null ? {} : { memory = c.memory },
      c.memory_reservation == null ? {} : { memoryReservation = c.memory_reservation },
      c.command == null ? {} : { command = c.command },
      c.entry_point == null ? {} : { entryPoint = c.entry_point },
      c.user == null ? {} : { user = c.user },
    )
  ]
  # One task-storage volume per writable path: the root filesystem stays read-only.
  scratch_volumes = flatten([for name, c in var.containers : [for i, p in c.writable_paths : "${name}-${i}"]])
}

resource "aws_ecs_task_definition" "this" {
  count = var.create ? 1 : 0

  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution[0].arn
  task_role_arn            = aws_iam_role.task[0].arn
  container_definitions    = jsonencode(local.container_definitions)
  tags                     = var.tags

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  dynamic "ephemeral_storage" {
    for_each = var.ephemeral_storage_gib == null ? [] : [var.ephemeral_storage_gib]
    content {
      size_in_gib = ephemeral_storage.value
    }
  }

  dynamic "volume" {
    for_each = toset(local.scratch_volumes)
    content {
      name = volume.value
    }
  }

  lifecycle {
    precondition {
      condition     = contains(local.allowed_memory, var.memory)
      error_message = "${var.name}: memory ${var.memory} is not valid with cpu ${var.cpu}; Fargate accepts ${join(", ", [for m in local.allowed_memory : tostring(m)])} MiB for that cpu."
    }
    precondition {
      condition     = sum(concat([0], [for c in values(var.containers) : coalesce(c.cpu, 0)])) <= var.cpu && sum(concat([0], [for c in values(var.containers) : coalesce(c.memory, c.memory_reservation, 0)])) <= var.memory
      error_message = "${var.name}: the containers' cpu and memory (or memory_reservation) add up to more than the task's cpu ${var.cpu} and memory ${var.memory}."
    }
    # The service's inputs, checked here so both forms of the service (service.tf) share them.
    precondition {
      condition     = var.create_cluster || var.cluster_arn != null
      error_message = "${var.name}: with create_cluster = false, cluster_arn is required."
    }
    precondition {
      condition = var.load_balanced_container == null || try(contains(
        [for p in var.containers[var.load_balanced_container.name].port_mappings : p.container_port], var.load_balanced_container.port
      ), false)
      error_message = "${var.name}: load_balanced_container must name a container in containers and one of its port_mappings' container_port."
    }
    precondition {
      condition     = !local.create_alb || length(var.public_subnet_ids) >= 2
      error_message = "${var.name}: an Application Load Balancer needs public_subnet_ids in at least 2 zones."
    }
    precondition {
      condition     = !local.use_listener || (var.existing_listener_arn != null && var.existing_alb_security_group_id != null && var.listener_rule != null)
      error_message = "${var.name}: with create_alb = false, existing_listener_arn, existing_alb_security_group_id and listener_rule are required (or set load_balanced_container = null for no load balancer)."
    }
    precondition {
      condition     = var.autoscaling == null || try(var.autoscaling.requests_per_target == null, true) || local.load_balanced
      error_message = "${var.name}: autoscaling.requests_per_target needs a load balancer (load_balanced_container)."
    }
  }
}
