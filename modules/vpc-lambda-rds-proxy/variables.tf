variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are null."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "Name of the whole path: VPC, security groups, database, proxy and function are named after it."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,39}$", var.name))
    error_message = "name must be 3-40 lowercase letters, digits or '-', starting with a letter (RDS identifiers allow no capitals)."
  }
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

################################################################################
# Network
################################################################################

variable "create_vpc" {
  description = "Create the VPC (true), or use vpc_id and private_subnet_ids (false)."
  type        = bool
  default     = true
  nullable    = false
}

variable "vpc_cidr" {
  description = "CIDR of the VPC the module creates (/16 to /24); with an existing VPC, its CIDR (the endpoints admit HTTPS from it)."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && can(regex("/(1[6-9]|2[0-4])$", var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR from /16 to /24, e.g. 10.20.0.0/16."
  }
}

variable "availability_zone_count" {
  description = "Availability zones the created VPC spans (one private subnet, and public subnet with NAT, in each)."
  type        = number
  default     = 2

  validation {
    condition     = contains([2, 3], var.availability_zone_count)
    error_message = "availability_zone_count must be 2 or 3 (RDS subnet groups and the proxy need at least 2)."
  }
}

variable "nat_gateway" {
  description = "Internet egress for the function: NONE (AWS APIs through interface endpoints only), SINGLE (one NAT gateway) or PER_AZ (one per zone)."
  type        = string
  default     = "NONE"

  validation {
    condition     = contains(["NONE", "SINGLE", "PER_AZ"], var.nat_gateway)
    error_message = "nat_gateway must be NONE, SINGLE or PER_AZ."
  }
}

variable "vpc_id" {
  description = "Existing VPC (with create_vpc = false)."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID (vpc-...)."
  }
}

variable "private_subnet_ids" {
  description = "Existing private subnets in at least 2 zones (with create_vpc = false), for the function, proxy and database."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for id in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "private_subnet_ids must be subnet IDs (subnet-...)."
  }
}

variable "interface_endpoints" {
  description = "AWS services to reach through interface VPC endpoints (PrivateLink), e.g. [\"lambda\", \"secretsmanager\", \"sts\"]. Their security group admits 443 from the VPC only."
  type        = set(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.interface_endpoints : can(regex("^[a-z0-9][a-z0-9.-]*$", s))])
    error_message = "interface_endpoints must be service names as in com.amazonaws.<region>.<service>, e.g. \"secretsmanager\"."
  }
}

################################################################################
# Database
################################################################################

variable "database" {
  description = <<-EOT
    The database behind the proxy. engine: postgres or mysql (an RDS instance) or aurora-postgresql or
    aurora-mysql (an Aurora cluster with instance_count instances). Always encrypted, IAM authentication
    on, master password managed by RDS in Secrets Manager (secret_kms_key_arn), not publicly accessible.
  EOT
  type = object({
    engine                       = string
    engine_version               = optional(string)
    instance_class               = optional(string, "db.t4g.medium")
    instance_count               = optional(number, 1)
    allocated_storage            = optional(number, 20)
    db_name                      = optional(string, "app")
    master_username              = optional(string, "dbadmin")
    multi_az                     = optional(bool, true)
    backup_retention_period      = optional(number, 7)
    deletion_protection          = optional(bool, true)
    skip_final_snapshot          = optional(bool, false)
    storage_kms_key_arn          = optional(string)
    secret_kms_key_arn           = optional(string)
    performance_insights_enabled = optional(bool, true)
  })

  validation {
    condition     = contains(["postgres", "mysql", "aurora-postgresql", "aurora-mysql"], var.database.engine)
    error_message = "database.engine must be postgres, mysql, aurora-postgresql or aurora-mysql: the engines RDS Proxy serves (POSTGRESQL and MYSQL families)."
  }

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.database.instance_class))
    error_message = "database.instance_class must be an RDS instance class such as db.t4g.medium."
  }

  validation {
    condition     = var.database.instance_count >= 1 && var.database.instance_count <= 15
    error_message = "database.instance_count must be from 1 to 15."
  }

  validation {
    condition     = var.database.allocated_storage >= 20 && var.database.allocated_storage <= 65536
    error_message = "database.allocated_storage must be from 20 to 65536 GB."
  }

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.database.db_name)) && can(regex("^[A-Za-z][A-Za-z0-9_]{0,15}$", var.database.master_username))
    error_message = "database.db_name (up to 63) and master_username (up to 16) must be letters, digits or '_', starting with a letter."
  }

  validation {
    condition     = var.database.backup_retention_period >= 1 && var.database.backup_retention_period <= 35
    error_message = "database.backup_retention_period must be from 1 to 35 days (0 would turn backups off)."
  }

  validation {
    condition = alltrue([for arn in [var.database.storage_kms_key_arn, var.database.secret_kms_key_arn] :
    arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", arn))])
    error_message = "database.storage_kms_key_arn and secret_kms_key_arn must be KMS key ARNs: arn:aws:kms:<region>:<account>:key/<id>."
  }
}

variable "db_user" {
  description = "Database user the function connects as through the proxy with an IAM token (rds-db:connect is granted for this user only)."
  type        = string
  default     = "app_user"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,62}$", var.db_user))
    error_message = "db_user must be letters, digits or '_', starting with a letter."
  }
}

