variable "create" {
  description = "Whether to create anything. With false the module creates nothing and its outputs are null."
  type        = bool
  default     = true
  nullable    = false
}

variable "name" {
  description = "REST API name; also names its stage log group, roles and models."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,48}$", var.name))
    error_message = "name must be 1-48 letters, digits, '-' or '_'."
  }
}

variable "description" {
  description = "REST API description."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags for every resource the module creates."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "endpoint_type" {
  description = "REGIONAL, or PRIVATE (reachable only through the interface VPC endpoints in vpc_endpoint_ids)."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "PRIVATE"], var.endpoint_type)
    error_message = "endpoint_type must be REGIONAL or PRIVATE (EDGE is left to CloudFront in front of a regional API)."
  }
}

variable "vpc_endpoint_ids" {
  description = "execute-api interface VPC endpoints a PRIVATE API admits (its resource policy allows only these)."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for id in var.vpc_endpoint_ids : can(regex("^vpce-[0-9a-f]+$", id))])
    error_message = "vpc_endpoint_ids must be VPC endpoint IDs (vpce-...)."
  }
}

variable "authorizers" {
  description = <<-EOT
    Authorizers routes refer to by key. type COGNITO_USER_POOLS takes user_pool_arns; TOKEN or REQUEST
    takes a Lambda function_arn (the module grants API Gateway invoke on it for this authorizer only).
  EOT
  type = map(object({
    type                             = string
    user_pool_arns                   = optional(list(string), [])
    function_arn                     = optional(string)
    identity_source                  = optional(string, "method.request.header.Authorization")
    authorizer_result_ttl_in_seconds = optional(number, 300)
  }))
  default  = {}
  nullable = false

  validation {
    condition = alltrue([for a in values(var.authorizers) : (
      (a.type == "COGNITO_USER_POOLS" && length(a.user_pool_arns) > 0 && a.function_arn == null) ||
      (contains(["TOKEN", "REQUEST"], a.type) && a.function_arn != null && length(a.user_pool_arns) == 0)
    )])
    error_message = "authorizers[\"${join("\", \"", [for k, a in var.authorizers : k if !(((a.type == "COGNITO_USER_POOLS" && length(a.user_pool_arns) > 0 && a.function_arn == null) || (contains(["TOKEN", "REQUEST"], a.type) && a.function_arn != null && length(a.user_pool_arns) == 0)))])}\"]: type COGNITO_USER_POOLS needs user_pool_arns (and no function_arn); TOKEN or REQUEST needs function_arn (and no user_pool_arns)."
  }

  validation {
    condition     = alltrue([for a in values(var.authorizers) : a.function_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", a.function_arn))])
    error_message = "authorizers[\"${join("\", \"", [for k, a in var.authorizers : k if !(a.function_arn == null || can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", a.function_arn)))])}\"]: function_arn must be a Lambda function ARN."
  }
}

variable "routes" {
  description = <<-EOT
    Routes by key. path ("/contact", "/orders/{id}", at most 5 segments) and method; authorization
    NONE (only with allow_unauthenticated = true, to make an open route a decision), AWS_IAM,
    COGNITO_USER_POOLS or CUSTOM (both with authorizer, a key of var.authorizers); api_key_required;
    request validation (body, params or all) with a JSON schema for application/json bodies; and one
    integration:
      LAMBDA_PROXY  lambda_function_arn; no templates or responses (the function shapes the response).
      LAMBDA        lambda_function_arn, request templates, responses by status code whose
                    selection_pattern matches the function's error message (e.g. ".*NotFound.*" -> 404).
      MOCK          request template choosing a statusCode, responses with their bodies.
      HTTP_PROXY    uri of an existing HTTP endpoint; path parameters are passed through.
      HTTP          uri, templates, responses by status code (selection_pattern matches the backend status).
      PRIVATE       uri on the NLB behind var.vpc_link, proxied through the VPC link.
      AWS_SERVICE   aws_service = { action = "sqs:SendMessage" | "dynamodb:PutItem" | "dynamodb:Query", resource_arn };
                    the module writes a role allowed exactly that action on exactly that resource.
  EOT
  type = map(object({
    path                  = string
    method                = string
    authorization         = optional(string, "NONE")
    authorizer            = optional(string)
    authorization_scopes  = optional(list(string))
    allow_unauthenticated = optional(bool, false)
    api_key_required      = optional(bool, false)
    validate              = optional(string)
    request_schema        = optional(string)
    request_parameters    = optional(map(bool), {})
    integration = object({
      type                 = string
      lambda_function_arn  = optional(string)
      uri                  = optional(string)
      http_method          = optional(string)
      aws_service          = optional(object({ action = string, resource_arn = string }))
      request_templates    = optional(map(string), {})
      request_parameters   = optional(map(string), {})
      passthrough_behavior = optional(string, "NEVER")
      timeout_milliseconds = optional(number, 29000)
      responses = optional(map(object({
        selection_pattern   = optional(string)
        templates           = optional(map(string), {})
        response_parameters = optional(map(string), {})
      })), {})
    })
  }))

  validation {
    condition     = length(var.routes) > 0
    error_message = "routes must have at least one route."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : can(regex("^/$|^(/([A-Za-z0-9._-]+|\\{[A-Za-z0-9_]+\\+?\\})){1,5}$", r.path))])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(can(regex("^/$|^(/([A-Za-z0-9._-]+|\\{[A-Za-z0-9_]+\\+?\\})){1,5}$", r.path)))])}\"]: path must be \"/\" or 1-5 segments like /orders/{id} (letters, digits, '.', '_', '-', or a {parameter})."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"], r.method)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"], r.method))])}\"]: method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY."
  }

  validation {
    condition     = length(distinct([for r in values(var.routes) : "${r.method} ${r.path}"])) == length(var.routes)
    error_message = "routes: two routes have the same method and path."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["NONE", "AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"], r.authorization)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["NONE", "AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"], r.authorization))])}\"]: authorization must be NONE, AWS_IAM, COGNITO_USER_POOLS or CUSTOM."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.authorization != "NONE" || r.allow_unauthenticated])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.authorization != "NONE" || r.allow_unauthenticated)])}\"]: a route with authorization NONE must say allow_unauthenticated = true; an open route is a decision, not a default."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["COGNITO_USER_POOLS", "CUSTOM"], r.authorization) == (r.authorizer != null)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["COGNITO_USER_POOLS", "CUSTOM"], r.authorization) == (r.authorizer != null))])}\"]: authorizer is required with authorization COGNITO_USER_POOLS or CUSTOM, and not allowed otherwise."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.validate == null || contains(["body", "params", "all"], coalesce(r.validate, "none"))])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.validate == null || contains(["body", "params", "all"], coalesce(r.validate, "none")))])}\"]: validate must be body, params or all."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.request_schema == null || can(keys(jsondecode(r.request_schema)))])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.request_schema == null || can(keys(jsondecode(r.request_schema))))])}\"]: request_schema must be a JSON schema object (jsonencode({...}))."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["LAMBDA_PROXY", "LAMBDA", "MOCK", "HTTP_PROXY", "HTTP", "PRIVATE", "AWS_SERVICE"], r.integration.type)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["LAMBDA_PROXY", "LAMBDA", "MOCK", "HTTP_PROXY", "HTTP", "PRIVATE", "AWS_SERVICE"], r.integration.type))])}\"]: integration.type must be LAMBDA_PROXY, LAMBDA, MOCK, HTTP_PROXY, HTTP, PRIVATE or AWS_SERVICE."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["LAMBDA_PROXY", "LAMBDA"], r.integration.type) == (r.integration.lambda_function_arn != null)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["LAMBDA_PROXY", "LAMBDA"], r.integration.type) == (r.integration.lambda_function_arn != null))])}\"]: integration.lambda_function_arn is required for LAMBDA_PROXY and LAMBDA routes, and not allowed for others."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.integration.lambda_function_arn == null || can(regex("^arn:aws[a-z-]*:(lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?|apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?/invocations)$", r.integration.lambda_function_arn))])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.integration.lambda_function_arn == null || can(regex("^arn:aws[a-z-]*:(lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?|apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?/invocations)$", r.integration.lambda_function_arn)))])}\"]: integration.lambda_function_arn must be a Lambda function ARN (or its API Gateway invoke URI, which the module reads the function ARN from)."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : !contains(["LAMBDA_PROXY", "HTTP_PROXY", "PRIVATE"], r.integration.type) || (length(r.integration.request_templates) == 0 && length(r.integration.responses) == 0)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(!contains(["LAMBDA_PROXY", "HTTP_PROXY", "PRIVATE"], r.integration.type) || (length(r.integration.request_templates) == 0 && length(r.integration.responses) == 0))])}\"]: a proxy route (LAMBDA_PROXY, HTTP_PROXY, PRIVATE) passes the request and response through; it takes no request_templates or responses."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["HTTP_PROXY", "HTTP", "PRIVATE"], r.integration.type) == (r.integration.uri != null)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["HTTP_PROXY", "HTTP", "PRIVATE"], r.integration.type) == (r.integration.uri != null))])}\"]: integration.uri is required for HTTP_PROXY, HTTP and PRIVATE routes, and not allowed for others."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.integration.uri == null || can(regex("^https?://[^/]+", r.integration.uri))])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.integration.uri == null || can(regex("^https?://[^/]+", r.integration.uri)))])}\"]: integration.uri must be an http:// or https:// URL."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : (r.integration.type == "AWS_SERVICE") == (r.integration.aws_service != null)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !((r.integration.type == "AWS_SERVICE") == (r.integration.aws_service != null))])}\"]: an AWS_SERVICE route needs integration.aws_service = { action, resource_arn }, and other routes take none."
  }

  validation {
    condition = alltrue([for r in values(var.routes) : r.integration.aws_service == null || try(
      (r.integration.aws_service.action == "sqs:SendMessage" && can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+$", r.integration.aws_service.resource_arn))) ||
      (r.integration.aws_service.action == "dynamodb:PutItem" && can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", r.integration.aws_service.resource_arn))) ||
      (r.integration.aws_service.action == "dynamodb:Query" && can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+(/index/[A-Za-z0-9_.-]+)?$", r.integration.aws_service.resource_arn))),
    false)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.integration.aws_service == null || try((r.integration.aws_service.action == "sqs:SendMessage" && can(regex("^arn:aws[a-z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+$", r.integration.aws_service.resource_arn))) || (r.integration.aws_service.action == "dynamodb:PutItem" && can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+$", r.integration.aws_service.resource_arn))) || (r.integration.aws_service.action == "dynamodb:Query" && can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]+(/index/[A-Za-z0-9_.-]+)?$", r.integration.aws_service.resource_arn))), false))])}\"]: integration.aws_service must be action \"sqs:SendMessage\" with a queue ARN, \"dynamodb:PutItem\" with a table ARN, or \"dynamodb:Query\" with a table or index ARN."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.integration.type != "AWS_SERVICE" || !contains(["dynamodb:PutItem", "dynamodb:Query"], try(r.integration.aws_service.action, "")) || length(r.integration.request_templates) > 0])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.integration.type != "AWS_SERVICE" || !contains(["dynamodb:PutItem", "dynamodb:Query"], try(r.integration.aws_service.action, "")) || length(r.integration.request_templates) > 0)])}\"]: a dynamodb:PutItem or dynamodb:Query route needs request_templates that map the request to the item or the key condition (there is no sensible default for either)."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.integration.type != "AWS_SERVICE" || try(r.integration.aws_service.action, "") != "dynamodb:Query" || length(r.integration.responses) > 0])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.integration.type != "AWS_SERVICE" || try(r.integration.aws_service.action, "") != "dynamodb:Query" || length(r.integration.responses) > 0)])}\"]: a dynamodb:Query route needs responses that map the items to the answer (the default answers only \"accepted\")."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["MOCK", "LAMBDA", "HTTP"], r.integration.type) == false || length(r.integration.responses) > 0])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["MOCK", "LAMBDA", "HTTP"], r.integration.type) == false || length(r.integration.responses) > 0)])}\"]: MOCK, LAMBDA and HTTP routes need responses (at least one status code), or the client gets a 500."
  }

  validation {
    condition     = alltrue(flatten([for r in values(var.routes) : [for code in keys(r.integration.responses) : can(regex("^[1-5][0-9][0-9]$", code))]]))
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !alltrue([for code in keys(r.integration.responses) : can(regex("^[1-5][0-9][0-9]$", code))])])}\"]: integration.responses keys must be HTTP status codes (100-599)."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : length(r.integration.responses) == 0 || length([for resp in values(r.integration.responses) : resp if resp.selection_pattern == null]) == 1])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(length(r.integration.responses) == 0 || length([for resp in values(r.integration.responses) : resp if resp.selection_pattern == null]) == 1)])}\"]: exactly one of a route's responses must have no selection_pattern: it is the default response."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : contains(["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"], r.integration.passthrough_behavior)])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(contains(["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"], r.integration.passthrough_behavior))])}\"]: integration.passthrough_behavior must be WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER."
  }

  validation {
    condition     = alltrue([for r in values(var.routes) : r.integration.timeout_milliseconds >= 50 && r.integration.timeout_milliseconds <= 29000])
    error_message = "routes[\"${join("\", \"", [for k, r in var.routes : k if !(r.integration.timeout_milliseconds >= 50 && r.integration.timeout_milliseconds <= 29000)])}\"]: integration.timeout_milliseconds must be from 50 to 29000."
  }
}