variable "db_user_secret" {
  description = <<-EOT
    The secret RDS Proxy logs in to the database with for db_user (the function presents IAM tokens to
    the proxy; the proxy presents this password to the database). Its password is generated by Secrets
    Manager and written to the secret only, never to the plan or state. kms_key_arn: a customer managed
    key (default: database.secret_kms_key_arn, else the AWS managed aws/secretsmanager key); the proxy's
    role may decrypt with it through Secrets Manager only. password_version: change it to write a new
    password, then set that password in the database. recovery_window_in_days: 0 deletes at once, else 7-30.
  EOT
  type = object({
    kms_key_arn             = optional(string)
    password_length         = optional(number, 32)
    password_version        = optional(number, 1)
    recovery_window_in_days = optional(number, 7)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.db_user_secret.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.db_user_secret.kms_key_arn))
    error_message = "db_user_secret.kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<id>."
  }

  validation {
    condition     = var.db_user_secret.password_length >= 16 && var.db_user_secret.password_length <= 99
    error_message = "db_user_secret.password_length must be from 16 to 99 (PostgreSQL and MySQL take up to 99 characters; under 16 is too weak)."
  }

  validation {
    condition     = var.db_user_secret.password_version >= 1 && floor(var.db_user_secret.password_version) == var.db_user_secret.password_version
    error_message = "db_user_secret.password_version must be a whole number from 1; change it to write a new password."
  }

  validation {
    condition     = var.db_user_secret.recovery_window_in_days == 0 || (var.db_user_secret.recovery_window_in_days >= 7 && var.db_user_secret.recovery_window_in_days <= 30)
    error_message = "db_user_secret.recovery_window_in_days must be 0 (delete at once) or from 7 to 30 days."
  }
}

variable "proxy" {
  description = "RDS Proxy pool settings. TLS and IAM authentication are always required; debug logging is always off."
  type = object({
    idle_client_timeout          = optional(number, 1800)
    max_connections_percent      = optional(number, 90)
    max_idle_connections_percent = optional(number, 50)
    connection_borrow_timeout    = optional(number, 120)
  })
  default = {}

  validation {
    condition     = var.proxy.idle_client_timeout >= 1 && var.proxy.idle_client_timeout <= 28800
    error_message = "proxy.idle_client_timeout must be from 1 to 28800 seconds."
  }

  validation {
    condition = (var.proxy.max_connections_percent >= 1 && var.proxy.max_connections_percent <= 100 &&
    var.proxy.max_idle_connections_percent >= 0 && var.proxy.max_idle_connections_percent <= var.proxy.max_connections_percent)
    error_message = "proxy.max_connections_percent must be 1-100, and max_idle_connections_percent 0 up to max_connections_percent."
  }

  validation {
    condition     = var.proxy.connection_borrow_timeout >= 0 && var.proxy.connection_borrow_timeout <= 3600
    error_message = "proxy.connection_borrow_timeout must be from 0 to 3600 seconds."
  }
}

################################################################################
# Function
################################################################################

variable "function" {
  description = "The function in the VPC (through lambda-with-layers): code, layers, sizing, extra environment and policy statements."
  type = object({
    handler               = string
    runtime               = optional(string, "python3.12")
    package_path          = string
    layers                = optional(map(object({ path = string, description = optional(string, "") })), {})
    memory_size           = optional(number, 256)
    timeout               = optional(number, 15)
    environment_variables = optional(map(string), {})
    policy_statements = optional(map(object({
      actions   = list(string)
      resources = list(string)
    })), {})
  })
}

variable "replace_security_groups_on_destroy" {
  description = "On destroy, move the function's ENIs off its security group first, so destroying does not hang on ENIs Lambda releases slowly."
  type        = bool
  default     = true
  nullable    = false
}