variable "vpc_link" {
  description = "For PRIVATE routes: an existing VPC link (id), or the Network Load Balancer ARNs to create one for (target_arns)."
  type = object({
    id          = optional(string)
    target_arns = optional(list(string), [])
  })
  default = null

  validation {
    condition     = var.vpc_link == null || try((var.vpc_link.id != null) != (length(var.vpc_link.target_arns) > 0), false)
    error_message = "vpc_link must set exactly one of id or target_arns."
  }

  validation {
    condition     = var.vpc_link == null || alltrue([for arn in try(var.vpc_link.target_arns, []) : can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/net/.+$", arn))])
    error_message = "vpc_link.target_arns must be Network Load Balancer ARNs (loadbalancer/net/...)."
  }
}

variable "api_keys" {
  description = "API keys to create, by name, put on one usage plan for the stage (routes with api_key_required need one)."
  type        = set(string)
  default     = []
  nullable    = false
}

variable "usage_plan" {
  description = "Throttling and quota of the usage plan the API keys belong to."
  type = object({
    rate_limit   = optional(number, 50)
    burst_limit  = optional(number, 100)
    quota_limit  = optional(number)
    quota_period = optional(string, "DAY")
  })
  default = {}
}

variable "stage_name" {
  description = "The stage's name (part of the URL)."
  type        = string
  default     = "v1"

  validation {
    condition     = can(regex("^[A-Za-z0-9_]{1,64}$", var.stage_name))
    error_message = "stage_name must be 1-64 letters, digits or '_'."
  }
}

variable "stage_variables" {
  description = "Stage variables."
  type        = map(string)
  default     = {}
  nullable    = false
}

variable "xray_tracing_enabled" {
  description = "Trace requests with X-Ray."
  type        = bool
  default     = true
  nullable    = false
}

variable "throttling_rate_limit" {
  description = "Steady requests per second every method of the stage accepts."
  type        = number
  default     = 100

  validation {
    condition     = var.throttling_rate_limit > 0
    error_message = "throttling_rate_limit must be positive."
  }
}

variable "throttling_burst_limit" {
  description = "Burst of requests every method of the stage accepts."
  type        = number
  default     = 50

  validation {
    condition     = var.throttling_burst_limit > 0 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a positive whole number."
  }
}

variable "cache_size" {
  description = "Stage cache size in GB (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237); null for no cache."
  type        = string
  default     = null

  validation {
    condition     = var.cache_size == null || contains(["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"], coalesce(var.cache_size, "x"))
    error_message = "cache_size must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 (GB), or null for no cache."
  }
}

variable "cache_ttl_in_seconds" {
  description = "How long the cache keeps a response, with cache_size set."
  type        = number
  default     = 300

  validation {
    condition     = var.cache_ttl_in_seconds >= 0 && var.cache_ttl_in_seconds <= 3600
    error_message = "cache_ttl_in_seconds must be from 0 to 3600."
  }
}

variable "logging_level" {
  description = "Execution logging: OFF, ERROR or INFO (needs the account's CloudWatch role: the apigw-account module)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.logging_level)
    error_message = "logging_level must be OFF, ERROR or INFO."
  }
}

variable "metrics_enabled" {
  description = "Per-method CloudWatch metrics."
  type        = bool
  default     = true
  nullable    = false
}

variable "access_log_retention_in_days" {
  description = "Retention of the stage's access log group."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.access_log_retention_in_days)
    error_message = "access_log_retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "access_log_kms_key_arn" {
  description = "Customer-managed KMS key for the access log group (its key policy must admit the logs service)."
  type        = string
  default     = null
}

variable "waf_acl_arn" {
  description = "WAFv2 web ACL (REGIONAL scope) to associate with the stage."
  type        = string
  default     = null

  validation {
    condition     = var.waf_acl_arn == null || can(regex("^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/.+$", var.waf_acl_arn))
    error_message = "waf_acl_arn must be a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/...)."
  }
}

variable "create_account_cloudwatch_role" {
  description = "Removed: always false. The account's API Gateway CloudWatch role is one per account and region and outlives any API; use the apigw-account module once per account (see its README) and pass its cloudwatch_role_arn as account_cloudwatch_role_arn."
  type        = bool
  default     = false
  nullable    = false

  validation {
    condition     = !var.create_account_cloudwatch_role
    error_message = "create_account_cloudwatch_role is removed: destroying an API that set the account's API Gateway CloudWatch role reset (provider 6.x) or orphaned (5.x) the logging of every REST API in the region. Set it once with the apigw-account module and pass its cloudwatch_role_arn as account_cloudwatch_role_arn."
  }
}

variable "account_cloudwatch_role_arn" {
  description = "The account's API Gateway CloudWatch role when this configuration sets it (the apigw-account module's cloudwatch_role_arn): the stage waits for the setting. null where the account baseline set it before."
  type        = string
  default     = null
}
